namespace ResearchKit.Scoring;

/// <summary>Speaker turns of one file as parallel arrays (seconds); speakers are indices 0..Names.Length-1.</summary>
internal sealed class TurnArrays
{
    public required double[] Begin;
    public required double[] End;
    public required int[] Speaker;
    public required string[] Names;
    public int Count => Begin.Length;
}

/// <summary>Sums of one file (seconds) plus what the breakdowns need.</summary>
internal struct Components
{
    public double Scored, Missed, FalseAlarm, Confusion;
}

/// <summary>
/// The speaker-diarization part of md-eval-22.pl (<c>score_speaker_diarization</c>) over arrays. Steps, as in the
/// script: (1) speaker mapping on the evaluation region (UEM, no collar, no overlap exclusion) maximising total
/// co-speaking time; (2) scored region = UEM minus collars around every reference line boundary
/// (<c>add_collars_to_uem</c>) minus regions where ≥ 2 reference <i>lines</i> are active when <c>-1</c>
/// (<c>exclude_overlapping_speech_from_uem</c>); (3) per elementary segment, counts of distinct active speakers
/// (<c>create_speaker_segs</c>, <c>score_speaker_segments</c>). Lines of zero duration only contribute collars.
/// md-eval orders boundaries closer than 1e-8 s as equal; here they are ordered exactly, which moves totals by
/// less than 1e-8 s per such boundary.
/// </summary>
internal static class MdEvalCore
{
    private const double Epsilon = 1e-8;   // md-eval's $epsilon

    /// <summary>Scores one file. <paramref name="uem"/>: sorted disjoint evaluation regions.</summary>
    public static Components Run(TurnArrays reference, TurnArrays system, IReadOnlyList<(double B, double E)> uem,
        double collar, bool skipOverlap, out int[] map, out double[,] overlap, List<ErrorSpan>? errors = null,
        double[]? refTime = null, double[]? sysTime = null)
    {
        var eval = new List<(double, double)>(uem.Count);
        foreach (var r in uem) if (r.E > r.B + Epsilon) eval.Add(r);

        // (1) mapping on the evaluation region
        var events = BuildEvents(reference, system);
        overlap = new double[reference.Names.Length, system.Names.Length];
        var ov = overlap;
        Sweep(events, eval, (d, rc, sc, activeR, nr, activeS, ns) =>
        {
            if (refTime is not null) for (int a = 0; a < nr; a++) refTime[activeR[a]] += d;
            if (sysTime is not null) for (int b = 0; b < ns; b++) sysTime[activeS[b]] += d;
            if (nr == 0) return;
            for (int a = 0; a < nr; a++)
                for (int b = 0; b < ns; b++) ov[activeR[a], activeS[b]] += d;
        });
        map = Map(overlap);

        // (2) scored region
        var scored = eval;
        if (collar > 0)
        {
            var zones = new List<(double, double)>(4 * reference.Count);
            for (int i = 0; i < reference.Count; i++)
            {
                zones.Add((reference.Begin[i] - collar, reference.Begin[i] + collar));
                zones.Add((reference.End[i] - collar, reference.End[i] + collar));
            }
            scored = Subtract(scored, Union(zones));
        }
        if (skipOverlap) scored = Subtract(scored, LineOverlaps(reference));
        scored.RemoveAll(r => !(r.Item2 > r.Item1 + Epsilon));

        // (3) score
        var c = new Components();
        var m = map;
        Sweep(events, scored, (d, rc, sc, activeR, nr, activeS, ns) =>
        {
            int mapped = 0;
            for (int a = 0; a < nr; a++)
            {
                int s = m[activeR[a]];
                if (s >= 0 && sc[s] > 0) mapped++;
            }
            c.Scored += d * nr;
            c.Missed += d * Math.Max(nr - ns, 0);
            c.FalseAlarm += d * Math.Max(ns - nr, 0);
            c.Confusion += d * (Math.Min(nr, ns) - mapped);
        }, errors);
        return c;
    }

    private delegate void SegmentAction(double duration, int[] refCount, int[] sysCount, int[] activeRef, int nRef, int[] activeSys, int nSys);

    /// <summary>Turn boundaries of both sides, sorted by time once and shared by the mapping and scoring sweeps.</summary>
    private sealed class TurnEvents
    {
        public required double[] Times;
        public required int[] Codes;   // (speaker << 2) | (side << 1) | isBegin ; side 0 = reference, 1 = system
        public required int NRef, NSys;
    }

    private static TurnEvents BuildEvents(TurnArrays reference, TurnArrays system)
    {
        int n = 0;
        for (int i = 0; i < reference.Count; i++) if (reference.End[i] > reference.Begin[i]) n += 2;
        for (int i = 0; i < system.Count; i++) if (system.End[i] > system.Begin[i]) n += 2;
        var times = new double[n];
        var codes = new int[n];
        int k = 0;
        for (int i = 0; i < reference.Count; i++)
        {
            if (!(reference.End[i] > reference.Begin[i])) continue;
            times[k] = reference.Begin[i]; codes[k++] = (reference.Speaker[i] << 2) | 1;
            times[k] = reference.End[i]; codes[k++] = reference.Speaker[i] << 2;
        }
        for (int i = 0; i < system.Count; i++)
        {
            if (!(system.End[i] > system.Begin[i])) continue;
            times[k] = system.Begin[i]; codes[k++] = (system.Speaker[i] << 2) | 2 | 1;
            times[k] = system.End[i]; codes[k++] = (system.Speaker[i] << 2) | 2;
        }
        Array.Sort(times, codes);
        return new TurnEvents { Times = times, Codes = codes, NRef = reference.Names.Length, NSys = system.Names.Length };
    }

