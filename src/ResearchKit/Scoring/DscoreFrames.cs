namespace ResearchKit.Scoring;

/// <summary>
/// dscore's frame view of a file (<c>scorelib.score.turns_to_frames</c>) computed on index ranges instead of a
/// frame matrix: n = int(max region end / step) frames at t_i = step·i (float64 product); a turn covers frame i iff
/// onset ≤ t_i &lt; offset; a frame is kept iff some UEM region covers it by the same rule. Results are integer
/// frame counts, identical to counting the matrix.
/// </summary>
internal sealed class DscoreFrames
{
    private readonly double _step;
    private readonly int _n;

    public DscoreFrames(double step, IReadOnlyList<(double B, double E)> regions)
    {
        _step = step;
        double dur = 0;
        foreach (var r in regions) dur = Math.Max(dur, r.E);
        _n = (int)(dur / step);   // Python int(): truncation
        var kept = new List<(int, int)>();
        foreach (var r in regions) kept.Add((Index(r.B), Index(r.E)));
        Kept = UnionRanges(kept);
    }

    /// <summary>Number of frames before the kept mask is applied.</summary>
    public int FrameCount => _n;

    /// <summary>Kept frame ranges [begin, end), sorted, disjoint.</summary>
    public List<(int B, int E)> Kept { get; }

    /// <summary>numpy <c>searchsorted(times, x, side="left")</c>: the number of frame times strictly below x.</summary>
    public int Index(double x)
    {
        if (double.IsNaN(x)) return _n;
        double guess = Math.Ceiling(x / _step);
        long i = guess < 0 ? 0 : guess > _n ? _n : (long)guess;
        while (i > 0 && _step * (i - 1) >= x) i--;
        while (i < _n && _step * i < x) i++;
        return (int)i;
    }

    /// <summary>Frames covered by turns (index ranges), merged and restricted to kept frames.</summary>
    public List<(int B, int E)> Cover(IEnumerable<(double B, double E)> turns)
    {
        var r = new List<(int, int)>();
        foreach (var (b, e) in turns)
        {
            int bi = Index(b), ei = Index(e);
            if (ei > bi) r.Add((bi, ei));
        }
        return Intersect(UnionRanges(r), Kept);
    }

    public static List<(int B, int E)> UnionRanges(List<(int B, int E)> ranges)
    {
        ranges.Sort((a, b) => a.B.CompareTo(b.B));
        var result = new List<(int, int)>(ranges.Count);
        foreach (var (b, e) in ranges)
        {
            if (e <= b) continue;
            if (result.Count > 0 && b <= result[^1].Item2) { if (e > result[^1].Item2) result[^1] = (result[^1].Item1, e); }
            else result.Add((b, e));
        }
        return result;
    }

    public static List<(int B, int E)> Intersect(List<(int B, int E)> a, List<(int B, int E)> b)
    {
        var result = new List<(int, int)>();
        int i = 0, j = 0;
        while (i < a.Count && j < b.Count)
        {
            int s = Math.Max(a[i].B, b[j].B), e = Math.Min(a[i].E, b[j].E);
            if (s < e) result.Add((s, e));
            if (a[i].E < b[j].E) i++; else j++;
        }
        return result;
    }

    public static long Length(List<(int B, int E)> r)
    {
        long n = 0;
        foreach (var (b, e) in r) n += e - b;
        return n;
    }

    public static long OverlapLength(List<(int B, int E)> a, List<(int B, int E)> b)
    {
        long n = 0;
        int i = 0, j = 0;
        while (i < a.Count && j < b.Count)
        {
            int s = Math.Max(a[i].B, b[j].B), e = Math.Min(a[i].E, b[j].E);
            if (s < e) n += e - s;
            if (a[i].E < b[j].E) i++; else j++;
        }
        return n;
    }
}

/// <summary>
/// Jaccard error rate exactly as dscore defines it (<c>scorelib.metrics.jer</c>): per reference speaker,
/// 1 − |ref ∩ sys| / |ref ∪ sys| in frames for the system speaker of an optimal one-to-one assignment minimising
/// that error, 100 % when unassigned; unassigned system speakers do not count. File JER = mean over its reference
/// speakers; overall JER = mean over all reference speakers of all files (speaker-weighted, not file-weighted).
/// </summary>
public static class JaccardErrorRate
{
    /// <summary>
    /// Per-speaker JERs (percent) of one file from frame counts: <paramref name="refFrames"/>[r],
    /// <paramref name="sysFrames"/>[s], <paramref name="intersection"/>[r, s]. Returns the per-reference-speaker
    /// values and the file JER (dscore's edge cases: no reference speaker → 100 if the system has speakers else 0,
    /// with no per-speaker values; no system speaker → 100 for each reference speaker).
    /// </summary>
    public static (double[] PerSpeaker, double File) FromCounts(long[] refFrames, long[] sysFrames, long[,] intersection)
    {
        int nr = refFrames.Length, ns = sysFrames.Length;
        if (nr == 0) return ([], ns > 0 ? 100.0 : 0.0);
        var jers = new double[nr];
        Array.Fill(jers, 1.0);
        if (ns > 0)
        {
            var cost = new double[nr, ns];
            for (int r = 0; r < nr; r++)
                for (int s = 0; s < ns; s++)
                {
                    double inter = intersection[r, s], union = refFrames[r] + sysFrames[s] - inter;
                    cost[r, s] = union > 0 ? 1.0 - inter / union : 1.0;   // 0/0 (both empty): scipy would reject; count as error
                }
            var assign = LinearAssignment.Minimize(cost);
            for (int r = 0; r < nr; r++) if (assign[r] >= 0) jers[r] = cost[r, assign[r]];
        }
        double sum = 0;
        for (int r = 0; r < nr; r++) { jers[r] *= 100.0; sum += jers[r]; }
        return (jers, sum / nr);
    }
}
