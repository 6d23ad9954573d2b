using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Analysis;
using ResearchKit.IO;
using ResearchKit.Scoring;

namespace ResearchKit.Experiments;

/// <summary>
/// Experiment results: rows of (config, file), as a Microsoft.Data.Analysis <see cref="DataFrame"/> for notebooks,
/// with CSV and JSON export and a summary per configuration.
/// </summary>
public sealed class ResultTable
{
    private readonly List<ResultRow> _rows;

    /// <summary>Creates a table (rows kept in the given order).</summary>
    public ResultTable(IEnumerable<ResultRow> rows) => _rows = rows.ToList();

    /// <summary>The rows.</summary>
    public IReadOnlyList<ResultRow> Rows => _rows;

    /// <summary>Configurations in order of first appearance.</summary>
    public IReadOnlyList<string> Configs => _rows.Select(r => r.Config).Distinct().ToList();

    /// <summary>Stage names over all rows, in order of first appearance.</summary>
    public IReadOnlyList<string> Stages => _rows.SelectMany(r => r.StageSeconds.Keys).Distinct().ToList();

    /// <summary>
    /// The rows as a DataFrame: config, file, audio_s, scored_s, missed_s, false_alarm_s, confusion_s, der_percent,
    /// jer_percent, ref_speakers, hyp_speakers, then one <c>&lt;stage&gt;_s</c> column per stage.
    /// </summary>
    public DataFrame ToDataFrame()
    {
        var cols = new List<DataFrameColumn>
        {
            new StringDataFrameColumn("config", _rows.Select(r => r.Config)),
            new StringDataFrameColumn("file", _rows.Select(r => r.File)),
            new DoubleDataFrameColumn("audio_s", _rows.Select(r => r.AudioSeconds)),
            new DoubleDataFrameColumn("scored_s", _rows.Select(r => r.Scored)),
            new DoubleDataFrameColumn("missed_s", _rows.Select(r => r.Missed)),
            new DoubleDataFrameColumn("false_alarm_s", _rows.Select(r => r.FalseAlarm)),
            new DoubleDataFrameColumn("confusion_s", _rows.Select(r => r.Confusion)),
            new DoubleDataFrameColumn("der_percent", _rows.Select(r => r.DerPercent)),
            new DoubleDataFrameColumn("jer_percent", _rows.Select(r => r.JerPercent)),
            new Int32DataFrameColumn("ref_speakers", _rows.Select(r => r.ReferenceSpeakers)),
            new Int32DataFrameColumn("hyp_speakers", _rows.Select(r => r.HypothesisSpeakers)),
        };
        foreach (var s in Stages)
            cols.Add(new DoubleDataFrameColumn(s + "_s", _rows.Select(r => r.StageSeconds.GetValueOrDefault(s))));
        return new DataFrame(cols);
    }

    /// <summary>Summary per configuration, in order of first appearance.</summary>
    public IReadOnlyList<ConfigSummary> Summary() => Configs.Select(c =>
    {
        var rs = _rows.Where(r => r.Config == c).ToList();
        double scored = rs.Sum(r => r.Scored);
        double P(double v) => scored > 0 ? 100 * v / scored : double.NaN;
        var jers = rs.Where(r => r.JerPercent is not null).Select(r => r.JerPercent!.Value).ToList();
        double audio = rs.Sum(r => r.AudioSeconds);
        return new ConfigSummary(c, rs.Count, P(rs.Sum(r => r.Error)), rs.Where(r => r.Scored > 0).Select(r => r.DerPercent).DefaultIfEmpty(double.NaN).Average(),
            P(rs.Sum(r => r.Missed)), P(rs.Sum(r => r.FalseAlarm)), P(rs.Sum(r => r.Confusion)), jers.Count > 0 ? jers.Average() : null,
            rs.Average(r => Math.Abs(r.HypothesisSpeakers - r.ReferenceSpeakers)), audio > 0 ? rs.Sum(r => r.Seconds) / audio : double.NaN);
    }).ToList();

