namespace ResearchKit.Plotting;

/// <summary>
/// A rows × columns grid of cartesian subplots with explicit axis domains, laid out like plotly.py's
/// <c>make_subplots</c>: cell (0, 0) is top-left and uses axes <c>x</c>/<c>y</c>, cell (r, c) uses axis number
/// <c>r·columns + c + 1</c>. Default spacing is plotly.py's (0.2/columns horizontally, 0.3/rows vertically).
/// </summary>
public sealed class SubplotGrid
{
    /// <summary>Creates the grid.</summary>
    /// <param name="rows">Rows (≥ 1).</param>
    /// <param name="columns">Columns (≥ 1).</param>
    /// <param name="horizontalSpacing">Gap between columns, paper fraction; default 0.2/columns.</param>
    /// <param name="verticalSpacing">Gap between rows, paper fraction; default 0.3/rows.</param>
    /// <param name="sharedX">When true, every x axis follows the bottom-left one (<c>matches</c>) so zoom is shared.</param>
    /// <param name="rowHeights">Relative row heights (top to bottom), default equal.</param>
    public SubplotGrid(int rows, int columns, double? horizontalSpacing = null, double? verticalSpacing = null,
        bool sharedX = false, double[]? rowHeights = null)
    {
        if (rows < 1) throw new InvalidParameterException(nameof(rows), $"a subplot grid needs at least 1 row, got {rows}.");
        if (columns < 1) throw new InvalidParameterException(nameof(columns), $"a subplot grid needs at least 1 column, got {columns}.");
        double hs = horizontalSpacing ?? 0.2 / columns, vs = verticalSpacing ?? 0.3 / rows;
        if (hs < 0 || hs * (columns - 1) >= 1) throw new InvalidParameterException(nameof(horizontalSpacing), $"spacing {hs} leaves no room for {columns} columns; use a value in [0, {1.0 / Math.Max(1, columns - 1)}).");
        if (vs < 0 || vs * (rows - 1) >= 1) throw new InvalidParameterException(nameof(verticalSpacing), $"spacing {vs} leaves no room for {rows} rows; use a value in [0, {1.0 / Math.Max(1, rows - 1)}).");
        if (rowHeights is not null && (rowHeights.Length != rows || rowHeights.Any(h => !(h > 0))))
            throw new InvalidParameterException(nameof(rowHeights), $"give {rows} positive relative heights, got [{string.Join(", ", rowHeights)}].");
        Rows = rows; Columns = columns; SharedX = sharedX;
        double w = (1 - hs * (columns - 1)) / columns;
        _x = new double[columns][];
        for (int c = 0; c < columns; c++) _x[c] = [Clean(c * (w + hs)), Clean(c * (w + hs) + w)];
        double total = 1 - vs * (rows - 1), sum = rowHeights?.Sum() ?? rows;
        _y = new double[rows][];
        double top = 1;
        for (int r = 0; r < rows; r++)
        {
            double h = total * (rowHeights?[r] ?? 1) / sum;
            _y[r] = [Clean(top - h), Clean(top)];
            top -= h + vs;
        }
    }

    private readonly double[][] _x, _y;

    // Rounds away floating-point dust (5.6e-17 instead of 0) so the JSON shows the intended fractions.
    private static double Clean(double v) => Math.Clamp(Math.Round(v, 12), 0, 1);

    /// <summary>Number of rows.</summary>
    public int Rows { get; }
    /// <summary>Number of columns.</summary>
    public int Columns { get; }
    /// <summary>Whether x axes are linked.</summary>
    public bool SharedX { get; }

    private int Number(int row, int column)
    {
        if ((uint)row >= Rows || (uint)column >= Columns)
            throw new InvalidParameterException("cell", $"cell ({row}, {column}) is outside the {Rows}×{Columns} grid; rows and columns count from 0.");
        return row * Columns + column + 1;
    }

    /// <summary>Trace x-axis id of a cell ("x", "x2"…).</summary>
    public string XId(int row, int column) { int n = Number(row, column); return n == 1 ? "x" : $"x{n}"; }

    /// <summary>Trace y-axis id of a cell ("y", "y2"…).</summary>
    public string YId(int row, int column) { int n = Number(row, column); return n == 1 ? "y" : $"y{n}"; }

    /// <summary>x domain [from, to] of a column (paper fraction).</summary>
    public double[] XDomain(int column) => [.. _x[column]];

    /// <summary>y domain [from, to] of a row (paper fraction; row 0 at the top).</summary>
    public double[] YDomain(int row) => [.. _y[row]];

    /// <summary>
    /// The layout axis entries (<c>xaxis</c>, <c>yaxis</c>, <c>xaxis2</c>…) with domains and anchors set, to put in
    /// <see cref="Layout.Extra"/>. <paramref name="x"/>/<paramref name="y"/> give per-cell axis styling (titles, ranges).
    /// </summary>
    public Dictionary<string, object> Axes(Func<int, int, Axis?>? x = null, Func<int, int, Axis?>? y = null)
    {
        var d = new Dictionary<string, object>();
        string bottomLeft = XId(Rows - 1, 0);
        for (int r = 0; r < Rows; r++)
            for (int c = 0; c < Columns; c++)
            {
                string xi = XId(r, c), yi = YId(r, c);
                var xa = (x?.Invoke(r, c) ?? new Axis()) with { Domain = XDomain(c), Anchor = yi };
                if (SharedX && xi != bottomLeft) xa = xa with { Matches = bottomLeft };
                var ya = (y?.Invoke(r, c) ?? new Axis()) with { Domain = YDomain(r), Anchor = xi };
                d[xi == "x" ? "xaxis" : "xaxis" + xi[1..]] = xa;
                d[yi == "y" ? "yaxis" : "yaxis" + yi[1..]] = ya;
            }
        return d;
    }

    /// <summary>Subplot titles as paper-anchored annotations centred above each cell (row-major order; null skips).</summary>
    public List<LayoutAnnotation> Titles(params string?[] titles)
    {
        if (titles.Length > Rows * Columns)
            throw new InvalidParameterException(nameof(titles), $"{titles.Length} titles for {Rows * Columns} cells; give at most one per cell.");
        var list = new List<LayoutAnnotation>();
        for (int i = 0; i < titles.Length; i++)
        {
            if (titles[i] is null) continue;
            int r = i / Columns, c = i % Columns;
            list.Add(new LayoutAnnotation
            {
                Text = titles[i]!, X = (_x[c][0] + _x[c][1]) / 2, Y = _y[r][1], XRef = "paper", YRef = "paper",
                XAnchor = "center", YAnchor = "bottom", ShowArrow = false, Font = new Font { Size = 14 },
            });
        }
        return list;
    }
}
