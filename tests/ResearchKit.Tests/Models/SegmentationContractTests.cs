using ResearchKit.Audio;
using ResearchKit.IO;
using ResearchKit.Models;

namespace ResearchKit.Tests.Models;

/// <summary>pyannote segmentation-3.0 contract on a tiny random-weight model (tests/fixtures/onnx/make_fixtures.py):
/// sliding windows, padding of the last chunk and of short audio, batching, powerset → multilabel, against PyTorch at 1e-4.</summary>
public class SegmentationContractTests
{
    private static string F(string name) => Fixtures.Path("onnx", name);

    private static float[,,] Read3(string name)
    {
        var a = Npy.Read(F(name));
        var o = new float[a.Shape[0], a.Shape[1], a.Shape[2]];
        int k = 0;
        for (int i = 0; i < a.Shape[0]; i++) for (int j = 0; j < a.Shape[1]; j++) for (int c = 0; c < a.Shape[2]; c++) o[i, j, c] = (float)a.Data[k++];
        return o;
    }

    private static void AssertClose(float[,,] e, float[,,] a, float tol = 1e-4f)
    {
        for (int d = 0; d < 3; d++) Assert.Equal(e.GetLength(d), a.GetLength(d));
        double worst = 0;
        for (int i = 0; i < e.GetLength(0); i++) for (int j = 0; j < e.GetLength(1); j++) for (int c = 0; c < e.GetLength(2); c++)
                    worst = Math.Max(worst, Math.Abs(e[i, j, c] - a[i, j, c]));
        Assert.True(worst <= tol, $"max |diff| = {worst:g3}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(32)]
    public void SlidingWindows_MatchPyTorch(int batch)
    {
        using var seg = PyannoteSegmentation.Open(F("segmentation_tiny.onnx"), SegmentationOptions.Pyannote311 with { BatchSize = batch });
        var x = new Signal(Npy.Read(F("segmentation_audio.npy")).ToFloatArray(), 16000);
        var r = seg.Run(x);
        Assert.Equal(Npy.Read(F("segmentation_chunk_starts.npy")).ToInt64Array().Select(s => s / 16000.0), r.ChunkStarts);
        AssertClose(Read3("segmentation_logprobs.npy"), r.LogProbabilities);
        AssertClose(Read3("segmentation_multilabel_hard.npy"), r.Multilabel());
        AssertClose(Read3("segmentation_multilabel_soft.npy"), r.Multilabel(soft: true));
    }

    [Fact]
    public void AudioShorterThanOneWindow_IsZeroPaddedLikePyannote()
    {
        using var seg = PyannoteSegmentation.Open(F("segmentation_tiny.onnx"));
        var r = seg.Run(new Signal(Npy.Read(F("segmentation_short_audio.npy")).ToFloatArray(), 16000));
        Assert.Equal([0.0], r.ChunkStarts);
        AssertClose(Read3("segmentation_short_logprobs.npy"), r.LogProbabilities);
    }

    [Fact]
    public void FrameTiming_NamedOptions()
    {
        using var a = PyannoteSegmentation.Open(F("segmentation_tiny.onnx"));
        using var b = PyannoteSegmentation.Open(F("segmentation_tiny.onnx"), SegmentationOptions.PyannoteReceptiveField);
        var x = new Signal(new float[16000 * 11], 16000);
        var ra = a.Run(x);
        var rb = b.Run(x);
        Assert.Equal(589, ra.FramesPerChunk);
        Assert.Equal(10.0 / 589, ra.FrameStepSeconds, 12);
        Assert.Equal(1 + 5 * 10.0 / 589 + 5.0 / 589, ra.FrameCentre(1, 5), 12); // chunk 1 starts at 1 s
        Assert.Equal(270.0 / 16000, rb.FrameStepSeconds, 12);
        Assert.Equal(991.0 / 16000, rb.FrameDurationSeconds, 12);
        Assert.Equal(1 + (5 * 270 + 495.5) / 16000, rb.FrameCentre(1, 5), 12);
    }

    [Fact]
    public void PowersetClasses_FollowPyannoteOrder()
    {
        var p = Powerset.Segmentation30;
        Assert.Equal(["", "0", "1", "2", "0,1", "0,2", "1,2"], p.Classes.Select(c => string.Join(",", c)));
    }

    [Fact]
    public void ChunkStarts_PyannoteRule()
    {
        Assert.Equal([0, 16000, 32000], PyannoteSegmentation.ChunkStartSamples(192000, 160000, 16000));       // exact fit: no extra chunk
        Assert.Equal([0, 16000, 32000, 48000], PyannoteSegmentation.ChunkStartSamples(200000, 160000, 16000)); // remainder → padded chunk
        Assert.Equal([0], PyannoteSegmentation.ChunkStartSamples(5, 160000, 16000));
    }

    [Fact]
    public void EmbeddingModel_AsSegmentation_NamesExpectedAndFound()
    {
        var e = Assert.Throws<InvalidInputFileException>(() => PyannoteSegmentation.Open(F("wespeaker_tiny.onnx")));
        Assert.Contains("pyannote-segmentation-3.0", e.Message);
        Assert.Contains("expected output (any name) [B,F,7], found embs [B,16]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongSampleRate_ForSegmentation_IsClearError()
    {
        using var seg = PyannoteSegmentation.Open(F("segmentation_tiny.onnx"));
        var e = Assert.Throws<InvalidParameterException>(() => seg.Run(new Signal(new float[44100], 44100)));
        Assert.Contains("44100", e.Message);
    }
}
