using System.Globalization;
using System.Net;
using System.Text;
using ResearchKit.Annotations;
using ResearchKit.Datasets;
using ResearchKit.IO;
using ResearchKit.Pipelines;
using ResearchKit.Plotting;
using ResearchKit.Scoring;

namespace ResearchKit.Experiments;

/// <summary>Result of <see cref="Comparison.Run"/>: scores at collar 0 and 0.25 s (overlap scored), paired bootstraps, hypotheses.</summary>
/// <param name="Baseline">Name of configuration A.</param>
/// <param name="Candidate">Name of configuration B.</param>
/// <param name="Collar0">Rows scored with collar 0.</param>
/// <param name="Collar025">Rows scored with collar 0.25 s (md-eval <c>-c 0.25</c>).</param>
/// <param name="Bootstrap0">DER(B) − DER(A) at collar 0.</param>
/// <param name="Bootstrap025">DER(B) − DER(A) at collar 0.25.</param>
/// <param name="Hypotheses">(config, file) → annotation.</param>
/// <param name="References">file → reference annotation.</param>
/// <param name="Seconds">Wall-clock seconds of the whole comparison.</param>
public sealed record ComparisonResult(string Baseline, string Candidate, ResultTable Collar0, ResultTable Collar025, BootstrapResult Bootstrap0,
    BootstrapResult Bootstrap025, IReadOnlyDictionary<(string Config, string File), Annotation> Hypotheses,
    IReadOnlyDictionary<string, Annotation> References, double Seconds);

