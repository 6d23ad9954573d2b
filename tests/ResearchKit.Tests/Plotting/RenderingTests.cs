using ResearchKit.Plotting;

namespace ResearchKit.Tests.Plotting;

/// <summary>One headless Chromium for all rendering tests in this class (start-up costs seconds).</summary>
public sealed class ChromiumFixture : IDisposable
{
    public ChromiumRenderer Renderer { get; } = new();
    public void Dispose() => Renderer.Dispose();
}

/// <summary>PNG/SVG through the system Chromium (installed by .ci/run) and HTML pages with the build's plotly.js.</summary>
public class RenderingTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    // A heatmap filling the whole plot area with one colour; margins 0 so the image centre is inside it.
    private static Figure Solid(string color) => new(
        new Heatmap { Z = new double[,] { { 1, 1 }, { 1, 1 } }, Colorscale = Colorscale.FromStops((0, color), (1, color)), ShowScale = false },
        new Layout { Margin = new Margin { Left = 0, Right = 0, Top = 0, Bottom = 0 }, XAxis = new Axis { ShowTickLabels = false }, YAxis = new Axis { ShowTickLabels = false } });

    [Fact]
    public void Png_HasRequestedSize_AndDrawsTheFigure()
    {
        var png = new PngReader(chromium.Renderer.RenderPng(Solid("rgb(255,0,0)"), 320, 200));
        Assert.Equal((320, 200), (png.Width, png.Height));
        Assert.Equal((255, 0, 0), png.Pixel(160, 100));
        var blue = new PngReader(chromium.Renderer.RenderPng(Solid("rgb(0,0,255)"), 320, 200));
        Assert.Equal((0, 0, 255), blue.Pixel(160, 100));
    }

    [Fact]
    public void Png_Scale2_DoublesPixels()
    {
        var png = new PngReader(chromium.Renderer.RenderPng(Solid("rgb(0,128,0)"), 100, 60, scale: 2));
        Assert.Equal((200, 120), (png.Width, png.Height));
    }

    [Fact]
    public void Svg_IsAnSvgDocumentWithTheTitle()
    {
        var fig = new Figure(new Scatter { X = new[] { 0.0, 1 }, Y = new[] { 0.0, 1 } }, new Layout { Title = "hello svg" });
        string svg = chromium.Renderer.RenderSvg(fig, 400, 300);
        Assert.StartsWith("<svg", svg);
        Assert.Contains("hello svg", svg);
        Assert.Contains("width=\"400\"", svg);
    }

    [Fact]
    public void Save_WritesPngAtomically_RejectsOtherExtensions()
    {
        string dir = Fixtures.TempDir();
        chromium.Renderer.Save(Solid("white"), Path.Combine(dir, "a.png"), 50, 50);
        Assert.True(new FileInfo(Path.Combine(dir, "a.png")).Length > 0);
        var e = Assert.Throws<InvalidParameterException>(() => chromium.Renderer.Save(Solid("white"), Path.Combine(dir, "a.jpg")));
        Assert.Contains(".jpg", e.Message);
        Assert.Single(Directory.GetFiles(dir)); // no partial file
    }

    [Fact]
    public void BadInput_NoChromium_MissingDependencyNamesHowToInstall()
    {
        var e = Assert.Throws<MissingDependencyException>(() => new ChromiumRenderer(new ChromiumOptions { ExecutablePath = "/nonexistent/chromium" }));
        Assert.Contains("apt-get install", e.Message);
        Assert.Contains("HTML", e.Message);
    }

    [Fact]
    public void BadInput_PlotlyJsMissing_ErrorNamesTheBuildStep()
    {
        var e = Assert.Throws<MissingDependencyException>(() => PlotlyJs.Locate(["/nonexistent/plotly.min.js"]));
        Assert.Contains("FetchPlotlyJs", e.Message);
        Assert.Contains("npm pack plotly.js-dist-min@4.1.2", e.Message);
        var h = Assert.Throws<MissingDependencyException>(() => HtmlRenderer.Render(Solid("red"), new HtmlOptions { PlotlyJsPath = "/nonexistent/plotly.min.js" }));
        Assert.Contains("FetchPlotlyJs", h.Message);
    }

    [Fact]
    public void PlotlyJs_FromTheBuild_IsVersion412()
    {
        string head = new StreamReader(PlotlyJs.Locate()).ReadLine() + new StreamReader(PlotlyJs.Locate()).ReadToEnd()[..200];
        Assert.Contains("plotly.js v4.1.2", head);
    }

    [Fact]
    public void Html_Inline_IsSelfContained_NoNetworkUrl()
    {
        string html = HtmlRenderer.Render([Solid("red"), Solid("blue")]);
        Assert.Contains("plotly.js v4.1.2", html);
        Assert.Contains("rk-figure-1", html);
        // Outside the inlined library (whose geo defaults mention a CDN we never use) the page references no URL.
        int start = html.IndexOf("<script>", StringComparison.Ordinal), end = html.IndexOf("</script>", start, StringComparison.Ordinal);
        string page = html[..start] + html[end..];
        Assert.DoesNotContain("src=", page);
        Assert.DoesNotContain("http", page);
    }

    [Fact]
    public void Html_Reference_CopiesPlotlyOnceNextToPage()
    {
        string dir = Fixtures.TempDir();
        var o = new HtmlOptions { Mode = PlotlyJsMode.Reference };
        HtmlRenderer.Write(Path.Combine(dir, "a.html"), Solid("red"), o);
        HtmlRenderer.Write(Path.Combine(dir, "b.html"), Solid("red"), o);
        Assert.Contains("<script src=\"plotly.min.js\">", File.ReadAllText(Path.Combine(dir, "a.html")));
        Assert.Equal(new FileInfo(PlotlyJs.Locate()).Length, new FileInfo(Path.Combine(dir, "plotly.min.js")).Length);
        Assert.Equal(3, Directory.GetFiles(dir).Length);
    }

    [Fact]
    public void Html_RenderedByChromium_DrawsTheFigure()
    {
        // The HTML page (not only Plotly.toImage) must work offline: render it and look for plotly's SVG root.
        string dir = Fixtures.TempDir();
        string path = Path.Combine(dir, "page.html");
        HtmlRenderer.Write(path, new Figure(new Bar { X = new[] { "a", "b" }, Y = new[] { 1.0, 2 } }, new Layout { Title = "page title xyz" }));
        Assert.True(chromium.Renderer.PageContains(path, "page title xyz"));
    }
}
