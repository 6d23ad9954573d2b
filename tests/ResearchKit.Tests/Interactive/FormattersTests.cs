using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive.Formatting;
using ResearchKit.Interactive;
using ResearchKit.Plotting;
using ResearchKit.Plotting.PlotlyNet;
using ResearchKit.Tests.Plotting;

namespace ResearchKit.Tests.Interactive;

/// <summary>The notebook formatters and the Plotly.NET adapter, exercised outside the kernel.</summary>
[Collection("Formatters")]
public class FormattersTests
{
    [Fact]
    public void Figure_FormatsAsPng_Annotation_AsTimelinePng()
    {
        ResearchKitFormatters.Register();
        Assert.True(ResearchKitFormatters.PngAvailable); // CI installs chromium
        var fig = new Figure(new Scatter { X = new[] { 0.0, 1 }, Y = new[] { 0.0, 1 } });
        var png = new PngReader(Convert.FromBase64String(fig.ToDisplayString("image/png")));
        Assert.Equal((800, 450), (png.Width, png.Height));
        var ann = new ResearchKit.Annotations.Annotation("f", [(0.0, 1.0, "A")]);
        Assert.StartsWith("iVBORw0KGgo", ann.ToDisplayString("image/png")); // PNG signature in base64
    }

    [Fact]
    public void Figure_AsHtml_InlinesPlotlyOnlyOnce()
    {
        ResearchKitFormatters.Register();
        var fig = new Figure(new Bar { X = new[] { "a" }, Y = new[] { 1.0 } });
        string first = fig.AsHtml().ToDisplayString("text/html"), second = fig.AsHtml().ToDisplayString("text/html");
        Assert.True(first.Contains("plotly.js v4.1.2") || second.Length < 100_000); // once per session (another test may have been first)
        Assert.DoesNotContain("plotly.js v4.1.2", second);
        Assert.Contains("Plotly.newPlot", second);
    }

    [Fact]
    public void DataFrame_FormatsAsHtmlTable_InvariantNumbers()
    {
        ResearchKitFormatters.Register();
        var df = new DataFrame(new StringDataFrameColumn("file", ["a<b", "c"]), new DoubleDataFrameColumn("DER", [0.123456, double.NaN]));
        string html = df.ToDisplayString("text/html");
        Assert.Contains("<th>file</th><th>DER</th>", html);
        Assert.Contains("<td>a&lt;b</td><td>0.1235</td>", html);
        Assert.Contains("<td>NaN</td>", html);
        Assert.Contains("1 more rows", ResearchKitFormatters.TableHtml(df, maxRows: 1));
    }

    [Fact]
    public void ScoreReport_FormatsAsTableWithTotal()
    {
        ResearchKitFormatters.Register();
        // Reference A 0–10 s; hypothesis covers 0–8 s: 2 s missed of 10 → DER 20 %.
        var reference = new Dictionary<string, ResearchKit.Annotations.Annotation> { ["f"] = new("f", [(0.0, 10.0, "A")]) };
        var hypothesis = new Dictionary<string, ResearchKit.Annotations.Annotation> { ["f"] = new("f", [(0.0, 8.0, "x")]) };
        var report = ResearchKit.Scoring.DiarizationScorer.Score(reference, hypothesis);
        string html = report.ToDisplayString("text/html");
        Assert.Contains("<td>TOTAL</td><td>10.00</td><td>20.00</td><td>0.00</td><td>0.00</td><td>20.00</td>", html);
        Assert.Contains("MdEval, collar 0 s per side", html);
    }

    [Fact]
    public void PlotlyNetChart_RendersThroughOurRenderers()
    {
        var chart = Plotly.NET.CSharp.Chart.Line<double, double, string>(x: [0.0, 1, 2], y: [1.0, 3, 2], Name: "plotly.net line");
        var fig = chart.ToResearchKit();
        string json = fig.ToJson();
        Assert.Contains("\"type\":\"scatter\"", json);
        Assert.Contains("plotly.net line", json);
        string html = HtmlRenderer.Render(fig);
        Assert.DoesNotContain("cdn.plot.ly/plotly", html); // our build's plotly.js, not Plotly.NET's CDN reference
        using var chromium = new ChromiumRenderer();
        var png = new PngReader(chromium.RenderPng(fig, 300, 200));
        Assert.Equal((300, 200), (png.Width, png.Height));
    }

    [Fact]
    public void BadInput_FigureFromJsonWithoutData()
    {
        var e = Assert.Throws<InvalidParameterException>(() => Figure.FromJson("{\"layout\":{}}"));
        Assert.Contains("\"data\"", e.Message);
        Assert.Throws<InvalidParameterException>(() => Figure.FromJson("not json"));
    }
}
