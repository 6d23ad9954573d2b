using ResearchKit.Annotations;
using ResearchKit.Audio;
using ResearchKit.Models;
using Xunit.Abstractions;

namespace ResearchKit.Tests.Models;

public class SileroVadTests(ITestOutputHelper output)
{
    // Floors (miss %, false alarm % of reference speech, 1 ms grid, no collar). sample and simdev00 have exact,
    // tight references: a working VAD misses < 8 % and adds < 6 %. The AMI excerpts' references are word-derived with
    // long merged turns that include the speakers' pauses (tests/fixtures/vad/README.md), so every VAD "misses" those
    // pauses: measured 14–37 % for Silero v4/v5/v6 and energy alike; the floor is 40 %. An always-speech VAD fails the FA floor
    // (non-speech is 10–25 % of speech time), a never-speech one fails the miss floor.
    public static TheoryData<string, double, double> Recordings => new()
    {
        { "sample", 8, 6 }, { "simdev00", 8, 6 }, { "dev00", 40, 6 }, { "trn05", 40, 6 },
    };

    [Theory]
    [MemberData(nameof(Recordings))]
    public void SileroV6_MatchesReferenceSpeech(string uri, double maxMiss, double maxFa) => Quality(uri, SileroModel.V6Path, maxMiss, maxFa);

    [Theory]
    [MemberData(nameof(Recordings))]
    public void SileroV5_MatchesReferenceSpeech(string uri, double maxMiss, double maxFa) => Quality(uri, SileroModel.V5Path, maxMiss, maxFa);

    [Theory]
    [MemberData(nameof(Recordings))]
    public void SileroV4_MatchesReferenceSpeech(string uri, double maxMiss, double maxFa) => Quality(uri, SileroModel.V4Path, maxMiss, maxFa);

    [Theory]
    [MemberData(nameof(Recordings))]
    public void Energy_MatchesReferenceSpeech(string uri, double maxMiss, double maxFa)
    {
        var x = AudioFile.Read(Fixtures.Path("vad", uri + ".wav"));
        var hyp = EnergyVad.Detect(x);
        Report(uri, "energy", hyp, x, maxMiss, maxFa);
    }

    private void Quality(string uri, string model, double maxMiss, double maxFa)
    {
        var x = AudioFile.Read(Fixtures.Path("vad", uri + ".wav"));
        using var vad = SileroVad.Open(model);
        Report(uri, Path.GetFileName(model), vad.Detect(x), x, maxMiss, maxFa);
    }

    private void Report(string uri, string what, Timeline hyp, Signal x, double maxMiss, double maxFa)
    {
        var reference = VadScoring.ReadRttmUnion(Fixtures.Path("vad", uri + ".rttm"));
        var (miss, fa) = VadScoring.Score(reference, hyp, x.Duration);
        output.WriteLine($"{uri} {what}: miss {miss:0.00} % FA {fa:0.00} % ({hyp.Count} regions)");
        Assert.InRange(miss, 0, maxMiss);
        Assert.InRange(fa, 0, maxFa);
    }
}

public class SileroVadStreamingTests
{
    [Fact]
    public void ProcessChunkByChunk_EqualsProbabilitiesOfWholeSignal()
    {
        var x = AudioFile.Read(Fixtures.Path("vad", "sample.wav")).SliceTime(6, 12);
        using var vad = SileroVad.Open(SileroModel.V6Path);
        var whole = vad.Probabilities(x);
        vad.Reset();
        var s = x.Samples;
        for (int i = 0; i < whole.Length - 1; i++)
            Assert.Equal(whole[i], vad.Process(s.Slice(i * 512, 512)));
        Assert.Equal(SileroVariant.V5, vad.Variant);
        Assert.Contains(whole, p => p > 0.9f);  // speech present in 6–12 s
        Assert.Contains(whole, p => p < 0.1f);  // and pauses
    }

    [Fact]
    public void ResetRestoresInitialState()
    {
        var x = AudioFile.Read(Fixtures.Path("vad", "sample.wav")).SliceTime(7, 9);
        using var vad = SileroVad.Open(SileroModel.V5Path);
        var a = vad.Probabilities(x);
        var b = vad.Probabilities(x);
        Assert.Equal(a, b);
    }

    [Fact]
    public void V4LegacyDetectedWith1536SampleChunks()
    {
        using var vad = SileroVad.Open(SileroModel.V4Path);
        Assert.Equal(SileroVariant.V4, vad.Variant);
        Assert.Equal(1536, vad.ChunkSamples);
    }
}
