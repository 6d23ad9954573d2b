using ResearchKit.Audio;
using ResearchKit.Features;
using static ResearchKit.Tests.Audio.WavBytes;

namespace ResearchKit.Tests.Audio;

/// <summary>One test per bad-input case of the foundation issue: each throws a ResearchKitException whose message
/// names the file or parameter, says what is wrong and how to fix it.</summary>
public class BadAudioInputTests
{
    private static byte[] Pcm16(params short[] s) => s.SelectMany(BitConverter.GetBytes).ToArray();

    private static InvalidInputFileException ReadFails(string path, string expected)
    {
        var e = Assert.Throws<InvalidInputFileException>(() => AudioFile.Read(path));
        Assert.Equal(path, e.Path);
        Assert.StartsWith(path, e.Message);
        Assert.Contains(expected, e.Message);
        return e;
    }

    [Fact]
    public void Empty_file() => ReadFails(Save([]), "empty");

    [Fact]
    public void Truncated_file()
    {
        var full = Riff(Chunk("fmt ", Fmt(1, 1, 16000, 16)), Chunk("data", Pcm16(1, 2, 3)));
        ReadFails(Save(full[..30]), "truncated");
    }

    [Fact]
    public void Wrong_magic() => ReadFails(Save("RIFX\0\0\0\0WAVEfmt "u8.ToArray()), "wrong magic");

    [Fact]
    public void Unsupported_format_code() =>
        ReadFails(Save(Riff(Chunk("fmt ", Fmt(0x11, 1, 16000, 4)), Chunk("data", new byte[8]))), "unsupported WAV format code 17");

    [Fact]
    public void Data_chunk_longer_than_the_file() =>
        ReadFails(Save(Riff(Chunk("fmt ", Fmt(1, 1, 16000, 16)), Chunk("data", Pcm16(1, 2, 3), declaredSize: 1000))), "declares 1000 bytes");

    [Fact]
    public void Zero_samples() =>
        ReadFails(Save(Riff(Chunk("fmt ", Fmt(1, 1, 16000, 16)), Chunk("data", []))), "zero samples");

    [Fact]
    public void NaN_or_Inf_samples()
    {
        var data = new[] { 0.1f, float.NaN, 0.2f }.SelectMany(BitConverter.GetBytes).ToArray();
        ReadFails(Save(Riff(Chunk("fmt ", Fmt(3, 1, 16000, 32)), Chunk("data", data))), "sample 1 is NaN");
        // and a signal built in memory is refused by the features
        var x = new float[16000]; x[123] = float.PositiveInfinity;
        var e = Assert.Throws<InvalidParameterException>(() => KaldiFbank.Compute(new Signal(x, 16000), FbankOptions.Kaldi));
        Assert.Contains("sample 123", e.Message);
    }

    [Fact]
    public void Sample_rate_mismatch()
    {
        var e = Assert.Throws<InvalidParameterException>(() => KaldiFbank.Compute(new Signal(new float[8000], 8000), FbankOptions.WeSpeakerFbank80));
        Assert.Equal("signal", e.Parameter);
        Assert.Contains("16000 Hz", e.Message);
        Assert.Contains("8000 Hz", e.Message);
        Assert.Contains("--resample 16000", e.Message);
    }

    [Fact]
    public void Missing_ffmpeg()
    {
        string p = Save("fLaC not really"u8.ToArray(), "x.flac");
        string old = Ffmpeg.Executable;
        try
        {
            Ffmpeg.Executable = "/nonexistent/ffmpeg-for-test";
            var e = Assert.Throws<MissingDependencyException>(() => AudioFile.Read(p));
            Assert.Equal("ffmpeg", e.Dependency);
            Assert.Contains(p, e.Message);
            Assert.Contains("apt-get install ffmpeg", e.Message);
        }
        finally { Ffmpeg.Executable = old; }
    }
}
