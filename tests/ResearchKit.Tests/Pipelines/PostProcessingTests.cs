using ResearchKit.Clustering;
using ResearchKit.Pipelines;

namespace ResearchKit.Tests.Pipelines;

public class PostProcessingTests
{
    [Fact]
    public void Smooth_fills_short_gaps_then_drops_short_turns()
    {
        SpeakerTurn[] t = [new(0, 0, 1), new(0, 1.2, 2), new(1, 2.5, 2.6), new(0, 3, 4), new(1, 5, 7)];
        // speaker 0: gap 0.2 < 0.5 filled → [0, 2]; gap 1.0 kept. speaker 1's 0.1-s turn is removed by min_on 0.3.
        Assert.Equal([new SpeakerTurn(0, 0, 2), new SpeakerTurn(0, 3, 4), new SpeakerTurn(1, 5, 7)],
            PostProcessing.Smooth(t, minDurationOn: 0.3, minDurationOff: 0.5));
        Assert.Equal(5, PostProcessing.Smooth(t, 0, 0).Count); // both off: unchanged
        Assert.Throws<InvalidParameterException>(() => PostProcessing.Smooth(t, -1, 0));
    }

    [Fact]
    public void Exclusive_keeps_one_speaker_per_frame()
    {
        var bin = new float[,] { { 1, 1 }, { 1, 1 }, { 0, 1 } };
        var sc = new float[,] { { 0.2f, 0.9f }, { 0.5f, 0.5f }, { 0, 1 } };
        Assert.Equal(new float[,] { { 0, 1 }, { 1, 0 }, { 0, 1 } }, PostProcessing.Exclusive(bin, sc));
        Assert.Equal(new float[,] { { 1, 0 }, { 1, 0 }, { 0, 1 } }, PostProcessing.Exclusive(bin));
    }

    [Fact]
    public void Frame_labels_become_turns()
    {
        // 50-ms frames every 30 ms (malaya's frame_ms=50, stride_ms=30): a run ends at the next run's start.
        var w = new SlidingWindow(0, 0.05, 0.03);
        var t = PostProcessing.TurnsFromFrameLabels([0, 0, 1, 1, 1, -1, 0], w);
        Assert.Equal(3, t.Count);
        Assert.Equal(new SpeakerTurn(0, 0, 0.06), t[0]);
        Assert.Equal(1, t[1].Speaker);
        Assert.Equal(0.06, t[1].Start, 9);
        Assert.Equal(0.15, t[1].End, 9);   // frame 4 ends at 0.12 + 0.05 = 0.17 but frame 5 starts at 0.15
        Assert.Equal(0.18, t[2].Start, 9);
        Assert.Equal(0.23, t[2].End, 9);
    }

    [Fact]
    public void Speaker_count_hints_resolve_like_pyannote()
    {
        Assert.True(SpeakerCountHints.Resolve(3, null, null).IsExact);
        Assert.True(SpeakerCountHints.Resolve(null, 2, 2).IsExact);
        Assert.Equal(new SpeakerCount(2, 4), SpeakerCountHints.Resolve(null, 2, 4));
        Assert.Equal(SpeakerCount.Exactly(3), SpeakerCountHints.Resolve(3, 2, 4)); // exact inside the bounds wins
        Assert.Equal(new SpeakerCount(null, 3), SpeakerCountHints.ForItems(new SpeakerCount(null, 4), 3)); // clamped to items
        Assert.Equal(new SpeakerCount(2, 2), SpeakerCountHints.ForItems(SpeakerCount.Exactly(5), 2));
    }

    [Fact]
    public void Contradictory_speaker_count_hints_are_clear_errors()
    {
        var e = Assert.Throws<InvalidParameterException>(() => SpeakerCountHints.Resolve(null, 5, 3));
        Assert.Contains("min 5 > max 3", e.Message);
        var e2 = Assert.Throws<InvalidParameterException>(() => SpeakerCountHints.Resolve(6, 2, 4));
        Assert.Contains("contradictory", e2.Message);
        Assert.Equal("--num-speakers", e2.Parameter);
        Assert.Throws<InvalidParameterException>(() => SpeakerCountHints.Resolve(0, null, null));
    }
}
