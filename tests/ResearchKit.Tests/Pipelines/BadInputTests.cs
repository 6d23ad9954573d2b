using ResearchKit.Audio;
using ResearchKit.Clustering;
using ResearchKit.Pipelines;

namespace ResearchKit.Tests.Pipelines;

/// <summary>The bad-input list for pipelines (missing model and contradictory hints are in
/// PyannotePipelineTests / PostProcessingTests; datasets with missing audio in DatasetTests).</summary>
public class BadInputTests
{
    private static Signal Noise(double seconds, int rate = 16000, double amp = 0.0)
    {
        var x = new float[(int)(seconds * rate)];
        var r = new Random(2);
        for (int i = 0; i < x.Length; i++) x[i] = (float)(amp * (r.NextDouble() - 0.5));
        return new Signal(x, rate);
    }

    [Fact]
    public void Silence_gives_an_empty_annotation_not_a_crash()
    {
        var s = Noise(5);
        Assert.Equal(0, new FrameClusteringPipeline(FrameClusteringOptions.Mfcc).Run(s, null, "sil").Annotation.Count);
        Assert.Equal(0, new WindowEmbeddingPipeline(new WindowEmbeddingOptions(), new MfccStatisticsEmbedder()).Run(s, null, "sil").Annotation.Count);
        using var p = PyannotePipeline.Open(Fixtures.Path("onnx"));
        var r = p.RunPyannote(s, null, "sil");
        Assert.Equal("sil", r.Annotation.Uri);
        Assert.All(r.Turns, t => Assert.True(t.End <= 5.0 + 1e-9));
    }

    [Fact]
    public void Audio_shorter_than_one_window_is_a_clear_error()
    {
        var e = Assert.Throws<InvalidParameterException>(() =>
            new WindowEmbeddingPipeline(new WindowEmbeddingOptions(), new MfccStatisticsEmbedder()).Run(Noise(0.2, amp: 0.1)));
        Assert.Contains("shorter than one", e.Message);
        Assert.Throws<InvalidParameterException>(() => new FrameClusteringPipeline(FrameClusteringOptions.Mfcc).Run(Noise(0.01, amp: 0.1)));
    }

    [Fact]
    public void Unexpected_sample_rate_asks_for_an_explicit_resample()
    {
        var e = Assert.Throws<InvalidParameterException>(() =>
            new WindowEmbeddingPipeline(new WindowEmbeddingOptions(), new MfccStatisticsEmbedder()).Run(Noise(3, 8000, 0.1)));
        Assert.Contains("resample", e.Message);
        using var p = PyannotePipeline.Open(Fixtures.Path("onnx"));
        Assert.Contains("resample", Assert.Throws<InvalidParameterException>(() => p.Run(Noise(3, 8000, 0.1))).Message);
    }

    [Fact]
    public void Speaker_count_larger_than_the_items_is_clamped_not_a_crash()
    {
        var s = Noise(3, amp: 0.2);
        var r = new WindowEmbeddingPipeline(new WindowEmbeddingOptions { Vad = new VadChoice(VadKind.None) }, new MfccStatisticsEmbedder())
            .RunWindows(s, SpeakerCount.Exactly(50));
        Assert.Equal(r.Windows.Count, r.NumSpeakers);
    }
}
