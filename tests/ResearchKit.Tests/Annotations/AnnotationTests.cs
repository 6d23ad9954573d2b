using ResearchKit.Annotations;

namespace ResearchKit.Tests.Annotations;

public class AnnotationTests
{
    private static Annotation A(params (double, double, string)[] t) => new("f", t.Select(x => (x.Item1, x.Item2, x.Item3)));

    [Fact]
    public void LabelsDurationsAndChart()
    {
        var a = A((0, 4, "B"), (2, 6, "A"), (5, 7, "A"), (8, 9, "B"));
        Assert.Equal(["A", "B"], a.Labels());
        Assert.Equal(5.0, a.LabelDuration("A"));   // [2,6] U [5,7]: own overlap counted once
        Assert.Equal(5.0, a.LabelDuration("B"));
        Assert.Equal(("A", 5.0), a.Chart()[0]);
        Assert.Equal([new Segment(0, 7), new Segment(8, 9)], a.SpeechTimeline().ToArray());
    }

    [Fact]
    public void OverlapRegionsCountDistinctLabels()
    {
        var a = A((0, 4, "A"), (3, 6, "A"), (5, 8, "B"), (7.5, 9, "C"));
        Assert.Equal([new Segment(5, 6), new Segment(7.5, 8)], a.OverlapRegions().ToArray());
        Assert.Equal([new Segment(0, 9)], a.CountRegions(1).ToArray());
    }

    [Fact]
    public void CropRenameSplit()
    {
        var a = A((0, 4, "A"), (3, 6, "B"));
        var c = a.Crop(new Timeline([new Segment(1, 2), new Segment(3.5, 10)]));
        Assert.Equal([new Track(new Segment(1, 2), "A"), new Track(new Segment(3.5, 4), "A"), new Track(new Segment(3.5, 6), "B")], c.Tracks);
        var r = a.RenameLabels(new Dictionary<string, string> { ["A"] = "spk0" });
        Assert.Equal(["B", "spk0"], r.Labels());
        var split = a.SplitByLabel();
        Assert.Equal([new Segment(3, 6)], split["B"].ToArray());
    }

    [Fact]
    public void ExclusiveKeepsHolderThenEarliestStart()
    {
        // A holds [0,5); B overlaps [3,8): A keeps [3,5), B takes over at 5; C starts inside B and never wins.
        var a = A((0, 5, "A"), (3, 8, "B"), (4, 6, "C"), (9, 10, "C"));
        var e = a.Exclusive();
        Assert.Equal([new Track(new Segment(0, 5), "A"), new Track(new Segment(5, 8), "B"), new Track(new Segment(9, 10), "C")], e.Tracks);
        Assert.Empty(e.OverlapRegions());
    }

    [Fact]
    public void MergeSameLabelIsStrictLikeDscore()
    {
        // [1,6]+[4,9] merge; touching [9,12] does not (intervaltree merge_overlaps is strict).
        var a = A((1, 6, "A"), (4, 9, "A"), (9, 12, "A"), (0, 1, "B"));
        var (m, labels) = a.MergeOverlappingSameLabel();
        Assert.Equal(["A"], labels);
        Assert.Equal([new Track(new Segment(0, 1), "B"), new Track(new Segment(1, 9), "A"), new Track(new Segment(9, 12), "A")], m.Tracks);
    }

    [Fact]
    public void KeepsDuplicateTracks()
    {
        var a = A((1, 2, "A"), (1, 2, "A"));
        Assert.Equal(2, a.Count);
    }
}
