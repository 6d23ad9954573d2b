using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ResearchKit.Scoring;

/// <summary>Output formats of a <see cref="ScoreReport"/> (what <c>researchkit score --format</c> prints).</summary>
public enum ScoreFormat
{
    /// <summary>Aligned plain-text table with a TOTAL row.</summary>
    Table,
    /// <summary>CSV, one row per file plus TOTAL.</summary>
    Csv,
    /// <summary>The stable JSON schema documented in README ("researchkit score").</summary>
    Json,
    /// <summary>Markdown table.</summary>
    Markdown,
}

/// <summary>
/// Renders score reports. JSON schema (stable: keys may be added, never renamed):
/// <c>{"options":{…},"files":[{"file","scored_s","missed_s","false_alarm_s","confusion_s","der_percent","jer_percent",…}],"total":{same keys but file},…}</c>.
/// Undefined values (DER with no scored reference speech, JER not computed) are JSON null and "undefined"/"-" in text.
/// </summary>
public static class ScoreReportFormat
{
    /// <summary>Renders <paramref name="report"/>; <paramref name="uemPath"/> is echoed in the options (null: none).</summary>
    public static string Render(ScoreReport report, ScoreFormat format, string? uemPath = null, bool allowMissing = false) => format switch
    {
        ScoreFormat.Json => Json(report, uemPath, allowMissing),
        ScoreFormat.Csv => Csv(report),
        ScoreFormat.Markdown => Markdown(report, uemPath),
        _ => Table(report, uemPath),
    };

    private static string F(double v, int d) => v.ToString("F" + d, CultureInfo.InvariantCulture);
    private static string P(double? v) => v is { } x ? F(x, 2) : "undefined";

    /// <summary>Convention name as the CLI spells it.</summary>
    public static string ScorerName(ScorerConvention c) => c == ScorerConvention.Dscore ? "dscore" : "md-eval";

    private static string Header(ScoreReport r, string? uemPath) =>
        $"scorer {ScorerName(r.Options.Convention)}, collar {F(r.Options.Collar, 3)} s each side of reference boundaries, overlap {(r.Options.SkipOverlap ? "excluded" : "scored")}, " +
        (uemPath is null ? $"no UEM ({(r.Options.Convention == ScorerConvention.Dscore ? "scored region: reference and hypothesis extent" : "scored region: first to last reference turn")})" : $"UEM {uemPath}");

    private static IEnumerable<FileScore> Rows(ScoreReport r) => r.Files.Append(r.Total);

    private static string[] Cells(FileScore f) =>
    [
        f.InTotal ? f.FileId : f.FileId + " *",
        F(f.Scored, 3), F(f.Missed, 3), P(f.MissedPercent), F(f.FalseAlarm, 3), P(f.FalseAlarmPercent),
        F(f.Confusion, 3), P(f.ConfusionPercent), P(f.DerPercent), f.JerPercent is { } j ? F(j, 2) : "-",
    ];

    private static readonly string[] Columns = ["file", "scored_s", "missed_s", "missed_%", "false_alarm_s", "false_alarm_%", "confusion_s", "confusion_%", "DER_%", "JER_%"];

    private static string Footer(ScoreReport r)
    {
        var sb = new StringBuilder();
        sb.Append("mean of per-file DER: ").Append(P(r.MeanFileDerPercent)).Append(" % (each file weighs the same; TOTAL pools seconds)\n");
        foreach (var f in r.Files.Where(f => f.Note is not null)) sb.Append("* ").Append(f.FileId).Append(": ").Append(f.Note).Append('\n');
        foreach (var w in r.Warnings) sb.Append("warning: ").Append(w).Append('\n');
        return sb.ToString();
    }