    /// <summary>Walks the elementary segments inside <paramref name="regions"/> (sorted, disjoint) with the distinct
    /// active speakers; merges the region bounds into the pre-sorted turn events.</summary>
    private static void Sweep(TurnEvents ev, List<(double B, double E)> regions, SegmentAction action, List<ErrorSpan>? errors = null)
    {
        var times = ev.Times;
        var codes = ev.Codes;
        int n = times.Length, nb = 2 * regions.Count;
        var refCount = new int[ev.NRef];
        var sysCount = new int[ev.NSys];
        var activeR = new int[ev.NRef];
        var activeS = new int[ev.NSys];
        int nr = 0, ns = 0, inRegion = 0, e = 0, rb = 0;
        double prev = double.NegativeInfinity;
        while (e < n || rb < nb)
        {
            double tb = rb < nb ? (rb % 2 == 0 ? regions[rb / 2].B : regions[rb / 2].E) : double.PositiveInfinity;
            double t = e < n ? Math.Min(times[e], tb) : tb;
            if (inRegion > 0 && t > prev && (nr > 0 || ns > 0))
            {
                action(t - prev, refCount, sysCount, activeR, nr, activeS, ns);
                errors?.Add(new ErrorSpan(prev, t, nr, ns, activeR.AsSpan(0, nr).ToArray(), activeS.AsSpan(0, ns).ToArray()));
            }
            // all events at time t (their order does not matter: nothing is emitted between them)
            for (; e < n && times[e] == t; e++)
            {
                int code = codes[e], idx = code >> 2;
                bool begin = (code & 1) == 1;
                if ((code & 2) == 0) Count(refCount, activeR, ref nr, idx, begin);
                else Count(sysCount, activeS, ref ns, idx, begin);
            }
            while (rb < nb && (rb % 2 == 0 ? regions[rb / 2].B : regions[rb / 2].E) == t)
            {
                inRegion += rb % 2 == 0 ? 1 : -1;
                rb++;
            }
            prev = t;
        }
    }

    private static void Count(int[] count, int[] active, ref int nActive, int idx, bool begin)
    {
        if (begin)
        {
            if (count[idx]++ == 0) active[nActive++] = idx;
        }
        else if (--count[idx] == 0)
        {
            int p = Array.IndexOf(active, idx, 0, nActive);
            active[p] = active[--nActive];
        }
    }

    /// <summary>md-eval <c>map_speakers</c>: one-to-one mapping maximising co-speaking time; only pairs that co-speak can map.</summary>
    internal static int[] Map(double[,] overlap)
    {
        int nr = overlap.GetLength(0);
        var assignment = LinearAssignment.Maximize(overlap);
        var map = new int[nr];
        for (int r = 0; r < nr; r++) map[r] = assignment[r] >= 0 && overlap[r, assignment[r]] > 0 ? assignment[r] : -1;
        return map;
    }

    /// <summary>Regions where two or more reference lines of positive duration are active (lines, not speakers).</summary>
    private static List<(double, double)> LineOverlaps(TurnArrays reference)
    {
        var ev = new List<(double T, int D)>(2 * reference.Count);
        for (int i = 0; i < reference.Count; i++)
            if (reference.End[i] > reference.Begin[i]) { ev.Add((reference.Begin[i], 1)); ev.Add((reference.End[i], -1)); }
        ev.Sort((a, b) => a.T != b.T ? a.T.CompareTo(b.T) : a.D.CompareTo(b.D));   // ends first: touching is not overlap
        var zones = new List<(double, double)>();
        int count = 0;
        double start = 0;
        foreach (var (t, d) in ev)
        {
            count += d;
            if (d > 0 && count == 2) start = t;
            else if (d < 0 && count == 1 && t > start) zones.Add((start, t));
        }
        return zones;
    }

    /// <summary>Union of intervals as sorted disjoint intervals.</summary>
    internal static List<(double, double)> Union(List<(double B, double E)> intervals)
    {
        intervals.Sort((a, b) => a.B.CompareTo(b.B));
        var result = new List<(double, double)>(intervals.Count);
        foreach (var (b, e) in intervals)
        {
            if (result.Count > 0 && b <= result[^1].Item2) { if (e > result[^1].Item2) result[^1] = (result[^1].Item1, e); }
            else result.Add((b, e));
        }
        return result;
    }

    /// <summary>a \ b for sorted disjoint interval lists.</summary>
    internal static List<(double, double)> Subtract(List<(double B, double E)> a, List<(double B, double E)> b)
    {
        var result = new List<(double, double)>(a.Count);
        int j = 0;
        foreach (var (s0, e0) in a)
        {
            double cur = s0;
            while (j < b.Count && b[j].E <= cur) j++;
            for (int k = j; k < b.Count && b[k].B < e0; k++)
            {
                if (b[k].B > cur) result.Add((cur, b[k].B));
                if (b[k].E > cur) cur = b[k].E;
                if (cur >= e0) break;
            }
            if (cur < e0) result.Add((cur, e0));
        }
        return result;
    }
}

/// <summary>One elementary segment of the scored region with the active speakers (indices into the file's names).</summary>
internal readonly record struct ErrorSpan(double Begin, double End, int NRef, int NSys, int[] Ref, int[] Sys);