/// <summary>
/// Two diarization methods on one dataset: DER per file and pooled at collar 0 and 0.25 s, a paired bootstrap over files
/// for the DER difference, and an HTML report with Plotly figures (<c>researchkit compare</c>).
/// </summary>
public static class Comparison
{
    /// <summary>Runs both configurations on every paired file and scores them (channels handled as <paramref name="audio"/>
    /// says; default: averaged).</summary>
    public static ComparisonResult Run(Dataset dataset, IDiarizationPipeline a, IDiarizationPipeline b, int parallelism = 2,
        IProgress<ExperimentProgress>? progress = null, int bootstrapIterations = 10000, Audio.AudioReadOptions? audio = null)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var runs = new ExperimentRunner { MaxParallelism = parallelism, Audio = audio ?? Audio.AudioReadOptions.Downmix }.Run(dataset, [a, b], progress);
        var t0 = new ResultTable(runs.Select(r => r.Row));
        var refs = dataset.Items.Where(i => i.IsPaired).ToDictionary(i => i.Id, i => i.LoadReference());
        var uems = dataset.Items.Where(i => i.IsPaired).ToDictionary(i => i.Id, i => i.LoadUem());
        var hyps = runs.ToDictionary(r => (r.Row.Config, r.Row.File), r => r.Hypothesis);
        var der25 = DerOptions.MdEvalCollar025;
        var t25 = new ResultTable(runs.Select(r => ExperimentRunner.Score(r.Row.Config, r.Row.File, r.Row.AudioSeconds, refs[r.Row.File],
            r.Hypothesis, uems[r.Row.File], der25) with { StageSeconds = r.Row.StageSeconds }));
        return new ComparisonResult(a.Name, b.Name, t0, t25, t0.Compare(a.Name, b.Name, bootstrapIterations), t25.Compare(a.Name, b.Name, bootstrapIterations),
            hyps, refs, sw.Elapsed.TotalSeconds);
    }

    /// <summary>The DER table as fixed-width text: one row per file, one DER column per method and collar, then TOTAL.</summary>
    public static string FormatTable(ComparisonResult r)
    {
        var ci = CultureInfo.InvariantCulture;
        var files = r.Collar0.Rows.Select(x => x.File).Distinct().ToList();
        string[] cfg = [r.Baseline, r.Candidate];
        var sb = new StringBuilder();
        sb.Append(string.Format(ci, "{0,-10}", "file"));
        foreach (var c in cfg) sb.Append(string.Format(ci, " {0,22} {1,22}", Short(c) + " c0", Short(c) + " c.25"));
        sb.Append('\n');
        double Der(ResultTable t, string c, string f) => t.Rows.Single(x => x.Config == c && x.File == f).DerPercent;
        foreach (var f in files)
        {
            sb.Append(string.Format(ci, "{0,-10}", f));
            foreach (var c in cfg) sb.Append(string.Format(ci, " {0,22:0.00} {1,22:0.00}", Der(r.Collar0, c, f), Der(r.Collar025, c, f)));
            sb.Append('\n');
        }
        sb.Append(string.Format(ci, "{0,-10}", "TOTAL"));
        foreach (var c in cfg)
            sb.Append(string.Format(ci, " {0,22:0.00} {1,22:0.00}", r.Collar0.Summary().Single(s => s.Config == c).DerPercent, r.Collar025.Summary().Single(s => s.Config == c).DerPercent));
        sb.Append('\n');
        return sb.ToString();
    }

    private static string Short(string s) => s.Length > 17 ? s[..17] : s;

    /// <summary>
    /// Writes <c>report.html</c> (summary table, bootstrap, per-file DER bars, reference-vs-hypothesis timelines of the first
    /// file for both methods), <c>results_collar0.csv/json</c>, <c>results_collar025.csv/json</c> and one RTTM per
    /// (method, file) under <c>rttm/&lt;method&gt;/</c>. plotly.min.js is copied next to the page (no CDN).
    /// </summary>
    public static void WriteReport(ComparisonResult r, string dir)
    {
        AtomicFile.WriteAllText(Path.Combine(dir, "results_collar0.csv"), r.Collar0.ToCsv());
        AtomicFile.WriteAllText(Path.Combine(dir, "results_collar0.json"), r.Collar0.ToJson());
        AtomicFile.WriteAllText(Path.Combine(dir, "results_collar025.csv"), r.Collar025.ToCsv());
        AtomicFile.WriteAllText(Path.Combine(dir, "results_collar025.json"), r.Collar025.ToJson());
        foreach (var ((cfg, file), ann) in r.Hypotheses)
            Rttm.Write(Path.Combine(dir, "rttm", Safe(cfg), file + ".rttm"), [ann]);
        var files = r.Collar0.Rows.Select(x => x.File).Distinct().ToList();
        var figs = new List<Figure>
        {
            Charts.DerBars(files, new[] { r.Baseline, r.Candidate }.ToDictionary(c => c,
                c => files.Select(f => r.Collar0.Rows.Single(x => x.Config == c && x.File == f).DerPercent / 100).ToArray()), "DER per file (collar 0, overlap scored)"),
        };
        var first = files[0];
        foreach (var c in new[] { r.Baseline, r.Candidate })
            figs.Add(Charts.Diarization(r.References[first], r.Hypotheses[(c, first)], null, $"{first}: reference vs {c}"));
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>ResearchKit compare</title>\n<script src=\"plotly.min.js\"></script>\n");
        sb.Append("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th:first-child,td:first-child{text-align:left}</style></head><body>\n");
        sb.Append("<h1>Frame features vs window embeddings</h1>\n<p>").Append(WebUtility.HtmlEncode($"A = {r.Baseline}, B = {r.Candidate}; {files.Count} files; md-eval-22.pl conventions, overlap scored; {r.Seconds:0.0} s wall-clock.")).Append("</p>\n");
        foreach (var (label, t, bs) in new[] { ("collar 0", r.Collar0, r.Bootstrap0), ("collar 0.25 s", r.Collar025, r.Bootstrap025) })
        {
            sb.Append("<h2>").Append(label).Append("</h2>\n<table><tr><th>method</th><th>DER %</th><th>miss %</th><th>false alarm %</th><th>confusion %</th><th>mean file DER %</th><th>|Δ speakers|</th><th>RTF</th></tr>\n");
            foreach (var s in t.Summary())
                sb.Append(string.Format(ci, "<tr><td>{0}</td><td>{1:0.00}</td><td>{2:0.00}</td><td>{3:0.00}</td><td>{4:0.00}</td><td>{5:0.00}</td><td>{6:0.00}</td><td>{7:0.000}</td></tr>\n",
                    WebUtility.HtmlEncode(s.Config), s.DerPercent, s.MissedPercent, s.FalseAlarmPercent, s.ConfusionPercent, s.MeanFileDerPercent, s.MeanAbsSpeakerCountError, s.RealTimeFactor));
            sb.Append("</table>\n<p>Paired bootstrap over files, B − A: ").Append(WebUtility.HtmlEncode(bs.ToString())).Append("</p>\n");
        }
        int k = 0;
        foreach (var f in figs) sb.Append(HtmlRenderer.Fragment(f, "fig" + k++, 1000, 450));
        sb.Append("</body></html>\n");
        AtomicFile.WriteAllText(Path.Combine(dir, "report.html"), sb.ToString());
        string js = Path.Combine(dir, "plotly.min.js");
        if (!File.Exists(js)) AtomicFile.WriteAllBytes(js, File.ReadAllBytes(PlotlyJs.Locate()));
    }

    private static string Safe(string s) => new(s.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or '=' ? c : '_').ToArray());
}
