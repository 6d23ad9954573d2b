using ResearchKit.Annotations;
using ResearchKit.Audio;

namespace ResearchKit.Plotting;

/// <summary>Kind of a diarization error region drawn by <see cref="Charts.Diarization"/>.</summary>
public enum ErrorKind
{
    /// <summary>Reference speech with no hypothesis speech.</summary>
    Miss,
    /// <summary>Hypothesis speech with no reference speech.</summary>
    FalseAlarm,
    /// <summary>Both speak but the (mapped) speakers differ, or more speakers in one than the other.</summary>
    Confusion,
}

/// <summary>Ready-made figures for notebooks. Each returns a <see cref="Figure"/> (render or tweak it further).</summary>
public static partial class Charts
{
    /// <summary>
    /// Waveform as a line. Long signals are reduced to a min/max envelope over <paramref name="maxPoints"/>/2 buckets
    /// (every peak stays visible; a 10-minute file becomes a few thousand points instead of millions).
    /// </summary>
    public static Figure Waveform(Signal signal, string? title = null, int maxPoints = 4000)
    {
        ArgumentNullException.ThrowIfNull(signal);
        var (t, y) = WaveformPoints(signal, maxPoints);
        return new Figure(
            new Scatter { Name = "waveform", X = t, Y = y, Mode = "lines", Line = new Line { Color = "#444", Width = 1 }, ShowLegend = false },
            new Layout
            {
                Title = title, Height = 250, Margin = new Margin { Left = 60, Right = 20, Top = title is null ? 20 : 50, Bottom = 45 },
                XAxis = new Axis { Title = "time (s)", Range = [0, signal.Duration] }, YAxis = new Axis { Title = "amplitude", ZeroLine = false },
            });
    }

    /// <summary>Time and amplitude points of a waveform, decimated to at most <paramref name="maxPoints"/> (min/max per bucket).</summary>
    public static (double[] Times, float[] Samples) WaveformPoints(Signal signal, int maxPoints = 4000)
    {
        if (maxPoints < 2) throw new InvalidParameterException(nameof(maxPoints), $"need at least 2 points, got {maxPoints}.");
        var s = signal.Samples;
        double sr = signal.SampleRate;
        if (s.Length <= maxPoints)
        {
            var t0 = new double[s.Length];
            for (int i = 0; i < s.Length; i++) t0[i] = i / sr;
            return (t0, s.ToArray());
        }
        int buckets = maxPoints / 2;
        var t = new double[2 * buckets]; var y = new float[2 * buckets];
        for (int b = 0; b < buckets; b++)
        {
            int a = (int)((long)s.Length * b / buckets), e = (int)((long)s.Length * (b + 1) / buckets);
            int iMin = a, iMax = a;
            for (int i = a + 1; i < e; i++) { if (s[i] < s[iMin]) iMin = i; if (s[i] > s[iMax]) iMax = i; }
            // Keep the two extremes in time order so the line does not zig-zag backwards.
            int first = Math.Min(iMin, iMax), second = Math.Max(iMin, iMax);
            t[2 * b] = first / sr; y[2 * b] = s[first];
            t[2 * b + 1] = second / sr; y[2 * b + 1] = s[second];
        }
        return (t, y);
    }

    /// <summary>
    /// Error regions between a reference and a hypothesis for shading: elementary segments (between consecutive turn
    /// boundaries) classified by who speaks. Hypothesis labels are mapped to reference labels with
    /// <paramref name="mapping"/>, or, when null, <see cref="OptimalMapping"/> (the md-eval mapping the DER uses), so the
    /// shaded confusion is the confusion the scorer counts (collar 0, whole reference extent).
    /// </summary>
    public static IReadOnlyList<(Segment Segment, ErrorKind Kind)> ErrorRegions(Annotation reference, Annotation hypothesis,
        IReadOnlyDictionary<string, string>? mapping = null)
    {
        ArgumentNullException.ThrowIfNull(reference); ArgumentNullException.ThrowIfNull(hypothesis);
        mapping ??= OptimalMapping(reference, hypothesis);
        var bounds = reference.Tracks.Concat(hypothesis.Tracks).SelectMany(t => new[] { t.Segment.Start, t.Segment.End }).Distinct().OrderBy(v => v).ToArray();
        var result = new List<(Segment, ErrorKind)>();
        for (int i = 0; i + 1 < bounds.Length; i++)
        {
            double a = bounds[i], b = bounds[i + 1], mid = a + 0.5 * (b - a);
            var r = reference.Tracks.Where(t => t.Segment.Contains(mid)).Select(t => t.Label).ToHashSet(StringComparer.Ordinal);
            var h = hypothesis.Tracks.Where(t => t.Segment.Contains(mid)).Select(t => mapping.TryGetValue(t.Label, out var m) ? m : "\u0000hyp:" + t.Label).ToHashSet(StringComparer.Ordinal);
            ErrorKind? kind = r.Count > 0 && h.Count == 0 ? ErrorKind.Miss
                : r.Count == 0 && h.Count > 0 ? ErrorKind.FalseAlarm
                : r.Count > 0 && !r.SetEquals(h) ? ErrorKind.Confusion : null;
            if (kind is null) continue;
            // Merge with the previous region when contiguous and of the same kind.
            if (result.Count > 0 && result[^1].Item2 == kind && result[^1].Item1.End == a)
                result[^1] = (new Segment(result[^1].Item1.Start, b), kind.Value);
            else result.Add((new Segment(a, b), kind.Value));
        }
        return result;
    }

