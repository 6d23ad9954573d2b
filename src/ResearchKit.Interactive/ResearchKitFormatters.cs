using System.Globalization;
using System.Net;
using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive.Formatting;
using ResearchKit.Annotations;
using ResearchKit.Pipelines;
using ResearchKit.Plotting;
using ResearchKit.Scoring;

namespace ResearchKit.Interactive;

/// <summary>
/// Registers ResearchKit's notebook formatters with .NET Interactive: a <see cref="Figure"/> displays as
/// <c>image/png</c> (rendered offline by one shared headless Chromium, so it shows on code-hosting sites and without
/// JavaScript), an <see cref="Annotation"/> as its timeline plot, a <see cref="DataFrame"/> and a
/// <see cref="ScoreReport"/> as HTML tables, a pipeline result (<see cref="DiarizationResult"/> and its subtypes) as its
/// stage summary (stages, timings, counts) with the timeline.
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
        Formatter.Register<DiarizationResult>((r, w) => w.Write(PipelineResultHtml(r)), HtmlFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(DiarizationResult), HtmlFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(ScoreReport), HtmlFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(DataFrame), HtmlFormatter.MimeType);
        return Status();
    }

    /// <summary>Tests only: forgets the registration and resets .NET Interactive's formatters to their defaults.</summary>
    internal static void ResetForTests()
    {
        Formatter.ResetToDefault();
        Interlocked.Exchange(ref _registered, 0);
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

    /// <summary>
    /// A pipeline result as its stage summary: a table of stages (seconds and share of the run), the counts of its
    /// intermediates (speech, frames or windows, embeddings, clusters, turns) and the output timeline — a PNG when
    /// Chromium is available, otherwise the interactive figure; <paramref name="timeline"/> false leaves it out.
    /// </summary>
    public static string PipelineResultHtml(DiarizationResult result, bool timeline = true)
    {
        ArgumentNullException.ThrowIfNull(result);
        var ci = CultureInfo.InvariantCulture;
        string kind = result.GetType().Name;
        var sb = new System.Text.StringBuilder("<div class=\"rk-pipeline\"><table class=\"rk-table\"><caption>")
            .Append(Esc(string.Create(ci, $"{kind} · {result.Annotation.Uri}: {result.NumSpeakers} speakers, {result.Turns.Count} turns, {result.Timings.Total:0.000} s")))
            .Append("</caption><thead><tr><th>stage</th><th>seconds</th><th>share %</th></tr></thead><tbody>");
        double total = result.Timings.Total;
        foreach (var (stage, seconds) in result.Timings.Stages)
            sb.Append("<tr><td>").Append(Esc(stage)).Append("</td><td>").Append(seconds.ToString("0.000", ci)).Append("</td><td>")
              .Append(total > 0 ? (100 * seconds / total).ToString("0.0", ci) : "–").Append("</td></tr>");
        sb.Append("<tr><td>TOTAL</td><td>").Append(total.ToString("0.000", ci)).Append("</td><td>").Append(total > 0 ? "100.0" : "–").Append("</td></tr></tbody></table>");
        sb.Append("<table class=\"rk-table\"><thead><tr><th>intermediate</th><th>count</th></tr></thead><tbody>");
        foreach (var (name, value) in PipelineCounts(result))
            sb.Append("<tr><td>").Append(Esc(name)).Append("</td><td>").Append(Esc(value)).Append("</td></tr>");
        sb.Append("</tbody></table>");
        if (timeline && result.Annotation.Count > 0)
        {
            var fig = Charts.Timeline(result.Annotation, $"{result.Annotation.Uri}: output of {kind}");
            sb.Append(PngAvailable
                ? "<img alt=\"timeline\" src=\"data:image/png;base64," + Convert.ToBase64String(RenderPng(fig)) + "\"/>"
                : InteractiveHtml(fig));
        }
        return sb.Append("</div>").ToString();
    }

    /// <summary>
    /// The counts shown by <see cref="PipelineResultHtml"/>: speakers, turns and speaker time for every result, plus each
    /// pipeline's own intermediates (speech regions, frames, windows, embedding shape, chunks, clusters).
    /// </summary>
    public static IReadOnlyList<(string Name, string Value)> PipelineCounts(DiarizationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var ci = CultureInfo.InvariantCulture;
        string S(double v) => v.ToString("0.00", ci) + " s";
        string Speech(Annotations.Timeline t) => $"{t.Count} regions, {S(t.Sum(x => x.Duration))}";
        var c = new List<(string, string)>();
        switch (result)
        {
            case FrameClusteringResult f:
                c.Add(("speech (VAD)", Speech(f.Speech)));
                c.Add(("feature frames", $"{f.Features.GetLength(0)} × {f.Features.GetLength(1)}, {f.SpeechMask.Count(m => m)} in speech"));
                c.Add(("clustered vectors", $"{f.Clustered.GetLength(0)} × {f.Clustered.GetLength(1)}"));
                c.Add(("clusters", f.Clustering.NumClusters.ToString(ci)));
                break;
            case WindowEmbeddingResult w:
                c.Add(("speech (VAD)", Speech(w.Speech)));
                c.Add(("windows", w.Windows.Count.ToString(ci)));
                c.Add(("embeddings", $"{w.Embeddings.GetLength(0)} × {w.Embeddings.GetLength(1)}"));
                c.Add(("clusters", w.Clustering.NumClusters.ToString(ci)));
                break;
            case PyannoteResult p:
                c.Add(("chunks", $"{p.Segmentation.Chunks} × {p.Segmentation.FramesPerChunk} frames"));
                c.Add(("embeddings", $"{p.Embeddings.GetLength(0)} × {p.Embeddings.GetLength(1)} × {p.Embeddings.GetLength(2)}"));
                c.Add(("clusters (centroids)", p.Clustering is null ? "–" : p.Clustering.Centroids.Length.ToString(ci)));
                break;
        }
        c.Add(("speakers", result.NumSpeakers.ToString(ci)));
        c.Add(("turns", result.Turns.Count.ToString(ci)));
        c.Add(("speaker time", S(result.Turns.Sum(t => t.Duration))));
        return c;
    }

    // Escapes markup only (WebUtility.HtmlEncode also turns ·, ×, – into numeric entities, which hurts readability of the source).
    private static string Esc(string s) => s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");

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
