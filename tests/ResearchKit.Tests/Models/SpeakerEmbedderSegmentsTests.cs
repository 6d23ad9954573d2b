using ResearchKit.Audio;
using ResearchKit.Models;
using ResearchKit.Pipelines;

namespace ResearchKit.Tests.Models;

/// <summary>The one check of <see cref="ISpeakerEmbedder.Embed"/>'s input (sample rate, minimum duration) that every embedder uses.</summary>
public class SpeakerEmbedderSegmentsTests
{
    private sealed class Fake : ISpeakerEmbedder
    {
        public string Name => "fake";
        public int Dimension => 2;
        public int SampleRate => 16000;
        public double MinDurationSeconds => 0.1;
        public float[,] Embed(IReadOnlyList<Signal> segments) => new float[segments.Count, Dimension];
    }

    private static Signal Seconds(double s, int rate = 16000) => new(new float[(int)Math.Round(s * rate)], rate);

    [Fact]
    public void A_segment_at_another_sample_rate_is_named_with_both_rates_and_the_fix()
    {
        var e = Assert.Throws<InvalidParameterException>(() => SpeakerEmbedderSegments.Check(new Fake(), [Seconds(1), Seconds(1, 8000)]));
        Assert.Equal("segments", e.Parameter);
        Assert.Equal("segments: segment 1 is at 8000 Hz but fake expects 16000 Hz; resample it first (Resampler.Resample).", e.Message);
    }

    [Fact]
    public void A_segment_shorter_than_the_minimum_is_named_with_its_duration_the_minimum_and_the_fix()
    {
        var e = Assert.Throws<InvalidParameterException>(() => SpeakerEmbedderSegments.Check(new Fake(), [Seconds(1), Seconds(0.05)]));
        Assert.Equal("segments", e.Parameter);
        Assert.Equal("segments: segment 1 lasts 0.05 s, shorter than the minimum 0.1 s of fake; drop it or give a longer segment.", e.Message);
        var o = Assert.Throws<InvalidParameterException>(() => SpeakerEmbedderSegments.Check(new Fake(), [Seconds(0.05)], "EmbeddingOptions.MinDurationSeconds"));
        Assert.EndsWith("drop it or give a longer segment (or lower EmbeddingOptions.MinDurationSeconds).", o.Message);
        SpeakerEmbedderSegments.Check(new Fake(), [Seconds(0.1), Seconds(3)]); // exactly the minimum is accepted
    }

    [Theory]
    [InlineData(1.0, 8000, "is at 8000 Hz but mfcc-stats20 expects 16000 Hz")]
    [InlineData(0.05, 16000, "lasts 0.05 s, shorter than the minimum 0.1 s of mfcc-stats20")]
    public void The_mfcc_statistics_embedder_rejects_bad_segments(double seconds, int rate, string expected)
    {
        var e = Assert.Throws<InvalidParameterException>(() => new MfccStatisticsEmbedder().Embed([Seconds(seconds, rate)]));
        Assert.Equal("segments", e.Parameter);
        Assert.Contains(expected, e.Message);
    }
}
