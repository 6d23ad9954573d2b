using ResearchKit.Annotations;
using ResearchKit.Models;

namespace ResearchKit.Tests.Models;

/// <summary>Hysteresis, minimum durations and padding on hand-made score sequences (expected values worked out by hand
/// from Silero's get_speech_timestamps rules, see each comment).</summary>
public class SpeechDetectionTests
{
    private static void Same(IEnumerable<(double, double)> expected, Timeline got)
    {
        var e = expected.ToArray();
        Assert.Equal(e.Length, got.Count);
        for (int i = 0; i < e.Length; i++)
        {
            Assert.Equal(e[i].Item1, got[i].Start, 9);
            Assert.Equal(e[i].Item2, got[i].End, 9);
        }
    }

    [Fact]
    public void ShortDipInsideSpeech_DoesNotSplit()
    {
        // 100 ms frames: speech from 0.2 s. The two-frame dip at 0.6 s is measured at frame starts
        // (0.7 − 0.6 = 0.1 s < 0.15 s), so speech continues; it ends at 1.0 s once 1.2 − 1.0 ≥ 0.15 s.
        var s = new float[] { 0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0 };
        var d = new SpeechDetection(MinSpeechSeconds: 0.25, MinSilenceSeconds: 0.15, SpeechPadSeconds: 0);
        Same([(0.2, 1.0)], d.Regions(s, 0.1, 1.5));
    }

    [Fact]
    public void RegionShorterThanMinSpeech_IsDropped()
    {
        var s = new float[] { 0, 1, 1, 0, 0, 0, 0, 0 };
        Same([], new SpeechDetection(MinSpeechSeconds: 0.25, MinSilenceSeconds: 0.15, SpeechPadSeconds: 0).Regions(s, 0.1, 0.8));
    }

    [Fact]
    public void Hysteresis_ScoresBetweenThresholdsKeepSpeech()
    {
        // 0.4 is below onset 0.5 but above offset 0.35: it neither starts nor ends speech.
        var s = new float[] { 0.4f, 0.6f, 0.4f, 0.4f, 0.4f, 0.2f, 0.2f, 0.2f };
        Same([(0.1, 0.5)], new SpeechDetection(MinSpeechSeconds: 0.1, MinSilenceSeconds: 0.15, SpeechPadSeconds: 0).Regions(s, 0.1, 0.8));
    }

    [Fact]
    public void Padding_SplitsShortGapsInTheMiddle_AndClampsToSignal()
    {
        // 50 ms frames: speech 0.20–0.60 and 0.75–1.20 s; padding 0.1 s; the 0.15 s gap < 2·pad is split at 0.675 s.
        var s = new float[30];
        for (int i = 4; i < 12; i++) s[i] = 1;
        for (int i = 15; i < 24; i++) s[i] = 1;
        var d = new SpeechDetection(MinSpeechSeconds: 0.1, MinSilenceSeconds: 0.09, SpeechPadSeconds: 0.1);
        Same([(0.1, 0.675), (0.675, 1.3)], d.Regions(s, 0.05, 1.5));
        // Speech running to the end is closed at the signal's duration (not the padded frame grid).
        Same([(0.0, 0.95)], d.Regions(Enumerable.Repeat(1f, 10).ToArray(), 0.1, 0.95));
    }

    [Fact]
    public void OffsetAboveOnset_IsInvalid()
    {
        Assert.Throws<InvalidParameterException>(() => new SpeechDetection(Onset: 0.3, Offset: 0.5).Regions([1f], 0.1, 0.1));
    }
}
