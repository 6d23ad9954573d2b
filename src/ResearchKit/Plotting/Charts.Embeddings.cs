namespace ResearchKit.Plotting;

public static partial class Charts
{
    /// <summary>
    /// A similarity or distance matrix between items (utterances, segments) as a heatmap with the item names on both
    /// axes and a box around each speaker's block. Items are reordered so each speaker's items are contiguous (speakers
    /// in order of first appearance, items keep their order within a speaker). Matrices up to 16×16 print their values.
    /// </summary>
    /// <param name="matrix">n × n values.</param>
    /// <param name="items">n item names.</param>
    /// <param name="speakers">n speaker labels (optional: no blocks without them).</param>
    /// <param name="title">Figure title.</param>
    /// <param name="valueTitle">Colour-bar title ("cosine distance", "cosine similarity").</param>
    /// <param name="reverseScale">True for distances (small = dark), false for similarities.</param>
    public static Figure SimilarityMatrix(double[,] matrix, IReadOnlyList<string> items, IReadOnlyList<string>? speakers = null,
        string? title = null, string valueTitle = "distance", bool reverseScale = true)
    {
        ArgumentNullException.ThrowIfNull(matrix); ArgumentNullException.ThrowIfNull(items);
        int n = matrix.GetLength(0);
        if (matrix.GetLength(1) != n) throw new InvalidParameterException(nameof(matrix), $"is {n}×{matrix.GetLength(1)}; a similarity matrix must be square.");
        if (items.Count != n) throw new InvalidParameterException(nameof(items), $"{items.Count} names for a {n}×{n} matrix; give one name per row.");
        if (speakers is not null && speakers.Count != n) throw new InvalidParameterException(nameof(speakers), $"{speakers.Count} labels for a {n}×{n} matrix; give one speaker per row.");
        int[] order = Enumerable.Range(0, n).ToArray();
        if (speakers is not null)
        {
            var first = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < n; i++) first.TryAdd(speakers[i], first.Count);
            order = order.OrderBy(i => first[speakers[i]]).ThenBy(i => i).ToArray();
        }
        var z = new double[n, n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) z[i, j] = matrix[order[i], order[j]];
        var names = order.Select(i => items[i]).ToArray();
        var shapes = new List<Shape>();
        if (speakers is not null)
        {
            int start = 0;
            for (int i = 1; i <= n; i++)
                if (i == n || speakers[order[i]] != speakers[order[start]])
                {
                    // Category k spans [k − 0.5, k + 0.5] on both axes.
                    shapes.Add(new Shape { XRef = "x", YRef = "y", X0 = start - 0.5, X1 = i - 0.5, Y0 = start - 0.5, Y1 = i - 0.5, Line = new Line { Color = Palette.Color(shapes.Count), Width = 3 } });
                    start = i;
                }
        }
        int size = Math.Clamp(140 + 32 * n, 380, 800);
        return new Figure(
            new Heatmap
            {
                Z = z, X = names, Y = names, Colorscale = "Viridis", ReverseScale = reverseScale,
                ColorBar = new ColorBar { Title = valueTitle, Thickness = 14 },
                TextTemplate = n <= 16 ? "%{z:.2f}" : null,
            },
            new Layout
            {
                Title = title, Width = size + 100, Height = size, Shapes = shapes.Count > 0 ? shapes : null,
                XAxis = new Axis { Type = "category", Side = "top", TickMode = "array", TickVals = Enumerable.Range(0, n).ToArray(), TickText = names },
                YAxis = new Axis { Type = "category", AutoRange = "reversed", ScaleAnchor = "x", TickMode = "array", TickVals = Enumerable.Range(0, n).ToArray(), TickText = names },
                Margin = new Margin { Left = 80, Right = 20, Top = title is null ? 60 : 100, Bottom = 20 },
            });
    }

    /// <summary>
    /// 2-D PCA projection (<see cref="Pca"/>) of embeddings (rows) as points coloured by speaker, hover showing the item.
    /// </summary>
    public static Figure Projection(double[,] embeddings, IReadOnlyList<string> speakers, IReadOnlyList<string>? items = null, string? title = "PCA projection")
    {
        ArgumentNullException.ThrowIfNull(speakers);
        int n = embeddings.GetLength(0);
        if (speakers.Count != n) throw new InvalidParameterException(nameof(speakers), $"{speakers.Count} labels for {n} embeddings; give one speaker per row.");
        if (items is not null && items.Count != n) throw new InvalidParameterException(nameof(items), $"{items.Count} names for {n} embeddings.");
        var (scores, ratio) = Pca.Project(embeddings, 2);
        return Scatter2D(scores, speakers, items, title, $"PC1 ({ratio[0]:0%})", $"PC2 ({ratio[1]:0%})");
    }

    /// <summary>Points already in 2-D (t-SNE, UMAP or any projection computed elsewhere), coloured by speaker.</summary>
    public static Figure Scatter2D(double[,] points, IReadOnlyList<string> speakers, IReadOnlyList<string>? items = null, string? title = null,
        string xTitle = "dim 1", string yTitle = "dim 2")
    {
        if (points.GetLength(1) != 2) throw new InvalidParameterException(nameof(points), $"has {points.GetLength(1)} columns; give n×2 points.");
        var traces = new List<Trace>();
        var colors = Palette.ForLabels(speakers);
        foreach (var (spk, color) in colors)
        {
            var idx = Enumerable.Range(0, speakers.Count).Where(i => speakers[i] == spk).ToArray();
            traces.Add(new Scatter
            {
                Name = spk, Mode = items is not null && speakers.Count <= 40 ? "markers+text" : "markers",
                X = idx.Select(i => points[i, 0]).ToArray(), Y = idx.Select(i => points[i, 1]).ToArray(),
                Text = items is null ? null : idx.Select(i => items[i]).ToArray(), TextPosition = "top center",
                Marker = new Marker { Color = color, Size = 10 },
            });
        }
        return new Figure(traces, new Layout { Title = title, Height = 450, Width = 600, XAxis = new Axis { Title = xTitle, ZeroLine = false }, YAxis = new Axis { Title = yTitle, ZeroLine = false } });
    }

    /// <summary>
    /// Dendrogram of a scipy linkage matrix (<see cref="DendrogramLayout"/>), with the cut threshold as a dashed line:
    /// links below the cut are coloured per flat cluster, links above it grey (scipy's <c>color_threshold</c> rule:
    /// a link is above when its height ≥ the threshold).
    /// </summary>
    public static Figure Dendrogram(double[,] linkage, IReadOnlyList<string>? labels = null, double? cutThreshold = null, string? title = "dendrogram")
    {
        var layout = DendrogramLayout.Compute(linkage);
        int n = layout.Leaves.Count;
        if (labels is not null && labels.Count != n) throw new InvalidParameterException(nameof(labels), $"{labels.Count} labels for {n} observations.");
        // Colour: a link below the cut belongs to the cluster of its subtree; scipy colours each maximal below-cut subtree.
        var colorOf = new string[layout.ICoord.Count];
        var clusterColor = new Dictionary<int, string>();
        int nextColor = 0;
        var rowIndex = new Dictionary<int, int>();
        for (int i = 0; i < layout.Rows.Count; i++) rowIndex[layout.Rows[i]] = i;
        // Walk top-down: children of an above-cut link start new clusters.
        for (int i = layout.Rows.Count - 1; i >= 0; i--)
        {
            int k = layout.Rows[i];
            double h = linkage[k, 2];
            bool above = cutThreshold is null ? false : h >= cutThreshold.Value;
            if (above) { colorOf[i] = "#808080"; continue; }
            int parent = FindParent(linkage, k + n, n);
            if (parent >= 0 && colorOf[rowIndex[parent - n]] != "#808080") colorOf[i] = colorOf[rowIndex[parent - n]];
            else colorOf[i] = clusterColor[k] = Palette.Color(nextColor++);
        }
        var traces = new List<Trace>();
        for (int i = 0; i < layout.ICoord.Count; i++)
            traces.Add(new Scatter { X = layout.ICoord[i], Y = layout.DCoord[i], Mode = "lines", Line = new Line { Color = colorOf[i], Width = 2 }, ShowLegend = false, Extra = new() { ["hoverinfo"] = "y" } });
        var shapes = new List<Shape>();
        if (cutThreshold is { } cut)
            shapes.Add(new Shape { Type = "line", XRef = "paper", YRef = "y", X0 = 0, X1 = 1, Y0 = cut, Y1 = cut, Line = new Line { Color = "black", Dash = "dash", Width = 1.5 } });
        return new Figure(traces, new Layout
        {
            Title = title, Height = 420, Shapes = shapes.Count > 0 ? shapes : null,
            Annotations = cutThreshold is { } c ? [new LayoutAnnotation { Text = $"cut {c:0.###}", X = 1, Y = c, XRef = "paper", YRef = "y", ShowArrow = false, XAnchor = "right", YAnchor = "bottom" }] : null,
            XAxis = new Axis
            {
                TickMode = "array", TickVals = layout.Leaves.Select((_, i) => 5.0 + 10 * i).ToArray(),
                TickText = layout.Leaves.Select(l => labels?[l] ?? l.ToString()).ToArray(), ShowGrid = false, ZeroLine = false, Range = [0, 10.0 * n],
            },
            YAxis = new Axis { Title = "merge distance", ZeroLine = false },
        });
    }

    private static int FindParent(double[,] z, int cluster, int n)
    {
        for (int k = cluster - n + 1; k < z.GetLength(0); k++)
            if ((int)z[k, 0] == cluster || (int)z[k, 1] == cluster) return k + n;
        return -1;
    }
}
