using System.Buffers.Binary;
using ResearchKit.Audio;
using static ResearchKit.Tests.Audio.WavBytes;

namespace ResearchKit.Tests.Audio;

public class AudioFileTests
{
    // Two frames × two channels: L = [0.5, −0.25], R = [−0.5, 0.75] in each sample format.
    private static readonly double[,] LR = { { 0.5, -0.5 }, { -0.25, 0.75 } };

    private static byte[] Encode(int format, int bits)
    {
        int bps = bits / 8;
        var data = new byte[2 * 2 * bps];
        for (int i = 0; i < 2; i++)
            for (int c = 0; c < 2; c++)
            {
                var s = data.AsSpan((i * 2 + c) * bps);
                double v = LR[i, c];
                switch ((format, bits))
                {
                    case (1, 8): s[0] = (byte)(v * 128 + 128); break;
                    case (1, 16): BinaryPrimitives.WriteInt16LittleEndian(s, (short)(v * 32768)); break;
                    case (1, 24): int x = (int)(v * 8388608); s[0] = (byte)x; s[1] = (byte)(x >> 8); s[2] = (byte)(x >> 16); break;
                    case (1, 32): BinaryPrimitives.WriteInt32LittleEndian(s, (int)(v * 2147483648.0)); break;
                    case (3, 32): BinaryPrimitives.WriteSingleLittleEndian(s, (float)v); break;
                    default: BinaryPrimitives.WriteDoubleLittleEndian(s, v); break;
                }
            }
        return data;
    }

    [Theory]
    [InlineData(1, 8, false)] [InlineData(1, 16, false)] [InlineData(1, 24, false)] [InlineData(1, 32, false)]
    [InlineData(3, 32, false)] [InlineData(3, 64, false)] [InlineData(1, 24, true)] [InlineData(3, 32, true)]
    public void Reads_every_sample_format_with_channel_choice_and_downmix(int format, int bits, bool extensible)
    {
        // extra chunks before and after fmt, one with odd size (padding byte)
        string p = Save(Riff(Chunk("LIST", "INFOISFTabc"u8.ToArray()), Chunk("fmt ", Fmt(format, 2, 8000, bits, extensible)),
            Chunk("fact", new byte[4]), Chunk("data", Encode(format, bits))));
        var left = AudioFile.Read(p, AudioReadOptions.SelectChannel(0));
        var right = AudioFile.Read(p, AudioReadOptions.SelectChannel(1));
        var mix = AudioFile.Read(p);
        Assert.Equal(8000, mix.SampleRate);
        Assert.Equal(new[] { 0.5f, -0.25f }, left.ToArray());
        Assert.Equal(new[] { -0.5f, 0.75f }, right.ToArray());
        Assert.Equal(new[] { 0f, 0.25f }, mix.ToArray());
        var info = AudioFile.ReadInfo(p);
        Assert.Equal((2, 2L, format, bits), (info.Channels, info.Frames, info.FormatCode, info.BitsPerSample));
    }

    [Fact]
    public void Reads_a_time_range_by_seeking()
    {
        var x = new float[16000];
        for (int i = 0; i < x.Length; i++) x[i] = (i % 1000) / 1000f;
        string p = Path.Combine(Fixtures.TempDir(), "r.wav");
        AudioFile.WriteWav(p, new Signal(x, 16000), WavSampleFormat.Float32);
        var part = AudioFile.Read(p, new AudioReadOptions { StartSeconds = 0.25, EndSeconds = 0.5 });
        Assert.Equal(x.AsSpan(4000, 4000).ToArray(), part.ToArray());
    }

    [Theory]
    [InlineData(WavSampleFormat.Pcm16)]
    [InlineData(WavSampleFormat.Float32)]
    public void WriteWav_round_trips(WavSampleFormat format)
    {
        var x = new float[] { 0f, 0.5f, -0.5f, -1f, 32767f / 32768f, 0.123f };
        string dir = Fixtures.TempDir(), p = Path.Combine(dir, "w.wav");
        AudioFile.WriteWav(p, new Signal(x, 22050), format);
        var y = AudioFile.Read(p);
        Assert.Equal(22050, y.SampleRate);
        for (int i = 0; i < x.Length; i++)
            Assert.Equal(x[i], y.Samples[i], format == WavSampleFormat.Pcm16 ? 1.0 / 65536 : 0.0);
        Assert.Single(Directory.GetFiles(dir)); // no temporary file left behind
    }

    [Fact]
    public void Ffmpeg_decodes_flac_identically_to_the_wav()
    {
        string wav = Fixtures.Path("features", "audio", "speech_m3.wav");
        string flac = Path.Combine(Fixtures.TempDir(), "m3.flac");
        var psi = new System.Diagnostics.ProcessStartInfo("ffmpeg") { RedirectStandardError = true };
        foreach (var a in new[] { "-nostdin", "-v", "error", "-i", wav, flac }) psi.ArgumentList.Add(a);
        using (var pr = System.Diagnostics.Process.Start(psi)!) { pr.StandardError.ReadToEnd(); pr.WaitForExit(); Assert.Equal(0, pr.ExitCode); }
        var a0 = AudioFile.Read(wav);
        var b0 = AudioFile.Read(flac);
        Assert.Equal(a0.SampleRate, b0.SampleRate);
        Assert.Equal(a0.ToArray(), b0.ToArray());
        var part = AudioFile.Read(flac, new AudioReadOptions { StartSeconds = 1.0, EndSeconds = 2.0 });
        Assert.InRange(part.Length, 15990, 16010);
    }
}
