using ResearchKit.Annotations;

namespace ResearchKit.Tests.Annotations;

public class SegmentTests
{
    [Fact]
    public void RejectsEndBeforeStartAndNaN()
    {
        Assert.Throws<InvalidParameterException>(() => new Segment(2, 1));
        Assert.Throws<InvalidParameterException>(() => new Segment(double.NaN, 1));
        Assert.Throws<InvalidParameterException>(() => new Segment(0, double.PositiveInfinity));
    }

    [Fact]
    public void TouchingSegmentsDoNotOverlap()
    {
        var a = new Segment(1, 5);
        Assert.False(a.Overlaps(new Segment(5, 9)));
        Assert.Null(a.Intersect(new Segment(5, 9)));
        Assert.Equal(new Segment(4, 5), a.Intersect(new Segment(4, 9)));
        Assert.Equal(1.0, a.OverlapDuration(new Segment(4, 9)));
        Assert.True(a.Contains(1.0));
        Assert.False(a.Contains(5.0));
    }

    [Fact]
    public void EndIsOnsetPlusDurationInFloat64()
    {
        // 0.1 + 0.2 is 0.30000000000000004 in float64 (dscore's JER frame count depends on such ends).
        var s = Segment.FromOnsetDuration(0.1, 0.2);
        Assert.Equal(0.30000000000000004, s.End);
        Assert.NotEqual(0.3, s.End);
    }
}

public class TimelineTests
{
    private static Timeline T(params (double, double)[] s) => new(s.Select(x => new Segment(x.Item1, x.Item2)));

    [Fact]
    public void SortsAndDeduplicates()
    {
        var t = T((3, 4), (1, 2), (1, 2), (1, 1.5));
        Assert.Equal([new Segment(1, 1.5), new Segment(1, 2), new Segment(3, 4)], t.ToArray());
    }

    [Fact]
    public void SupportMergesOverlappingAndTouching()
    {
        var t = T((0, 2), (1, 3), (3, 4), (5, 6), (6.4, 7));
        Assert.Equal([new Segment(0, 4), new Segment(5, 6), new Segment(6.4, 7)], t.Support().ToArray());
        Assert.Equal([new Segment(0, 4), new Segment(5, 7)], t.Support(minGap: 0.5).ToArray());
        Assert.Equal(5.6, t.Duration(), 12);
    }

    [Fact]
    public void GapsIntersectSubtractCrop()
    {
        var t = T((1, 2), (3, 5));
        Assert.Equal([new Segment(0, 1), new Segment(2, 3), new Segment(5, 6)], t.Gaps(new Segment(0, 6)).ToArray());
        Assert.Equal([new Segment(1.5, 2), new Segment(3, 4)], t.Intersect(T((1.5, 4))).ToArray());
        Assert.Equal([new Segment(1, 1.5), new Segment(4, 5)], t.Subtract(T((1.5, 4))).ToArray());
        Assert.Equal([new Segment(1.5, 2), new Segment(3, 4)], t.Crop(new Segment(1.5, 4)).ToArray());
        Assert.Equal(new Segment(1, 5), t.Extent());
        Assert.True(t.Contains(4.99));
        Assert.False(t.Contains(2.0));
    }

    [Fact]
    public void OperationsOnlySelectExistingBoundaries()
    {
        // No arithmetic on times: the 0.1 + 0.2 boundary survives support, crop and intersection bit for bit.
        double odd = 0.1 + 0.2;
        var t = T((0.0, odd), (odd, 1.7));
        var s = t.Support().Crop(new Segment(0.05, 1.7)).Intersect(T((odd, 2.0)));
        Assert.Equal(odd, s[0].Start);
        Assert.Equal(1.7, s[0].End);
    }
}
