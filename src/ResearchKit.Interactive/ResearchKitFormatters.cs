using System.Globalization;
using System.Net;
using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive.Formatting;
using ResearchKit.Annotations;
using ResearchKit.Plotting;
using ResearchKit.Scoring;

namespace ResearchKit.Interactive;

/// <summary>
/// Registers ResearchKit's notebook formatters with .NET Interactive: a <see cref="Figure"/> displays as
/// <c>image/png</c> (rendered offline by one shared headless Chromium, so it shows on code-hosting sites and without
/// JavaScript), an <see cref="Annotation"/> as its timeline plot, a <see cref="DataFrame"/> and a
/// <see cref="ScoreReport"/> as HTML tables.
/// Without Chromium, figures fall back to interactive HTML with a printed notice.
/// Call <see cref="Register"/> once (the first notebook cell does), or load the assembly as a kernel extension.
/// </summary>
public static class ResearchKitFormatters
{
    private static int _registered;
    private static bool _plotlyInlined;

    /// <summary>True when figures render to PNG; false when Chromium is missing and they render to HTML.</summary>
    public static bool PngAvailable { get; private set; }

    /// <summary>Maximum DataFrame rows shown in a table (the rest are summarised in a last row).</summary>
    public static int MaxTableRows { get; set; } = 60;

