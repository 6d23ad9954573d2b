using ResearchKit.Annotations;

namespace ResearchKit.Scoring;

/// <summary>
/// DER (and dscore's JER) of hypothesis annotations against reference annotations, number for number like
/// md-eval-22.pl or dscore (<see cref="DerOptions.Convention"/>). Files pair by file id.
/// </summary>
public static class DiarizationScorer
{
    /// <summary>Scores all files. <paramref name="uem"/> gives the scored regions; without it each convention's
    /// default region is used (see <see cref="ScorerConvention"/>).</summary>
    public static ScoreReport Score(IReadOnlyDictionary<string, Annotation> reference, IReadOnlyDictionary<string, Annotation> hypothesis,
        DerOptions? options = null, Uem? uem = null)
    {
        var o = (options ?? DerOptions.MdEval).Validate();
        var refIds = reference.Where(kv => kv.Value.Count > 0).Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);
        var hypIds = hypothesis.Where(kv => kv.Value.Count > 0).Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);
        var missingHyp = refIds.Where(id => !hypIds.Contains(id)).OrderBy(x => x, StringComparer.Ordinal).ToArray();
        var missingRef = hypIds.Where(id => !refIds.Contains(id)).OrderBy(x => x, StringComparer.Ordinal).ToArray();

        var ids = refIds.Union(hypIds).OrderBy(x => x, StringComparer.Ordinal).ToArray();
        var files = new List<FileScore>(ids.Length);
        var speakerJers = new List<double>();
        int nRefSpeakersAll = 0, nSysSpeakersAll = 0;
        foreach (var id in ids)
        {
            var r = reference.TryGetValue(id, out var ra) ? ra : Annotation.Empty(id);
            var h = hypothesis.TryGetValue(id, out var ha) ? ha : Annotation.Empty(id);
            var f = ScoreFileCore(r, h, o, uem is null ? null : uem[id], uem is not null, out var jers, out int nr, out int ns);
            if (jers is not null) { speakerJers.AddRange(jers); nRefSpeakersAll += nr; nSysSpeakersAll += ns; }
            if (!refIds.Contains(id)) f = f with { Note = Join(f.Note, "missing in reference: hypothesis speech listed as false alarm, not in the total") };
            else if (!hypIds.Contains(id)) f = f with { Note = Join(f.Note, "missing in hypothesis: scored as all missed") };
            files.Add(f);
        }

        var inTotal = files.Where(f => f.InTotal).ToArray();
        double? totalJer = null;
        if (o.ComputeJer)
            totalJer = nRefSpeakersAll == 0 ? (nSysSpeakersAll > 0 ? 100.0 : 0.0)
                : nSysSpeakersAll == 0 ? 100.0 : speakerJers.Average();
        var total = new FileScore("TOTAL", inTotal.Sum(f => f.Scored), inTotal.Sum(f => f.Missed),
            inTotal.Sum(f => f.FalseAlarm), inTotal.Sum(f => f.Confusion), totalJer)
        {
            ReferenceSpeakers = inTotal.Sum(f => f.ReferenceSpeakers),
            HypothesisSpeakers = inTotal.Sum(f => f.HypothesisSpeakers),
        };
        var notInUem = uem is null ? [] : ids.Where(id => !uem.Contains(id)).ToArray();
        var warnings = new List<string>();
        foreach (var id in ids)
        {
            SameSpeakerOverlaps(reference, id, "reference", warnings);
            SameSpeakerOverlaps(hypothesis, id, "hypothesis", warnings);
        }
        return new ScoreReport(o, files, total, missingHyp, missingRef, notInUem, warnings);
    }

    private static void SameSpeakerOverlaps(IReadOnlyDictionary<string, Annotation> set, string id, string side, List<string> warnings)
    {
        if (!set.TryGetValue(id, out var a)) return;
        // tracks are sorted by start: a turn overlaps an earlier one of its label iff it starts before that label's latest end
        var lastEnd = new Dictionary<string, double>(StringComparer.Ordinal);
        SortedSet<string>? labels = null;
        foreach (var t in a.AsSpan())
        {
            if (t.Segment.IsEmpty) continue;
            if (lastEnd.TryGetValue(t.Label, out double e))
            {
                if (t.Segment.Start < e) (labels ??= new(StringComparer.Ordinal)).Add(t.Label);
                if (t.Segment.End > e) lastEnd[t.Label] = t.Segment.End;
            }
            else lastEnd[t.Label] = t.Segment.End;
        }
        if (labels is not null)
            warnings.Add($"{side} file '{id}': overlapping turns of the same speaker ({string.Join(", ", labels)}); " +
                "md-eval counts the speaker once but keeps each turn's collars and counts the turns as overlap for --skip-overlap; dscore merges them first.");
    }

    private static string Join(string? a, string b) => a is null ? b : a + "; " + b;

    /// <summary>Scores one file; <paramref name="uem"/> are its scored regions (null: the convention's default).</summary>
    public static FileScore ScoreFile(Annotation reference, Annotation hypothesis, DerOptions? options = null, Timeline? uem = null) =>
        ScoreFileCore(reference, hypothesis, (options ?? DerOptions.MdEval).Validate(), uem, false, out _, out _, out _);

    private static FileScore ScoreFileCore(Annotation reference, Annotation hypothesis, DerOptions o, Timeline? uem, bool uemGiven,
        out double[]? speakerJers, out int nRefSpeakers, out int nSysSpeakers)
    {
        speakerJers = null; nRefSpeakers = nSysSpeakers = 0;
        string id = reference.Count > 0 ? reference.Uri : hypothesis.Uri;
        var prepared = o.Convention == ScorerConvention.Dscore || o.ComputeJer ? PrepareDscore(reference, hypothesis, uem, uemGiven) : null;

        FileScore result;
        if (o.Convention == ScorerConvention.MdEval)
        {
            if (reference.Count == 0)
                result = NotScored(id, hypothesis, uem, "no reference turns: md-eval does not score this file");
            else
            {
                // md-eval: a file without UEM regions falls back to [first reference onset, last reference offset]
                var regions = uem is { Count: > 0 } ? uem.Select(s => (s.Start, s.End)).ToList() : [ReferenceExtent(reference)];
                result = RunMdEval(id, ToArrays(reference), ToArrays(hypothesis), regions, o);
            }
        }
        else
        {
            var p = prepared!;
            if (p.Regions is null)
                result = NotScored(id, hypothesis, null, "not in the UEM: dscore drops the file") with { FalseAlarm = 0 };
            else if (p.Ref.Count == 0)
                result = NotScored(id, hypothesis, uem, "no reference turns in the scored region: dscore's md-eval run skips this file");
            else
            {
                // dscore writes turns and UEM with "%.3f" % round(x, 3) (onset and duration separately), md-eval reads them back.
                var regions = p.Regions.Select(r => (R3(r.B), R3(r.E))).ToList();
                result = RunMdEval(id, Rounded(p.Ref, p.RefNames), Rounded(p.Sys, p.SysNames), regions, o);
            }
        }

        if (o.ComputeJer && prepared?.Regions is not null)
        {
            var (jers, fileJer, nr, ns) = Jer(prepared, o.JerStep);
            speakerJers = jers; nRefSpeakers = nr; nSysSpeakers = ns;
            result = result with { JerPercent = fileJer };
        }
        return result;
    }

    private static FileScore RunMdEval(string id, TurnArrays r, TurnArrays s, List<(double, double)> regions, DerOptions o) =>
        RunMdEval(id, r, s, regions, o, null, out _, out _, null, null);

    private static FileScore RunMdEval(string id, TurnArrays r, TurnArrays s, List<(double, double)> regions, DerOptions o,
        List<ErrorSpan>? errors, out int[] map, out double[,] overlap, double[]? refTime, double[]? sysTime)
    {
        regions.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        var c = MdEvalCore.Run(r, s, MdEvalCore.Union(regions), o.Collar, o.SkipOverlap, out map, out overlap, errors, refTime, sysTime);
        return new FileScore(id, c.Scored, c.Missed, c.FalseAlarm, c.Confusion, null)
        {
            ReferenceSpeakers = r.Names.Length,
            HypothesisSpeakers = s.Names.Length,
        };
    }

    /// <summary>
    /// Everything behind one file's DER, for plots and error analysis: the reference × hypothesis co-speaking
    /// matrix and the optimal mapping (on the evaluation region, before collars, as md-eval maps), where each error
    /// happens (scored region only), purity/coverage and the speaker-count error. Follows
    /// <paramref name="options"/>'s convention exactly as <see cref="ScoreFile"/> does (for dscore: the trimmed, merged,
    /// rounded turns); the file must have reference turns.
    /// </summary>
    public static FileBreakdown Breakdown(Annotation reference, Annotation hypothesis, DerOptions? options = null, Timeline? uem = null)
    {
        var o = (options ?? DerOptions.MdEval).Validate() with { ComputeJer = false };
        if (reference.Count == 0)
            throw new InvalidParameterException("reference", $"file '{hypothesis.Uri}' has no reference turns: there is nothing to break down (DER is undefined).");
        TurnArrays r, s;
        List<(double, double)> regions;
        if (o.Convention == ScorerConvention.MdEval)
        {
            r = ToArrays(reference); s = ToArrays(hypothesis);
            regions = uem is { Count: > 0 } ? uem.Select(x => (x.Start, x.End)).ToList() : [ReferenceExtent(reference)];
        }
        else
        {
            var p = PrepareDscore(reference, hypothesis, uem, uem is not null);
            if (p.Regions is null || p.Ref.Count == 0)
                throw new InvalidParameterException("uem", $"file '{reference.Uri}' keeps no reference turns inside the scored region.");
            r = Rounded(p.Ref, p.RefNames); s = Rounded(p.Sys, p.SysNames);
            regions = p.Regions.Select(x => (R3(x.B), R3(x.E))).ToList();
        }
        var spans = new List<ErrorSpan>();
        var refTime = new double[r.Names.Length];
        var sysTime = new double[s.Names.Length];
        var score = RunMdEval(reference.Uri, r, s, regions, o, spans, out var map, out var overlap, refTime, sysTime);
        var mapping = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < map.Length; i++) if (map[i] >= 0) mapping[r.Names[i]] = s.Names[map[i]];
        var errors = new List<ErrorRegion>();
        foreach (var sp in spans)
        {
            int mapped = 0;
            foreach (int ri in sp.Ref) if (map[ri] >= 0 && Array.IndexOf(sp.Sys, map[ri]) >= 0) mapped++;
            int miss = Math.Max(sp.NRef - sp.NSys, 0), fa = Math.Max(sp.NSys - sp.NRef, 0), conf = Math.Min(sp.NRef, sp.NSys) - mapped;
            if (miss + fa + conf == 0) continue;
            if (errors.Count > 0 && errors[^1].Segment.End == sp.Begin && errors[^1] is var last
                && last.MissedSpeakers == miss && last.FalseAlarmSpeakers == fa && last.ConfusedSpeakers == conf)
                errors[^1] = last with { Segment = new Segment(last.Segment.Start, sp.End) };
            else errors.Add(new ErrorRegion(new Segment(sp.Begin, sp.End), miss, fa, conf));
        }
        return new FileBreakdown(reference.Uri, r.Names, s.Names, overlap, mapping, errors, score, refTime, sysTime);
    }

    private static FileScore NotScored(string id, Annotation hypothesis, Timeline? uem, string note)
    {
        var region = uem is { Count: > 0 } ? uem : hypothesis.Count > 0 ? new Timeline([hypothesis.Extent()!.Value]) : Timeline.Empty;
        double fa = 0;
        var crop = hypothesis.Crop(region);
        foreach (var l in crop.Labels()) fa += crop.LabelDuration(l);
        return new FileScore(id, 0, 0, fa, 0, null) { InTotal = false, Note = note, HypothesisSpeakers = hypothesis.Labels().Count };
    }

    private static (double, double) ReferenceExtent(Annotation reference)
    {
        double b = double.PositiveInfinity, e = 0;   // md-eval uem_from_rttm starts from (1e30, 0)
        foreach (var t in reference.AsSpan()) { b = Math.Min(b, t.Segment.Start); e = Math.Max(e, t.Segment.End); }
        return (b, e);
    }

    internal static TurnArrays ToArrays(Annotation a)
    {
        var names = a.Labels().ToArray();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++) index[names[i]] = i;
        var span = a.AsSpan();
        var t = new TurnArrays { Begin = new double[span.Length], End = new double[span.Length], Speaker = new int[span.Length], Names = names };
        for (int i = 0; i < span.Length; i++)
        {
            t.Begin[i] = span[i].Segment.Start;
            t.End[i] = span[i].Segment.End;
            t.Speaker[i] = index[span[i].Label];
        }
        return t;
    }

    // ---------------- dscore preparation ----------------

    internal sealed class DscorePrepared
    {
        public List<(double B, double E)>? Regions;
        public List<(double B, double E, int S)> Ref = new(), Sys = new();
        public string[] RefNames = [], SysNames = [];
    }

    /// <summary>dscore score.py: UEM (given, or automatic over reference and system turns), trim turns to it
    /// (<c>trim_turns</c>), merge overlapping turns of one speaker (<c>merge_turns</c>).</summary>
    internal static DscorePrepared PrepareDscore(Annotation reference, Annotation hypothesis, Timeline? uem, bool uemGiven)
    {
        var p = new DscorePrepared();
        if (uemGiven)
        {
            if (uem is null || uem.Count == 0) return p;
            p.Regions = uem.Select(s => (s.Start, s.End)).ToList();
        }
        else
        {
            // gen_uem: [min onset, max offset] over reference and system turns (dscore rejects zero-length turns; we skip them)
            double b = double.PositiveInfinity, e = double.NegativeInfinity;
            foreach (var a in new[] { reference, hypothesis })
                foreach (var t in a.AsSpan())
                    if (!t.Segment.IsEmpty) { b = Math.Min(b, t.Segment.Start); e = Math.Max(e, t.Segment.End); }
            if (double.IsInfinity(b)) return p;
            p.Regions = [(b, e)];
        }
        (p.Ref, p.RefNames) = TrimAndMerge(reference, p.Regions);
        (p.Sys, p.SysNames) = TrimAndMerge(hypothesis, p.Regions);
        return p;
    }

    private static (List<(double, double, int)>, string[]) TrimAndMerge(Annotation a, List<(double B, double E)> regions)
    {
        var bySpeaker = new SortedDictionary<string, List<(double B, double E)>>(StringComparer.Ordinal);
        foreach (var t in a.AsSpan())
        {
            if (t.Segment.IsEmpty) continue;
            foreach (var (rb, re) in regions)
            {
                double b = Math.Max(t.Segment.Start, rb), e = Math.Min(t.Segment.End, re);
                if (b < e)
                {
                    if (!bySpeaker.TryGetValue(t.Label, out var l)) bySpeaker[t.Label] = l = new();
                    l.Add((b, e));
                }
            }
        }
        var turns = new List<(double, double, int)>();
        var names = bySpeaker.Keys.ToArray();
        int si = 0;
        foreach (var (_, list) in bySpeaker)
        {
            // intervaltree: identical intervals collapse; merge_overlaps is strict (touching stays apart). dscore only
            // replaces the speaker's turns when a merge happened, so exact duplicates survive otherwise.
            var distinct = list.Distinct().OrderBy(x => x.B).ThenBy(x => x.E).ToList();
            var merged = new List<(double B, double E)>();
            foreach (var (b, e) in distinct)
            {
                if (merged.Count > 0 && b < merged[^1].E) { if (e > merged[^1].E) merged[^1] = (merged[^1].B, e); }
                else merged.Add((b, e));
            }
            foreach (var (b, e) in merged.Count < distinct.Count ? merged : list) turns.Add((b, e, si));
            si++;
        }
        return (turns, names);
    }

    /// <summary>The value md-eval reads back from dscore's <c>"%.3f" % round(x, 3)</c>.</summary>
    internal static double R3(double x) => Math.Round(x * 1000.0, MidpointRounding.ToEven) / 1000.0;

    private static TurnArrays Rounded(List<(double B, double E, int S)> turns, string[] names)
    {
        var t = new TurnArrays { Begin = new double[turns.Count], End = new double[turns.Count], Speaker = new int[turns.Count], Names = names };
        for (int i = 0; i < turns.Count; i++)
        {
            double on = R3(turns[i].B), dur = R3(turns[i].E - turns[i].B);
            t.Begin[i] = on;
            t.End[i] = on + dur;   // md-eval: TEND = TBEG + TDUR
            t.Speaker[i] = turns[i].S;
        }
        return t;
    }

    private static (double[] Jers, double File, int NRef, int NSys) Jer(DscorePrepared p, double step)
    {
        var frames = new DscoreFrames(step, p.Regions!);
        var refCover = Covers(frames, p.Ref, p.RefNames.Length);
        var sysCover = Covers(frames, p.Sys, p.SysNames.Length);
        var rf = refCover.Select(DscoreFrames.Length).ToArray();
        var sf = sysCover.Select(DscoreFrames.Length).ToArray();
        var inter = new long[rf.Length, sf.Length];
        for (int r = 0; r < rf.Length; r++)
            for (int s = 0; s < sf.Length; s++) inter[r, s] = DscoreFrames.OverlapLength(refCover[r], sysCover[s]);
        var (jers, file) = JaccardErrorRate.FromCounts(rf, sf, inter);
        return (jers, file, rf.Length, sf.Length);
    }

    private static List<(int B, int E)>[] Covers(DscoreFrames frames, List<(double B, double E, int S)> turns, int nSpeakers)
    {
        var bySpeaker = new List<(double, double)>[nSpeakers];
        for (int k = 0; k < nSpeakers; k++) bySpeaker[k] = new();
        foreach (var t in turns) bySpeaker[t.S].Add((t.B, t.E));
        var result = new List<(int B, int E)>[nSpeakers];
        for (int k = 0; k < nSpeakers; k++) result[k] = frames.Cover(bySpeaker[k]);
        return result;
    }

    /// <summary>
    /// dscore's frame contingency matrix of one file (<c>scorelib.score</c>: <c>turns_to_frames</c> then
    /// <c>flatten_labels</c>): the file's turns prepared as dscore does (UEM given or automatic, trimmed, same-speaker
    /// overlaps merged), 10 ms frames (<paramref name="step"/>), each kept frame labelled by the <i>set</i> of active
    /// speakers (every subset is its own class, silence included). Rows: reference classes; columns: hypothesis
    /// classes. Feed it to <see cref="ClusteringMetrics"/> for dscore's B-cubed, MI and NMI (geometric).
    /// </summary>
    public static long[,] FrameContingency(Annotation reference, Annotation hypothesis, Timeline? uem = null, double step = 0.010)
    {
        var p = PrepareDscore(reference, hypothesis, uem, uem is not null);
        if (p.Regions is null) return new long[0, 0];
        if (p.RefNames.Length > 62 || p.SysNames.Length > 62)
            throw new InvalidParameterException("reference", "frame contingency supports at most 62 speakers per file.");
        var frames = new DscoreFrames(step, p.Regions);
        var ev = new List<(int T, int Side, long Bit)>();
        foreach (var (b, e) in frames.Kept) { ev.Add((b, 0, 0)); ev.Add((e, 0, 0)); }
        var rc = Covers(frames, p.Ref, p.RefNames.Length);
        var sc = Covers(frames, p.Sys, p.SysNames.Length);
        for (int k = 0; k < rc.Length; k++) foreach (var (b, e) in rc[k]) { ev.Add((b, 1, 1L << k)); ev.Add((e, 1, 1L << k)); }
        for (int k = 0; k < sc.Length; k++) foreach (var (b, e) in sc[k]) { ev.Add((b, 2, 1L << k)); ev.Add((e, 2, 1L << k)); }
        ev.Sort((x, y) => x.T.CompareTo(y.T));
        var counts = new Dictionary<(long, long), long>();
        long refMask = 0, sysMask = 0;
        int kept = 0, prev = 0;
        for (int i = 0; i < ev.Count;)
        {
            int t = ev[i].T;
            if (kept > 0 && t > prev) counts[(refMask, sysMask)] = counts.GetValueOrDefault((refMask, sysMask)) + (t - prev);
            for (; i < ev.Count && ev[i].T == t; i++)
            {
                var (_, side, bit) = ev[i];
                if (side == 0) kept ^= 1;   // kept ranges are disjoint and never touch (merged), so each bound toggles
                else if (side == 1) refMask ^= bit;
                else sysMask ^= bit;
            }
            prev = t;
        }
        var rows = counts.Keys.Select(k => k.Item1).Distinct().Order().ToList();
        var cols = counts.Keys.Select(k => k.Item2).Distinct().Order().ToList();
        var cm = new long[rows.Count, cols.Count];
        foreach (var ((r, c), n) in counts) cm[rows.IndexOf(r), cols.IndexOf(c)] += n;
        return cm;
    }
}