    /// <summary>Paired bootstrap of DER(<paramref name="b"/>) − DER(<paramref name="a"/>) over the files both were run on.</summary>
    public BootstrapResult Compare(string a, string b, int iterations = 10000, int seed = 0)
    {
        var ra = _rows.Where(r => r.Config == a).ToDictionary(r => r.File);
        var rb = _rows.Where(r => r.Config == b).ToDictionary(r => r.File);
        var files = ra.Keys.Where(rb.ContainsKey).Order(StringComparer.Ordinal).ToList();
        return PairedBootstrap.DerDifference(files.Select(f => ra[f].ToFileError()).ToList(), files.Select(f => rb[f].ToFileError()).ToList(), iterations, seed: seed);
    }

    /// <summary>CSV with the DataFrame's columns (invariant culture, header row).</summary>
    public string ToCsv()
    {
        var stages = Stages;
        var sb = new StringBuilder("config,file,audio_s,scored_s,missed_s,false_alarm_s,confusion_s,der_percent,jer_percent,ref_speakers,hyp_speakers");
        foreach (var s in stages) sb.Append(',').Append(s).Append("_s");
        sb.Append('\n');
        foreach (var r in _rows)
        {
            sb.Append(Csv(r.Config)).Append(',').Append(Csv(r.File));
            foreach (var v in new double?[] { r.AudioSeconds, r.Scored, r.Missed, r.FalseAlarm, r.Confusion, r.DerPercent, r.JerPercent })
                sb.Append(',').Append(v is double d && double.IsFinite(d) ? d.ToString("0.######", CultureInfo.InvariantCulture) : "");
            sb.Append(',').Append(r.ReferenceSpeakers).Append(',').Append(r.HypothesisSpeakers);
            foreach (var s in stages) sb.Append(',').Append(r.StageSeconds.GetValueOrDefault(s).ToString("0.######", CultureInfo.InvariantCulture));
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>JSON: <c>{"rows":[…],"summary":[…]}</c> with the CSV's column names as keys.</summary>
    public string ToJson()
    {
        static double? F(double v) => double.IsFinite(v) ? Math.Round(v, 6) : null;
        var doc = new
        {
            rows = _rows.Select(r => new Dictionary<string, object?>
            {
                ["config"] = r.Config, ["file"] = r.File, ["audio_s"] = F(r.AudioSeconds), ["scored_s"] = F(r.Scored), ["missed_s"] = F(r.Missed),
                ["false_alarm_s"] = F(r.FalseAlarm), ["confusion_s"] = F(r.Confusion), ["der_percent"] = F(r.DerPercent),
                ["jer_percent"] = r.JerPercent is double j ? F(j) : null, ["ref_speakers"] = r.ReferenceSpeakers, ["hyp_speakers"] = r.HypothesisSpeakers,
                ["stage_seconds"] = r.StageSeconds.ToDictionary(kv => kv.Key, kv => F(kv.Value)),
            }),
            summary = Summary().Select(s => new Dictionary<string, object?>
            {
                ["config"] = s.Config, ["files"] = s.Files, ["der_percent"] = F(s.DerPercent), ["mean_file_der_percent"] = F(s.MeanFileDerPercent),
                ["missed_percent"] = F(s.MissedPercent), ["false_alarm_percent"] = F(s.FalseAlarmPercent), ["confusion_percent"] = F(s.ConfusionPercent),
                ["mean_jer_percent"] = s.MeanJerPercent is double j ? F(j) : null, ["mean_abs_speaker_count_error"] = F(s.MeanAbsSpeakerCountError),
                ["rtf"] = F(s.RealTimeFactor),
            }),
        };
        return JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>
    /// One configuration's rows as a Scoring <see cref="ScoreReport"/> (files ordered by id, as the scorer orders them):
    /// per-file components, JER and speaker counts as scored; the total pools the components over files with reference
    /// speech, and its JER is the mean over all reference speakers (each file's JER weighted by its reference speakers,
    /// dscore's overall JER). Files without reference turns are listed but left out of the total, as md-eval does.
    /// </summary>
    public ScoreReport ToScoreReport(string config, DerOptions options)
    {
        var rs = _rows.Where(r => r.Config == config).OrderBy(r => r.File, StringComparer.Ordinal).ToList();
        if (rs.Count == 0) throw new InvalidParameterException("config", $"no rows for configuration '{config}'; known: {string.Join(", ", Configs)}.");
        var files = rs.Select(r => new FileScore(r.File, r.Scored, r.Missed, r.FalseAlarm, r.Confusion, r.JerPercent)
        {
            ReferenceSpeakers = r.ReferenceSpeakers, HypothesisSpeakers = r.HypothesisSpeakers, InTotal = r.ReferenceSpeakers > 0,
            Note = r.ReferenceSpeakers > 0 ? null : "no reference turns: md-eval does not score this file",
        }).ToList();
        var inTotal = files.Where(f => f.InTotal).ToList();
        var withJer = inTotal.Where(f => f.JerPercent is not null).ToList();
        int jerSpeakers = withJer.Sum(f => f.ReferenceSpeakers);
        double? jer = jerSpeakers > 0 ? withJer.Sum(f => f.JerPercent!.Value * f.ReferenceSpeakers) / jerSpeakers : null;
        var total = new FileScore("TOTAL", inTotal.Sum(f => f.Scored), inTotal.Sum(f => f.Missed), inTotal.Sum(f => f.FalseAlarm),
            inTotal.Sum(f => f.Confusion), jer)
        {
            ReferenceSpeakers = inTotal.Sum(f => f.ReferenceSpeakers), HypothesisSpeakers = inTotal.Sum(f => f.HypothesisSpeakers),
        };
        return new ScoreReport(options, files, total, [], [], [], []);
    }

    /// <summary>
    /// One configuration's scores as <c>der.json</c>: exactly the <c>researchkit score --format json</c> schema
    /// (<see cref="ScoreReportFormat"/> renders <see cref="ToScoreReport"/>), plus <c>options.config</c> naming the
    /// configuration. <paramref name="uem"/> is echoed as <c>options.uem</c> (null: no UEM).
    /// </summary>
    public string ToDerJson(string config, DerOptions options, string? uem = null)
    {
        var doc = JsonNode.Parse(ScoreReportFormat.Render(ToScoreReport(config, options), ScoreFormat.Json, uem))!;
        doc["options"]!["config"] = config;
        return doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>Writes <c>results.csv</c>, <c>results.json</c> atomically into <paramref name="dir"/>.</summary>
    public void Write(string dir)
    {
        AtomicFile.WriteAllText(Path.Combine(dir, "results.csv"), ToCsv());
        AtomicFile.WriteAllText(Path.Combine(dir, "results.json"), ToJson());
    }

    /// <summary>Reads rows back from a <c>results.csv</c> written by <see cref="ToCsv"/> (to merge shards).</summary>
    public static ResultTable ReadCsv(string path)
    {
        string[] lines;
        try { lines = File.ReadAllLines(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new InvalidInputFileException(path, $"cannot read ({e.Message}).", e); }
        if (lines.Length == 0 || !lines[0].StartsWith("config,file,", StringComparison.Ordinal))
            throw new InvalidInputFileException(path, "not a results.csv written by researchkit (header must start with config,file,).");
        var head = lines[0].Split(',');
        var rows = new List<ResultRow>();
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            var f = SplitCsv(lines[i]);
            if (f.Count != head.Length) throw new InvalidInputFileException(path, $"line {i + 1}: {f.Count} fields, header has {head.Length}.");
            double D(int k) => double.Parse(f[k], CultureInfo.InvariantCulture);
            var stages = new Dictionary<string, double>();
            for (int k = 11; k < head.Length; k++) stages[head[k][..^2]] = D(k);
            rows.Add(new ResultRow(f[0], f[1], D(2), D(3), D(4), D(5), D(6), f[8].Length > 0 ? D(8) : null,
                int.Parse(f[9], CultureInfo.InvariantCulture), int.Parse(f[10], CultureInfo.InvariantCulture), stages));
        }
        return new ResultTable(rows);
    }

    private static string Csv(string s) => s.Contains(',') || s.Contains('"') ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

    private static List<string> SplitCsv(string line)
    {
        var r = new List<string>();
        var sb = new StringBuilder();
        bool q = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (q) { if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; } else if (c == '"') q = false; else sb.Append(c); }
            else if (c == '"') q = true;
            else if (c == ',') { r.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(c);
        }
        r.Add(sb.ToString());
        return r;
    }
}
