using System.Collections;

namespace ResearchKit.Annotations;

/// <summary>
/// An immutable, sorted set of segments (pyannote.core's <c>Timeline</c>). Segments may overlap; identical segments
/// are kept once. Set operations (<see cref="Support"/>, <see cref="Union"/>, <see cref="Intersect"/>,
/// <see cref="Gaps"/>, <see cref="Crop(Segment)"/>) only select existing boundary times (see <see cref="Segment"/>).
/// </summary>
public sealed class Timeline : IReadOnlyList<Segment>
{
    private readonly Segment[] _segments;

    /// <summary>The empty timeline.</summary>
    public static Timeline Empty { get; } = new(Array.Empty<Segment>(), sorted: true);

    /// <summary>Creates a timeline from any segments (sorted by start then end, duplicates removed).</summary>
    public Timeline(IEnumerable<Segment> segments) : this(segments.ToArray(), sorted: false) { }

    private Timeline(Segment[] segments, bool sorted)
    {
        if (!sorted)
        {
            Array.Sort(segments);
            int n = 0;
            for (int i = 0; i < segments.Length; i++)
                if (n == 0 || segments[i] != segments[n - 1]) segments[n++] = segments[i];
            if (n != segments.Length) Array.Resize(ref segments, n);
        }
        _segments = segments;
    }

    /// <summary>Wraps segments already sorted and without duplicates (internal fast path).</summary>
    internal static Timeline FromSorted(Segment[] segments) => new(segments, sorted: true);

    /// <summary>Number of segments.</summary>
    public int Count => _segments.Length;

    /// <summary>The i-th segment in (start, end) order.</summary>
    public Segment this[int index] => _segments[index];

    /// <summary>The segments as a span (sorted).</summary>
    public ReadOnlySpan<Segment> AsSpan() => _segments;

    /// <inheritdoc/>
    public IEnumerator<Segment> GetEnumerator() => ((IEnumerable<Segment>)_segments).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => _segments.GetEnumerator();

    /// <summary>The smallest segment containing all segments; null when empty.</summary>
    public Segment? Extent()
    {
        if (_segments.Length == 0) return null;
        double end = double.NegativeInfinity;
        foreach (var s in _segments) end = Math.Max(end, s.End);
        return new Segment(_segments[0].Start, end);
    }

    /// <summary>
    /// The minimal set of disjoint segments covering the same time (pyannote <c>support(collar)</c>): overlapping
    /// or touching segments are merged, and so are segments separated by a gap of at most
    /// <paramref name="minGap"/> seconds. Zero-length segments are dropped.
    /// </summary>
    public Timeline Support(double minGap = 0.0)
    {
        if (!(minGap >= 0)) throw new InvalidParameterException(nameof(minGap), $"must be >= 0 seconds, got {minGap}.");
        var result = new List<Segment>(_segments.Length);
        double cs = 0, ce = 0;
        bool open = false;
        foreach (var s in _segments)
        {
            if (s.IsEmpty) continue;
            if (open && s.Start - ce <= minGap) { if (s.End > ce) ce = s.End; continue; }
            if (open) result.Add(new Segment(cs, ce));
            cs = s.Start; ce = s.End; open = true;
        }
        if (open) result.Add(new Segment(cs, ce));
        return new Timeline(result.ToArray(), sorted: true);
    }

    /// <summary>Total time covered in seconds (duration of the support, so overlaps count once).</summary>
    public double Duration()
    {
        double total = 0;
        foreach (var s in Support()._segments) total += s.Duration;
        return total;
    }

    /// <summary>All segments of both timelines (pyannote <c>union</c>; not merged — call <see cref="Support"/>).</summary>
    public Timeline Union(Timeline other) => new(_segments.Concat(other._segments));

    /// <summary>The time covered by both timelines, as disjoint segments.</summary>
    public Timeline Intersect(Timeline other)
    {
        var a = Support()._segments;
        var b = other.Support()._segments;
        var result = new List<Segment>();
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            double s = Math.Max(a[i].Start, b[j].Start), e = Math.Min(a[i].End, b[j].End);
            if (s < e) result.Add(new Segment(s, e));
            if (a[i].End < b[j].End) i++; else j++;
        }
        return new Timeline(result.ToArray(), sorted: true);
    }

    /// <summary>The time covered by this timeline but not by <paramref name="other"/>, as disjoint segments.</summary>
    public Timeline Subtract(Timeline other)
    {
        var a = Support()._segments;
        var b = other.Support()._segments;
        var result = new List<Segment>();
        int j = 0;
        foreach (var seg in a)
        {
            double cur = seg.Start;
            while (j < b.Length && b[j].End <= cur) j++;
            int k = j;
            while (k < b.Length && b[k].Start < seg.End)
            {
                if (b[k].Start > cur) result.Add(new Segment(cur, b[k].Start));
                cur = Math.Max(cur, b[k].End);
                if (cur >= seg.End) break;
                k++;
            }
            if (cur < seg.End) result.Add(new Segment(cur, seg.End));
        }
        return new Timeline(result.ToArray(), sorted: true);
    }

    /// <summary>The uncovered parts of <paramref name="within"/> (or of the extent when null), as disjoint segments.</summary>
    public Timeline Gaps(Segment? within = null)
    {
        var w = within ?? Extent();
        if (w is null) return Empty;
        return new Timeline([w.Value]).Subtract(this);
    }

    /// <summary>Each segment cut to <paramref name="support"/> (pyannote <c>crop(mode="intersection")</c>); segments outside are dropped.</summary>
    public Timeline Crop(Segment support)
    {
        var result = new List<Segment>();
        foreach (var s in _segments)
            if (s.Intersect(support) is { } x) result.Add(x);
        return new Timeline(result);
    }

    /// <summary>Each segment cut to the parts inside <paramref name="support"/> (one output segment per piece).</summary>
    public Timeline Crop(Timeline support)
    {
        var sup = support.Support()._segments;
        var result = new List<Segment>();
        foreach (var s in _segments)
            foreach (var u in sup)
            {
                if (u.Start >= s.End) break;
                if (s.Intersect(u) is { } x) result.Add(x);
            }
        return new Timeline(result);
    }

    /// <summary>True when <paramref name="t"/> lies inside some segment.</summary>
    public bool Contains(double t)
    {
        foreach (var s in _segments)
        {
            if (s.Start > t) break;
            if (s.Contains(t)) return true;
        }
        return false;
    }

    /// <inheritdoc/>
    public override string ToString() => $"Timeline({Count} segments)";
}