    /// <summary>Registers the formatters (idempotent). Returns a one-line status for the notebook.</summary>
    public static string Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return Status();
        PngAvailable = ChromiumRenderer.IsAvailable;
        if (PngAvailable)
        {
            Formatter.Register<Figure>((fig, w) => w.Write(Convert.ToBase64String(RenderPng(fig))), "image/png");
            Formatter.Register<Annotation>((a, w) => w.Write(Convert.ToBase64String(RenderPng(Charts.Timeline(a, a.Uri)))), "image/png");
            Formatter.SetPreferredMimeTypesFor(typeof(Figure), "image/png");
            Formatter.SetPreferredMimeTypesFor(typeof(Annotation), "image/png");
        }
        else
        {
            Formatter.Register<Figure>((fig, w) => w.Write(HtmlFallback(fig)), HtmlFormatter.MimeType);
            Formatter.Register<Annotation>((a, w) => w.Write(HtmlFallback(Charts.Timeline(a, a.Uri))), HtmlFormatter.MimeType);
            Formatter.SetPreferredMimeTypesFor(typeof(Figure), HtmlFormatter.MimeType);
            Formatter.SetPreferredMimeTypesFor(typeof(Annotation), HtmlFormatter.MimeType);
        }
        Formatter.Register<HtmlFigure>((h, w) => w.Write(InteractiveHtml(h.Figure)), HtmlFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(HtmlFigure), HtmlFormatter.MimeType);
        Formatter.Register<DataFrame>((df, w) => w.Write(TableHtml(df, MaxTableRows)), HtmlFormatter.MimeType);
        Formatter.Register<ScoreReport>((r, w) => w.Write(ScoreReportHtml(r, MaxTableRows)), HtmlFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(ScoreReport), HtmlFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(DataFrame), HtmlFormatter.MimeType);
        return Status();
    }

    private static string Status() => PngAvailable
        ? "ResearchKit formatters registered: figures as PNG (headless Chromium), annotations as timelines, DataFrames as tables."
        : "ResearchKit formatters registered. Notice: Chromium was not found, so figures display as interactive HTML only " +
          "(install it with `apt-get install chromium` or set RESEARCHKIT_CHROMIUM for PNG output).";

    /// <summary>Wraps a figure so it displays as interactive HTML instead of PNG: <c>display(fig.AsHtml())</c>.</summary>
    public static HtmlFigure AsHtml(this Figure figure) => new(figure ?? throw new ArgumentNullException(nameof(figure)));

    private static byte[] RenderPng(Figure fig) => ChromiumRenderer.Shared.RenderPng(fig);

    private static string HtmlFallback(Figure fig) =>
        "<p><i>Chromium not found: interactive HTML instead of PNG (apt-get install chromium).</i></p>" + InteractiveHtml(fig);

    /// <summary>
    /// The figure as an HTML fragment. plotly.js (from the build, never a CDN) is inlined in the first HTML figure of the
    /// session only; later ones reuse <c>window.Plotly</c>.
    /// </summary>
    public static string InteractiveHtml(Figure figure)
    {
        string id = "rk-" + Guid.NewGuid().ToString("N")[..12];
        string lib = "";
        if (!_plotlyInlined)
        {
            lib = "<script>if(!window.Plotly){" + File.ReadAllText(PlotlyJs.Locate()).Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase) + "}</script>\n";
            _plotlyInlined = true;
        }
        return lib + HtmlRenderer.Fragment(figure, id);
    }

    /// <summary>A DataFrame as an HTML table (numbers with up to 4 decimals, invariant culture; first <paramref name="maxRows"/> rows).</summary>
    public static string TableHtml(DataFrame df, int maxRows = 60)
    {
        ArgumentNullException.ThrowIfNull(df);
        var sb = new System.Text.StringBuilder("<table class=\"rk-table\"><thead><tr>");
        foreach (var c in df.Columns) sb.Append("<th>").Append(WebUtility.HtmlEncode(c.Name)).Append("</th>");
        sb.Append("</tr></thead><tbody>");
        long n = df.Rows.Count, shown = Math.Min(n, maxRows);
        for (long r = 0; r < shown; r++)
        {
            sb.Append("<tr>");
            foreach (var c in df.Columns) sb.Append("<td>").Append(WebUtility.HtmlEncode(Cell(c[r]))).Append("</td>");
            sb.Append("</tr>");
        }
        if (n > shown) sb.Append("<tr><td colspan=\"").Append(df.Columns.Count).Append("\">… ").Append(n - shown).Append(" more rows</td></tr>");
        return sb.Append("</tbody></table>").ToString();
    }

    /// <summary>
    /// A score report as an HTML table: one row per file (scored time, miss, false alarm, confusion, DER, JER, speaker
    /// counts) and the pooled total, with the convention and collar in the caption and any warnings below.
    /// </summary>
    public static string ScoreReportHtml(ScoreReport report, int maxRows = 60)
    {
        ArgumentNullException.ThrowIfNull(report);
        static string P(double? v) => v is null ? "–" : v.Value.ToString("0.00", CultureInfo.InvariantCulture);
        var o = report.Options;
        var sb = new System.Text.StringBuilder("<table class=\"rk-table\"><caption>")
            .Append(WebUtility.HtmlEncode($"DER ({o.Convention}, collar {o.Collar.ToString(CultureInfo.InvariantCulture)} s per side{(o.SkipOverlap ? ", overlap not scored" : "")}): " +
                $"{P(report.Total.DerPercent)} % over {report.Files.Count} file(s)"))
            .Append("</caption><thead><tr><th>file</th><th>scored s</th><th>miss %</th><th>false alarm %</th><th>confusion %</th><th>DER %</th><th>JER %</th><th>speakers ref/hyp</th></tr></thead><tbody>");
        void Row(FileScore f, string name) => sb.Append("<tr><td>").Append(WebUtility.HtmlEncode(name)).Append("</td><td>")
            .Append(f.Scored.ToString("0.00", CultureInfo.InvariantCulture)).Append("</td><td>").Append(P(f.MissedPercent)).Append("</td><td>")
            .Append(P(f.FalseAlarmPercent)).Append("</td><td>").Append(P(f.ConfusionPercent)).Append("</td><td>").Append(P(f.DerPercent))
            .Append("</td><td>").Append(P(f.JerPercent)).Append("</td><td>").Append(f.ReferenceSpeakers).Append('/').Append(f.HypothesisSpeakers).Append("</td></tr>");
        foreach (var f in report.Files.Take(maxRows)) Row(f, f.FileId + (f.InTotal ? "" : " (not in total)"));
        if (report.Files.Count > maxRows) sb.Append("<tr><td colspan=\"8\">… ").Append(report.Files.Count - maxRows).Append(" more files</td></tr>");
        Row(report.Total, "TOTAL");
        sb.Append("</tbody></table>");
        foreach (var wmsg in report.Warnings.Take(5)) sb.Append("<p><i>").Append(WebUtility.HtmlEncode(wmsg)).Append("</i></p>");
        if (report.MissingInHypothesis.Count > 0)
            sb.Append("<p><i>").Append(report.MissingInHypothesis.Count).Append(" reference file(s) have no hypothesis (scored as missed).</i></p>");
        return sb.ToString();
    }

    private static string Cell(object? v) => v switch
    {
        null => "",
        double d => double.IsNaN(d) ? "NaN" : d.ToString("0.####", CultureInfo.InvariantCulture),
        float f => float.IsNaN(f) ? "NaN" : f.ToString("0.####", CultureInfo.InvariantCulture),
        IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };
}

/// <summary>A figure to be displayed as interactive HTML (see <see cref="ResearchKitFormatters.AsHtml"/>).</summary>
/// <param name="Figure">The figure.</param>
public sealed record HtmlFigure(Figure Figure);