    private static string Table(ScoreReport r, string? uemPath)
    {
        var rows = Rows(r).Select(Cells).ToList();
        var widths = Columns.Select((c, i) => Math.Max(c.Length, rows.Max(x => x[i].Length))).ToArray();
        var sb = new StringBuilder(Header(r, uemPath)).Append('\n');
        void Line(string[] cells) => sb.Append(string.Join("  ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i])))).Append('\n');
        Line(Columns);
        sb.Append(new string('-', widths.Sum() + 2 * (widths.Length - 1))).Append('\n');
        for (int i = 0; i < rows.Count; i++)
        {
            if (i == rows.Count - 1) sb.Append(new string('-', widths.Sum() + 2 * (widths.Length - 1))).Append('\n');
            Line(rows[i]);
        }
        return sb.Append(Footer(r)).ToString();
    }

    private static string Markdown(ScoreReport r, string? uemPath)
    {
        var sb = new StringBuilder("_").Append(Header(r, uemPath)).Append("_\n\n");
        sb.Append("| ").Append(string.Join(" | ", Columns)).Append(" |\n");
        sb.Append("|").Append(string.Concat(Columns.Select((_, i) => i == 0 ? "---|" : "---:|"))).Append('\n');
        foreach (var f in Rows(r))
        {
            var c = Cells(f);
            if (f.FileId == "TOTAL") c[0] = "**TOTAL**";
            sb.Append("| ").Append(string.Join(" | ", c)).Append(" |\n");
        }
        return sb.Append('\n').Append(Footer(r)).ToString();
    }

    private static string Csv(ScoreReport r)
    {
        var sb = new StringBuilder("file,scored_s,missed_s,false_alarm_s,confusion_s,missed_percent,false_alarm_percent,confusion_percent,der_percent,jer_percent,in_total\n");
        string N(double? v) => v is { } x ? x.ToString("R", CultureInfo.InvariantCulture) : "";
        foreach (var f in Rows(r))
            sb.Append(f.FileId.Contains(',') ? "\"" + f.FileId.Replace("\"", "\"\"") + "\"" : f.FileId).Append(',')
              .Append(N(f.Scored)).Append(',').Append(N(f.Missed)).Append(',').Append(N(f.FalseAlarm)).Append(',').Append(N(f.Confusion)).Append(',')
              .Append(N(f.MissedPercent)).Append(',').Append(N(f.FalseAlarmPercent)).Append(',').Append(N(f.ConfusionPercent)).Append(',')
              .Append(N(f.DerPercent)).Append(',').Append(N(f.JerPercent)).Append(',').Append(f.InTotal ? "true" : "false").Append('\n');
        return sb.ToString();
    }

    private static string Json(ScoreReport r, string? uemPath, bool allowMissing)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartObject("options");
            w.WriteString("scorer", ScorerName(r.Options.Convention));
            w.WriteNumber("collar", r.Options.Collar);
            w.WriteBoolean("skip_overlap", r.Options.SkipOverlap);
            if (uemPath is null) w.WriteNull("uem"); else w.WriteString("uem", uemPath);
            w.WriteBoolean("allow_missing", allowMissing);
            w.WriteNumber("jer_step", r.Options.JerStep);
            w.WriteEndObject();
            w.WriteStartArray("files");
            foreach (var f in r.Files) Record(w, f, true);
            w.WriteEndArray();
            w.WritePropertyName("total");
            Record(w, r.Total, false);
            Num(w, "mean_file_der_percent", r.MeanFileDerPercent);
            w.WriteStartArray("missing_in_hypothesis"); foreach (var id in r.MissingInHypothesis) w.WriteStringValue(id); w.WriteEndArray();
            w.WriteStartArray("missing_in_reference"); foreach (var id in r.MissingInReference) w.WriteStringValue(id); w.WriteEndArray();
            w.WriteStartArray("not_in_uem"); foreach (var id in r.NotInUem) w.WriteStringValue(id); w.WriteEndArray();
            w.WriteStartArray("warnings"); foreach (var s in r.Warnings) w.WriteStringValue(s); w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray()) + "\n";
    }

    private static void Num(Utf8JsonWriter w, string name, double? v)
    {
        if (v is { } x && double.IsFinite(x)) w.WriteNumber(name, x); else w.WriteNull(name);
    }

    private static void Record(Utf8JsonWriter w, FileScore f, bool withFile)
    {
        w.WriteStartObject();
        if (withFile) w.WriteString("file", f.FileId);
        Num(w, "scored_s", f.Scored);
        Num(w, "missed_s", f.Missed);
        Num(w, "false_alarm_s", f.FalseAlarm);
        Num(w, "confusion_s", f.Confusion);
        Num(w, "der_percent", f.DerPercent);
        Num(w, "jer_percent", f.JerPercent);
        Num(w, "missed_percent", f.MissedPercent);
        Num(w, "false_alarm_percent", f.FalseAlarmPercent);
        Num(w, "confusion_percent", f.ConfusionPercent);
        w.WriteNumber("reference_speakers", f.ReferenceSpeakers);
        w.WriteNumber("hypothesis_speakers", f.HypothesisSpeakers);
        if (withFile)
        {
            w.WriteBoolean("in_total", f.InTotal);
            if (f.Note is null) w.WriteNull("note"); else w.WriteString("note", f.Note);
        }
        w.WriteEndObject();
    }
}
