namespace ResearchKit.Plotting;

public static partial class Charts
{
    /// <summary>
    /// DER against a clustering threshold: miss, false alarm and confusion stacked as areas (their sum is the DER),
    /// the total as a line, and the best (lowest-DER) threshold marked. Values are fractions (0.12 = 12 %).
    /// </summary>
    public static Figure DerCurve(double[] thresholds, double[] miss, double[] falseAlarm, double[] confusion,
        string? title = "DER vs threshold", string thresholdTitle = "threshold")
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        int n = thresholds.Length;
        if (n == 0) throw new InvalidParameterException(nameof(thresholds), "no thresholds given.");
        foreach (var (name, arr) in new[] { (nameof(miss), miss), (nameof(falseAlarm), falseAlarm), (nameof(confusion), confusion) })
            if (arr is null || arr.Length != n)
                throw new InvalidParameterException(name, $"has {arr?.Length ?? 0} values for {n} thresholds; give one value per threshold.");
        var der = new double[n];
        int best = 0;
        for (int i = 0; i < n; i++)
        {
            der[i] = miss[i] + falseAlarm[i] + confusion[i];
            if (der[i] < der[best]) best = i;
        }
        Scatter Area(string name, double[] y, string color) => new()
        {
            Name = name, X = thresholds, Y = y, Mode = "lines", StackGroup = "der", Line = new Line { Color = color, Width = 0.5 },
            Extra = new() { ["hovertemplate"] = name + " %{y:.1%}<extra></extra>" },
        };
        return new Figure(
            [
                Area("miss", miss, Palette.Miss), Area("false alarm", falseAlarm, Palette.FalseAlarm), Area("confusion", confusion, Palette.Confusion),
                new Scatter { Name = "DER", X = thresholds, Y = der, Mode = "lines+markers", Line = new Line { Color = "black", Width = 2 }, Marker = new Marker { Size = 5 } },
                new Scatter
                {
                    Name = $"best: {thresholdTitle} {thresholds[best]:0.###}, DER {der[best]:0.0%}", X = new[] { thresholds[best] }, Y = new[] { der[best] },
                    Mode = "markers", Marker = new Marker { Color = "black", Size = 14, Symbol = "star" },
                },
            ],
            new Layout
            {
                Title = title, Height = 460, XAxis = new Axis { Title = thresholdTitle }, YAxis = new Axis { Title = "error rate", TickFormat = ".0%", Range = [0, Math.Max(1e-9, der.Max() * 1.1)] },
                // Horizontal legend below the x-axis title (at y = -0.2 it covered the title).
                HoverMode = "x unified", Legend = new Legend { Orientation = "h", Y = -0.3 }, Margin = new Margin { Left = 70, Right = 20, Top = 60, Bottom = 130 },
            });
    }

    /// <summary>Index of the threshold with the lowest DER (miss + false alarm + confusion); first one on ties.</summary>
    public static int BestIndex(double[] miss, double[] falseAlarm, double[] confusion)
    {
        int best = 0;
        for (int i = 1; i < miss.Length; i++)
            if (miss[i] + falseAlarm[i] + confusion[i] < miss[best] + falseAlarm[best] + confusion[best]) best = i;
        return best;
    }

    /// <summary>Per-file DER as grouped bars, one colour per method. <paramref name="der"/>[method][i] is file i's DER (fraction).</summary>
    public static Figure DerBars(IReadOnlyList<string> files, IReadOnlyDictionary<string, double[]> der, string? title = "DER per file")
    {
        ArgumentNullException.ThrowIfNull(files); ArgumentNullException.ThrowIfNull(der);
        if (der.Count == 0) throw new InvalidParameterException(nameof(der), "no methods given.");
        var traces = new List<Trace>();
        int k = 0;
        foreach (var (method, values) in der)
        {
            if (values.Length != files.Count)
                throw new InvalidParameterException(nameof(der), $"method '{method}' has {values.Length} values for {files.Count} files; give one DER per file.");
            traces.Add(new Bar { Name = method, X = files.ToArray(), Y = values, Marker = new Marker { Color = Palette.Color(k++) }, Extra = new() { ["hovertemplate"] = "%{x}: %{y:.1%}" } });
        }
        return new Figure(traces, new Layout
        {
            Title = title, BarMode = "group", Height = 400, XAxis = new Axis { Title = "file", Type = "category" },
            YAxis = new Axis { Title = "DER", TickFormat = ".0%" }, Legend = new Legend { Orientation = "h", Y = -0.25 },
        });
    }

    /// <summary>
    /// Histogram of speaker-count errors (estimated − reference) per file, one integer bin per error value, the
    /// zero-error bar green.
    /// </summary>
    public static Figure SpeakerCountErrors(int[] estimated, int[] reference, string? title = "speaker-count error")
    {
        ArgumentNullException.ThrowIfNull(estimated); ArgumentNullException.ThrowIfNull(reference);
        if (estimated.Length != reference.Length || estimated.Length == 0)
            throw new InvalidParameterException(nameof(estimated), $"{estimated.Length} estimated counts for {reference.Length} reference counts; give one pair per file.");
        var errors = estimated.Zip(reference, (e, r) => e - r).ToArray();
        int lo = Math.Min(-1, errors.Min()), hi = Math.Max(1, errors.Max());
        var x = Enumerable.Range(lo, hi - lo + 1).ToArray();
        var counts = x.Select(v => (double)errors.Count(e => e == v)).ToArray();
        return new Figure(
            new Bar { X = x, Y = counts, Marker = new Marker { Color = (Values)x.Select(v => v == 0 ? "#2ca02c" : "#7f7f7f").ToArray() }, Text = counts.Select(c => c > 0 ? c.ToString("0") : "").ToArray(), TextPosition = "outside" },
            new Layout
            {
                Title = title, Height = 350, BarGap = 0.1,
                XAxis = new Axis { Title = "estimated − reference speakers", TickMode = "linear", DTick = 1 },
                YAxis = new Axis { Title = "files" },
            });
    }
}
