using System.Net;
using System.Text;

namespace ResearchKit.Plotting;

/// <summary>How an HTML page gets plotly.js.</summary>
public enum PlotlyJsMode
{
    /// <summary>plotly.js is inlined: a self-contained file (≈ 4.8 MB) that opens anywhere offline.</summary>
    Inline,
    /// <summary>A <c>&lt;script src&gt;</c> reference; <c>HtmlRenderer.Write</c> copies plotly.min.js next to the page once.</summary>
    Reference,
}

/// <summary>Options of <see cref="HtmlRenderer"/>.</summary>
public sealed record HtmlOptions
{
    /// <summary>Inline (self-contained, the default) or referenced plotly.js.</summary>
    public PlotlyJsMode Mode { get; init; } = PlotlyJsMode.Inline;
    /// <summary>plotly.min.js to use; default <see cref="PlotlyJs.Locate()"/>.</summary>
    public string? PlotlyJsPath { get; init; }
    /// <summary>The script URL written in <see cref="PlotlyJsMode.Reference"/> mode (relative to the page).</summary>
    public string ScriptSource { get; init; } = "plotly.min.js";
    /// <summary>Page title.</summary>
    public string PageTitle { get; init; } = "ResearchKit figures";
    /// <summary>Default figure width in px when the layout sets none.</summary>
    public int Width { get; init; } = 900;
    /// <summary>Default figure height in px when the layout sets none.</summary>
    public int Height { get; init; } = 500;
}

/// <summary>Interactive HTML pages for figures, with plotly.js from the build (never a CDN).</summary>
public static class HtmlRenderer
{
    /// <summary>An HTML page showing <paramref name="figures"/> one below the other.</summary>
    public static string Render(IEnumerable<Figure> figures, HtmlOptions? options = null)
    {
        options ??= new HtmlOptions();
        var figs = figures?.ToArray() ?? throw new InvalidParameterException(nameof(figures), "no figures given; pass at least one Figure.");
        if (figs.Length == 0) throw new InvalidParameterException(nameof(figures), "no figures given; pass at least one Figure.");
        string js = options.PlotlyJsPath is { } p ? PlotlyJs.Locate([p]) : PlotlyJs.Locate();
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>")
          .Append(WebUtility.HtmlEncode(options.PageTitle)).Append("</title>\n");
        if (options.Mode == PlotlyJsMode.Inline)
            sb.Append("<script>").Append(File.ReadAllText(js).Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase)).Append("</script>\n");
        else
            sb.Append("<script src=\"").Append(WebUtility.HtmlEncode(options.ScriptSource)).Append("\"></script>\n");
        sb.Append("</head>\n<body>\n");
        for (int i = 0; i < figs.Length; i++) sb.Append(Fragment(figs[i], $"rk-figure-{i}", options.Width, options.Height));
        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>An HTML page showing one figure.</summary>
    public static string Render(Figure figure, HtmlOptions? options = null) => Render([figure], options);

    /// <summary>
    /// A <c>&lt;div&gt;</c> plus the script drawing <paramref name="figure"/> into it; plotly.js must already be on the page
    /// (<c>window.Plotly</c>). The figure JSON escapes &lt; and &gt;, so it is safe inside a script element.
    /// </summary>
    public static string Fragment(Figure figure, string divId, int width = 900, int height = 500)
    {
        ArgumentNullException.ThrowIfNull(figure);
        int w = figure.Layout.Width ?? width, h = figure.Layout.Height ?? height;
        string id = WebUtility.HtmlEncode(divId);
        return $"<div id=\"{id}\" style=\"width:{w}px;height:{h}px\"></div>\n" +
               $"<script>(function(){{var f={figure.ToJson()};f.layout.width=f.layout.width||{w};f.layout.height=f.layout.height||{h};" +
               $"Plotly.newPlot(\"{id}\",f.data,f.layout,{{responsive:false}});}})();</script>\n";
    }

    /// <summary>
    /// Writes the page to <paramref name="path"/> atomically. In <see cref="PlotlyJsMode.Reference"/> mode plotly.min.js is
    /// copied once into the page's folder (not overwritten when already there), so many pages share it.
    /// </summary>
    public static void Write(string path, IEnumerable<Figure> figures, HtmlOptions? options = null)
    {
        options ??= new HtmlOptions();
        string html = Render(figures, options);
        IO.AtomicFile.WriteAllText(path, html);
        if (options.Mode == PlotlyJsMode.Reference && !options.ScriptSource.Contains('/') && !options.ScriptSource.Contains(':'))
        {
            string target = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, options.ScriptSource);
            if (!File.Exists(target))
            {
                string js = options.PlotlyJsPath is { } p ? PlotlyJs.Locate([p]) : PlotlyJs.Locate();
                IO.AtomicFile.WriteAllBytes(target, File.ReadAllBytes(js));
            }
        }
    }

    /// <summary>Writes a page with one figure.</summary>
    public static void Write(string path, Figure figure, HtmlOptions? options = null) => Write(path, [figure], options);
}