    /// <summary>
    /// The optimal one-to-one hypothesis → reference label mapping of ResearchKit.Scoring
    /// (<see cref="Scoring.DiarizationScorer.Breakdown"/>, md-eval convention: Hungarian assignment maximising co-speaking
    /// time over the reference extent), inverted to hypothesis → reference. Empty when the reference has no turns.
    /// </summary>
    public static IReadOnlyDictionary<string, string> OptimalMapping(Annotation reference, Annotation hypothesis)
    {
        ArgumentNullException.ThrowIfNull(reference); ArgumentNullException.ThrowIfNull(hypothesis);
        if (reference.Count == 0 || hypothesis.Count == 0) return new Dictionary<string, string>(StringComparer.Ordinal);
        var b = Scoring.DiarizationScorer.Breakdown(reference, hypothesis.WithUri(reference.Uri), Scoring.DerOptions.MdEval);
        return b.Mapping.ToDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);
    }

    /// <summary>
    /// Greedy one-to-one hypothesis → reference label mapping by total overlap, largest overlap first. Can differ from the
    /// scorer's optimal mapping (<see cref="OptimalMapping"/>, the default of the figures); kept for comparison.
    /// </summary>
    public static IReadOnlyDictionary<string, string> GreedyMapping(Annotation reference, Annotation hypothesis)
    {
        var pairs = new List<(string H, string R, double Overlap)>();
        foreach (var h in hypothesis.Labels())
            foreach (var r in reference.Labels())
            {
                double o = 0;
                foreach (var th in hypothesis.Tracks) if (th.Label == h)
                    foreach (var tr in reference.Tracks) if (tr.Label == r)
                        o += Math.Max(0, Math.Min(th.Segment.End, tr.Segment.End) - Math.Max(th.Segment.Start, tr.Segment.Start));
                if (o > 0) pairs.Add((h, r, o));
            }
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in pairs.OrderByDescending(p => p.Overlap).ThenBy(p => p.H, StringComparer.Ordinal).ThenBy(p => p.R, StringComparer.Ordinal))
            if (!map.ContainsKey(p.H) && used.Add(p.R)) map[p.H] = p.R;
        return map;
    }

    /// <summary>
    /// Speaker timeline of one or more annotations (pyannote-style): one row per (track, speaker), one colour per
    /// speaker. Without a hypothesis the colours follow first appearance.
    /// </summary>
    public static Figure Timeline(Annotation annotation, string? title = null) =>
        Diarization(annotation, null, null, title);

    /// <summary>
    /// Waveform (optional) over a diarization timeline: reference rows "ref · speaker", hypothesis rows "hyp · speaker"
    /// (hypothesis speakers take the colour of the reference speaker they map to), error regions shaded over the
    /// timeline (miss red, false alarm orange, confusion purple). x axes are linked: zooming one zooms both.
    /// </summary>
    /// <param name="reference">Reference turns.</param>
    /// <param name="hypothesis">Hypothesis turns (optional).</param>
    /// <param name="waveform">Audio to draw above the timeline (optional).</param>
    /// <param name="title">Figure title.</param>
    /// <param name="mapping">hypothesis → reference labels for colours and errors; default <see cref="OptimalMapping"/>.</param>
    public static Figure Diarization(Annotation reference, Annotation? hypothesis = null, Signal? waveform = null, string? title = null,
        IReadOnlyDictionary<string, string>? mapping = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var refLabels = reference.Tracks.Select(t => t.Label).Distinct().ToList();
        var colors = Palette.ForLabels(refLabels);
        if (hypothesis is not null)
        {
            mapping ??= OptimalMapping(reference, hypothesis);
            // Unmapped hypothesis speakers get fresh colours after the reference ones.
            foreach (var h in hypothesis.Tracks.Select(t => t.Label).Distinct())
                if (!mapping.ContainsKey(h) && !colors.ContainsKey("\u0000" + h)) colors["\u0000" + h] = Palette.Color(colors.Count);
        }
        string HypColor(string h) => mapping is not null && mapping.TryGetValue(h, out var r) && colors.TryGetValue(r, out var c) ? c : colors["\u0000" + h];

        bool wave = waveform is not null;
        var grid = new SubplotGrid(wave ? 2 : 1, 1, verticalSpacing: wave ? 0.06 : null, sharedX: true, rowHeights: wave ? [1, 1.6] : null);
        int tr = wave ? 1 : 0;
        string xId = grid.XId(tr, 0), yId = grid.YId(tr, 0);
        var traces = new List<Trace>();
        if (wave)
        {
            var (t, y) = WaveformPoints(waveform!);
            traces.Add(new Scatter { Name = "waveform", X = t, Y = y, Mode = "lines", Line = new Line { Color = "#444", Width = 1 }, ShowLegend = false, XAxis = grid.XId(0, 0), YAxis = grid.YId(0, 0) });
        }
        var rows = new List<string>();
        void AddTracks(Annotation ann, string prefix, Func<string, string> color, Func<string, string> legend)
        {
            foreach (var label in ann.Tracks.Select(t => t.Label).Distinct())
            {
                var segs = ann.Tracks.Where(t => t.Label == label).Select(t => t.Segment).ToArray();
                string row = $"{prefix} · {label}";
                rows.Add(row);
                traces.Add(new Bar
                {
                    Name = legend(label), LegendGroup = legend(label), Orientation = "h",
                    Base = segs.Select(s => s.Start).ToArray(), X = segs.Select(s => s.Duration).ToArray(), Y = segs.Select(_ => row).ToArray(),
                    Width = 0.8, Marker = new Marker { Color = color(label) }, XAxis = xId, YAxis = yId,
                    HoverText = segs.Select(s => $"{label}: {s.Start:0.###}–{s.End:0.###} s").ToArray(),
                    Extra = new() { ["hoverinfo"] = "text" },
                });
            }
        }
        string refPrefix = hypothesis is null ? reference.Uri : "ref";
        AddTracks(reference, refPrefix, l => colors[l], l => l);
        if (hypothesis is not null)
            AddTracks(hypothesis, "hyp", HypColor, h => mapping!.TryGetValue(h, out var r) ? $"{h} → {r}" : h);

        var shapes = new List<Shape>();
        var notes = new List<LayoutAnnotation>();
        if (hypothesis is not null)
        {
            var yDom = grid.YDomain(tr);
            foreach (var (seg, kind) in ErrorRegions(reference, hypothesis, mapping))
                shapes.Add(new Shape
                {
                    XRef = xId, YRef = "paper", X0 = seg.Start, X1 = seg.End, Y0 = yDom[0], Y1 = yDom[1], Layer = "below",
                    FillColor = kind switch { ErrorKind.Miss => Palette.Miss, ErrorKind.FalseAlarm => Palette.FalseAlarm, _ => Palette.Confusion },
                    Opacity = 0.25, Line = new Line { Width = 0 },
                });
            // Legend for the shading (shapes have no legend entries).
            traces.Add(ErrorLegend("miss", Palette.Miss, xId, yId));
            traces.Add(ErrorLegend("false alarm", Palette.FalseAlarm, xId, yId));
            traces.Add(ErrorLegend("confusion", Palette.Confusion, xId, yId));
        }
        double end = Math.Max(reference.Tracks.Select(t => t.Segment.End).DefaultIfEmpty(0).Max(),
            Math.Max(hypothesis?.Tracks.Select(t => t.Segment.End).DefaultIfEmpty(0).Max() ?? 0, waveform?.Duration ?? 0));
        var axes = grid.Axes(
            x: (r, _) => new Axis { Title = r == tr ? "time (s)" : null, Range = [0, Math.Max(end, 1e-3)], ShowTickLabels = r == tr },
            y: (r, _) => r == tr
                ? new Axis { Type = "category", AutoRange = "reversed", CategoryOrder = "array", CategoryArray = rows.ToArray() }
                : new Axis { Title = "amplitude", ZeroLine = false });
        return new Figure(traces, new Layout
        {
            Title = title, BarMode = "overlay", Height = Math.Max(260, (wave ? 180 : 80) + 28 * rows.Count),
            // Row labels ("ref · speaker", "<uri> · speaker") must fit left of the plot: ~7 px per character at the default font.
            Margin = new Margin { Left = Math.Clamp(16 + 7 * rows.Select(r => r.Length).DefaultIfEmpty(0).Max(), 110, 320), Right = 10, Top = title is null ? 20 : 50, Bottom = 45 },
            Shapes = shapes.Count > 0 ? shapes : null, Annotations = notes.Count > 0 ? notes : null,
            Extra = axes,
        });
    }

    private static Scatter ErrorLegend(string name, string color, string x, string y) => new()
    {
        Name = name, X = new[] { double.NaN }, Y = new[] { double.NaN }, Mode = "markers", XAxis = x, YAxis = y,
        Marker = new Marker { Color = color, Symbol = "square", Size = 12, Opacity = 0.4 }, LegendGroup = "errors",
    };
}
