using ResearchKit.Audio;
using ResearchKit.IO;
using ResearchKit.Models;

namespace ResearchKit.Tests.Models;

/// <summary>Contract tests on tiny random-weight models exported by tests/fixtures/onnx/make_fixtures.py: our wrapper
/// outputs versus the PyTorch outputs saved next to the models, at 1e-4 (issue 13).</summary>
public class EmbedderContractTests
{
    private const float Tol = 1e-4f;
    private static string F(string name) => Fixtures.Path("onnx", name);
    private static float[,] Feats(int i) => Npy.Read(F($"wespeaker_feats_{i}.npy")).ToFloatMatrix();
    private static List<float[,]> AllFeats() => Enumerable.Range(0, 5).Select(Feats).ToList();

    // The feature tests bypass the front end; the delegate must not be called.
    private static float[,] NoFrontEnd(Signal s) => throw new InvalidOperationException("front end not expected");

    internal static void AssertClose(float[,] expected, float[,] actual, float tol = Tol)
    {
        Assert.Equal(expected.GetLength(0), actual.GetLength(0));
        Assert.Equal(expected.GetLength(1), actual.GetLength(1));
        double worst = 0;
        for (int i = 0; i < expected.GetLength(0); i++)
            for (int j = 0; j < expected.GetLength(1); j++) worst = Math.Max(worst, Math.Abs(expected[i, j] - actual[i, j]));
        Assert.True(worst <= tol, $"max |diff| = {worst:g3} > {tol:g3}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(16)]
    public void WeSpeaker_FeaturesBatched_MatchPyTorch(int batch)
    {
        using var e = OnnxSpeakerEmbedder.WeSpeaker(F("wespeaker_tiny.onnx"), NoFrontEnd, new EmbeddingOptions(BatchSize: batch));
        Assert.Equal(16, e.Dimension);
        AssertClose(Npy.Read(F("wespeaker_embs.npy")).ToFloatMatrix(), e.EmbedFeatures(AllFeats()));
    }

    [Fact]
    public void WeSpeaker_EndToEnd_OurKaldiFbank_MatchesTorchaudioAndPyTorch()
    {
        // Audio → our KaldiFbank (WeSpeakerFbank80) → ONNX, versus torchaudio.compliance.kaldi.fbank → PyTorch.
        using var e = OnnxSpeakerEmbedder.WeSpeaker(F("wespeaker_tiny.onnx"), new EmbeddingOptions(BatchSize: 4));
        AssertClose(Npy.Read(F("wespeaker_e2e_embs.npy")).ToFloatMatrix(), e.Embed(RawSegments()));
    }

    [Fact]
    public void WeSpeaker_FrameMask_EmbedsOnlySelectedFrames()
    {
        using var e = OnnxSpeakerEmbedder.WeSpeaker(F("wespeaker_tiny.onnx"), NoFrontEnd);
        var mask = Npy.Read(F("wespeaker_mask_0.npy")).ToInt32Array().Select(v => v != 0).ToArray();
        var got = e.EmbedFeatures([Feats(0), Feats(1)], [mask, null]);
        var all = Npy.Read(F("wespeaker_embs.npy")).ToFloatMatrix();
        var masked = Npy.Read(F("wespeaker_embs_masked_0.npy")).ToFloatMatrix();
        AssertClose(masked, Row(got, 0));
        AssertClose(Row(all, 1), Row(got, 1));
    }

    [Fact]
    public void Nemo_FeaturesTransposedWithLengths_MatchPyTorch()
    {
        using var e = OnnxSpeakerEmbedder.Nemo(F("nemo_tiny.onnx"), NoFrontEnd, new EmbeddingOptions(BatchSize: 8));
        AssertClose(Npy.Read(F("nemo_embs.npy")).ToFloatMatrix(), e.EmbedFeatures(AllFeats()));
    }

    [Fact]
    public void Nemo_FrontEndIsAppliedPerSegment()
    {
        // A front end returning the saved features for each (dummy) segment in turn: checks the Embed(signals) path.
        var feats = AllFeats();
        int k = 0;
        using var e = OnnxSpeakerEmbedder.Nemo(F("nemo_tiny.onnx"), _ => feats[k++]);
        var segs = Enumerable.Range(0, 5).Select(_ => new Signal(new float[16000], 16000)).ToList();
        AssertClose(Npy.Read(F("nemo_embs.npy")).ToFloatMatrix(), e.Embed(segs));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Raw_OwnLengths_MatchPyTorch(int batch)
    {
        using var e = OnnxSpeakerEmbedder.RawWaveform(F("raw_tiny.onnx"), new EmbeddingOptions(BatchSize: batch));
        Assert.Equal(ModelContract.RawWaveformChannel, e.Contract);
        AssertClose(Npy.Read(F("raw_embs.npy")).ToFloatMatrix(), e.Embed(RawSegments()));
    }

    [Fact]
    public void Raw_FixedOneSecond_CentreCropsAndTiles_MatchPyTorch()
    {
        using var e = OnnxSpeakerEmbedder.RawWaveform(F("raw_tiny.onnx"), new EmbeddingOptions(BatchSize: 32, FixedSeconds: 1.0));
        AssertClose(Npy.Read(F("raw_embs_fixed1s.npy")).ToFloatMatrix(), e.Embed(RawSegments()));
    }

    [Fact]
    public void L2Normalize_GivesUnitRows()
    {
        var n = OnnxSpeakerEmbedder.L2Normalize(new float[,] { { 3, 4 }, { 0, 0 } });
        Assert.Equal(0.6f, n[0, 0], 6);
        Assert.Equal(0.8f, n[0, 1], 6);
        Assert.Equal(0f, n[1, 0]);
    }

    [Fact]
    public void EmptySegmentList_IsClearError()
    {
        using var e = OnnxSpeakerEmbedder.RawWaveform(F("raw_tiny.onnx"));
        var ex = Assert.Throws<InvalidParameterException>(() => e.Embed([]));
        Assert.Contains("empty", ex.Message);
    }

    [Fact]
    public void WeSpeakerContract_OnRawModel_NamesExpectedAndFound()
    {
        var ex = Assert.Throws<InvalidInputFileException>(() => OnnxSpeakerEmbedder.WeSpeaker(F("raw_tiny.onnx"), NoFrontEnd));
        Assert.Contains("expected input feats [B,T,80], found waveform [B,1,T]", ex.Message);
        Assert.Contains("raw_tiny.onnx", ex.Message);
    }

    [Fact]
    public void WrongSampleRate_ForEmbedder_IsClearError()
    {
        using var e = OnnxSpeakerEmbedder.RawWaveform(F("raw_tiny.onnx"));
        var ex = Assert.Throws<InvalidParameterException>(() => e.Embed([new Signal(new float[8000], 8000)]));
        Assert.Equal("segments", ex.Parameter);
        Assert.Contains("is at 8000 Hz but", ex.Message);
    }

    [Fact]
    public void SegmentShorterThanMinimum_IsRejected()
    {
        using var e = OnnxSpeakerEmbedder.RawWaveform(F("raw_tiny.onnx"), new EmbeddingOptions(MinDurationSeconds: 0.5));
        var ex = Assert.Throws<InvalidParameterException>(() => e.Embed([new Signal(new float[1600], 16000)]));
        Assert.Equal("segments", ex.Parameter);
        Assert.Contains("lasts 0.1 s, shorter than the minimum 0.5 s", ex.Message);
        Assert.EndsWith("(or lower EmbeddingOptions.MinDurationSeconds).", ex.Message);
    }

    internal static List<Signal> RawSegments() =>
        Enumerable.Range(0, 4).Select(i => new Signal(Npy.Read(F($"raw_segment_{i}.npy")).ToFloatArray(), 16000)).ToList();

    private static float[,] Row(float[,] m, int i)
    {
        var r = new float[1, m.GetLength(1)];
        for (int j = 0; j < m.GetLength(1); j++) r[0, j] = m[i, j];
        return r;
    }
}
