using ResearchKit.Plotting;

namespace ResearchKit.Tests.Plotting;

/// <summary>
/// Figure JSON against golden files written by hand from the plotly.js attribute schema (tests/fixtures/plotly-golden,
/// see its README): a serialiser bug shows up as a missing, renamed or misplaced attribute.
/// </summary>
public class FigureJsonTests
{
    private static string Golden(string name) => File.ReadAllText(Fixtures.Path("plotly-golden", name));

    [Fact]
    public void ScatterLine_NaNBecomesNull_HtmlCharsEscaped()
    {
        var fig = new Figure(
            new Scatter { Name = "waveform", X = new[] { 0.0, 0.5, 1 }, Y = new[] { 0.25f, -0.125f, float.NaN }, Mode = "lines", Line = new Line { Color = "#1f77b4", Width = 1 } },
            new Layout
            {
                Title = "Scatter & <line>",
                XAxis = new Axis { Title = "time (s)", Range = [0, 1] },
                YAxis = new Axis { Title = "amplitude", ZeroLine = false },
                ShowLegend = false,
            });
        string json = fig.ToJson();
        JsonAssert.Equivalent(Golden("scatter-line.json"), json);
        Assert.DoesNotContain("<", json); // safe to inline in <script>
    }

    [Fact]
    public void HorizontalTimelineBars_ShapesAndAnnotations()
    {
        var fig = new Figure(
            new Bar
            {
                Name = "spk_a", LegendGroup = "spk_a", X = new[] { 1.5, 2 }, Y = new[] { "ref", "ref" }, Orientation = "h",
                Base = new[] { 0.5, 3 }, Width = 0.8, Marker = new Marker { Color = "#ff7f0e" },
            },
            new Layout
            {
                BarMode = "overlay",
                XAxis = new Axis { Title = "time (s)" },
                YAxis = new Axis { Type = "category", AutoRange = "reversed" },
                Shapes = [new Shape { XRef = "x", YRef = "paper", X0 = 2, X1 = 3, Y0 = 0, Y1 = 1, FillColor = "red", Opacity = 0.2, Line = new Line { Width = 0 }, Layer = "below" }],
                Annotations = [new LayoutAnnotation { Text = "miss", X = 2.5, Y = 1, XRef = "x", YRef = "paper", ShowArrow = false, YAnchor = "bottom" }],
            });
        JsonAssert.Equivalent(Golden("timeline-bars.json"), fig.ToJson());
    }

    [Fact]
    public void Heatmap_ExplicitColorscale_ColorBar()
    {
        var fig = new Figure(
            new Heatmap
            {
                Z = new double[,] { { 1, 0.5 }, { 0.5, double.NaN } }, X = new[] { "a_1", "a_2" }, Y = new[] { "a_1", "a_2" },
                Colorscale = Colorscale.FromStops((0, "white"), (1, "#08306b")), ZMin = 0, ZMax = 1,
                ColorBar = new ColorBar { Title = "cosine", Thickness = 12 },
            },
            new Layout { YAxis = new Axis { AutoRange = "reversed", ScaleAnchor = "x" }, Width = 500, Height = 450 });
        JsonAssert.Equivalent(Golden("heatmap-colorbar.json"), fig.ToJson());
    }

    [Fact]
    public void HistogramAndBox_LayoutGrid()
    {
        var fig = new Figure(
            [
                new Histogram { Name = "errors", X = new[] { -1, 0, 0, 2 }, XBins = new Bins { Start = -2.5, End = 2.5, Size = 1 }, Marker = new Marker { Color = "gray" } },
                new Box { Name = "DER", Y = new[] { 0.1, 0.25, 0.125 }, BoxPoints = "all", BoxMean = true, XAxis = "x2", YAxis = "y2" },
            ],
            new Layout { BarGap = 0.1, Grid = new LayoutGrid { Rows = 1, Columns = 2, Pattern = "independent" } });
        JsonAssert.Equivalent(Golden("histogram-box.json"), fig.ToJson());
    }

    [Fact]
    public void SubplotGrid_TwoRowsSharedX_DomainsLikeMakeSubplots()
    {
        var grid = new SubplotGrid(2, 1, sharedX: true);
        var fig = new Figure(
            [
                new Scatter { X = new[] { 0.0, 1 }, Y = new[] { 0.0, 1 }, XAxis = grid.XId(0, 0), YAxis = grid.YId(0, 0) },
                new Scatter { X = new[] { 0.0, 1 }, Y = new[] { 1.0, 0 }, XAxis = grid.XId(1, 0), YAxis = grid.YId(1, 0) },
            ],
            new Layout
            {
                Extra = grid.Axes(x: (r, _) => r == 1 ? new Axis { Title = "time (s)" } : null, y: (r, _) => r == 0 ? new Axis { Title = "top" } : null),
                Annotations = grid.Titles("upper", "lower"),
            });
        JsonAssert.Equivalent(Golden("subplots-2x1-shared.json"), fig.ToJson());
    }

    [Fact]
    public void ScatterMarkers_NumericColoursWithColorBar_ExtraAttributes()
    {
        var fig = new Figure(
            new Scatter
            {
                X = new[] { 1.5, -2 }, Y = new[] { 0.1, 3 }, Mode = "markers", Text = new[] { "p", "q" },
                Marker = new Marker { Color = (Values)new[] { 0.0, 1 }, Size = 8, Colorscale = "Viridis", ShowScale = true, ColorBar = new ColorBar { Title = "t" } },
                Extra = new() { ["customdata"] = new[] { 7, 8 } },
            },
            new Layout { HoverMode = "closest", Margin = new Margin { Left = 40, Right = 10, Top = 30, Bottom = 40 } });
        JsonAssert.Equivalent(Golden("scatter-colorbar.json"), fig.ToJson());
    }

    [Fact]
    public void FloatValues_KeepFloatPrecisionInJson()
    {
        // 0.1f as double is 0.100000001490116…; written as a float it stays "0.1" (shorter JSON for spectrograms).
        string json = new Figure(new Scatter { Y = new[] { 0.1f } }).ToJson();
        Assert.Contains("\"y\":[0.1]", json);
    }

    [Fact]
    public void BadInput_RaggedHeatmapRows_NamesRow()
    {
        var e = Assert.Throws<InvalidParameterException>(() => { Grid g = new[] { new[] { 1.0, 2 }, new[] { 3.0 } }; });
        Assert.Contains("row 1", e.Message);
    }

    [Fact]
    public void BadInput_SubplotCellOutsideGrid_NamesCell()
    {
        var e = Assert.Throws<InvalidParameterException>(() => new SubplotGrid(2, 2).XId(2, 0));
        Assert.Contains("(2, 0)", e.Message);
    }

    [Fact]
    public void BadInput_ColorscaleStopsNotFrom0To1()
    {
        Assert.Throws<InvalidParameterException>(() => Colorscale.FromStops((0.2, "white"), (1, "black")));
    }
}
