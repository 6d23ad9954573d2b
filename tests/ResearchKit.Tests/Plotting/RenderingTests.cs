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

    [Fact]
    public void ReadyMadeCharts_AllRenderToPng()
    {
        // Every ready-made figure must be accepted by plotly.js and produce an image (set RK_PLOT_DUMP=dir to look at them).
        var reference = new ResearchKit.Annotations.Annotation("f", [(0.0, 4.0, "A"), (4.0, 8.0, "B"), (6.0, 7.0, "C")]);
        var hypothesis = new ResearchKit.Annotations.Annotation("f", [(0.0, 3.0, "s1"), (3.0, 8.0, "s2"), (9.0, 10.0, "s1")]);
        var rng = new Random(1);
        var wave = new ResearchKit.Audio.Signal(Enumerable.Range(0, 160000).Select(i => (float)(Math.Sin(i / 30.0) * (rng.NextDouble() - 0.5))).ToArray(), 16000);
        var emb = new double[12, 5];
        for (int i = 0; i < 12; i++) for (int j = 0; j < 5; j++) emb[i, j] = (i / 3) * (j == i / 3 ? 3 : 0) + rng.NextDouble();
        var names = Enumerable.Range(0, 12).Select(i => $"{"abxz"[i / 3]}_{i % 3 + 1}").ToArray();
        var spk = names.Select(n => n[..1]).ToArray();
        var dist = new double[12, 12];
        for (int i = 0; i < 12; i++) for (int j = 0; j < 12; j++) dist[i, j] = spk[i] == spk[j] ? (i == j ? 0 : 0.3) : 0.8;
        var feats = Enumerable.Range(0, 300 * 40).Select(i => (float)Math.Sin(i * 0.001)).ToArray();
        var z = new double[,] { { 0, 1, 0.3, 2 }, { 2, 3, 0.4, 2 }, { 4, 5, 1.0, 4 } };
        var figs = new (string Name, Figure Figure)[]
        {
            ("diarization", Charts.Diarization(reference, hypothesis, wave, "reference vs hypothesis")),
            ("timeline", Charts.Timeline(reference, "timeline")),
            ("waveform", Charts.Waveform(wave, "waveform")),
            ("features", Charts.FeatureMatrix(feats, 300, 40, 0.01, "log-mel", "mel band", "log energy")),
            ("feature-stack", Charts.FeatureStack(0.01, ("log-mel", feats, 300, 40), ("MFCC", feats[..(300 * 13)], 300, 13))),
            ("similarity", Charts.SimilarityMatrix(dist, names, spk, "distance matrix")),
            ("projection", Charts.Projection(emb, spk, names)),
            ("dendrogram", Charts.Dendrogram(z, ["a", "b", "c", "d"], 0.5)),
            ("der-curve", Charts.DerCurve([0.3, 0.5, 0.7], [0.05, 0.05, 0.06], [0.02, 0.02, 0.01], [0.2, 0.04, 0.1])),
            ("der-bars", Charts.DerBars(["f1", "f2"], new Dictionary<string, double[]> { ["mfcc"] = [0.3, 0.2], ["emb"] = [0.1, 0.15] })),
            ("count-errors", Charts.SpeakerCountErrors([2, 3, 4, 1, 2], [2, 2, 4, 3, 2])),
        };
        string? dump = Environment.GetEnvironmentVariable("RK_PLOT_DUMP");
        foreach (var (name, fig) in figs)
        {
            var bytes = chromium.Renderer.RenderPng(fig);
            var png = new PngReader(bytes);
            Assert.True(png.Width > 0 && png.Height > 0, name);
            if (dump is not null) File.WriteAllBytes(Path.Combine(dump, name + ".png"), bytes);
        }
    }
}
