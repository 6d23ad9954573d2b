using System.Globalization;
using System.Text.Json;

namespace ResearchKit.Corpus;

/// <summary>One diarized segment: which recording, which local (per-recording) speaker, and when.</summary>
/// <param name="Recording">Recording (video) ID, e.g. the pickle name in the Malay YouTube seed.</param>
/// <param name="Speaker">Speaker label within the recording, e.g. <c>speaker 0</c>.</param>
/// <param name="Start">Start in seconds.</param>
/// <param name="End">End in seconds (≥ start).</param>
public sealed record IndexedSegment(string Recording, string Speaker, double Start, double End)
{
    /// <summary>Duration in seconds.</summary>
    public double Duration => End - Start;
}

/// <summary>
/// The index that goes with a precomputed per-segment embedding matrix: row i of the index describes row i of the
/// embeddings. CSV with a header naming the columns <c>recording,speaker,start,end</c> (any order, extra columns
/// ignored; quote fields holding commas with "…"), or JSON Lines with those keys (start/end as numbers).
/// The per-recording <c>e.csv</c> of <c>researchkit embed</c> (<c>index,start_s,end_s,label</c>) is read too: <c>start_s</c>,
/// <c>end_s</c> and <c>label</c> stand for start, end and speaker, and without a recording column the recording is the
/// index file's name without extension.
/// </summary>
public static class SegmentIndex
{
    private static readonly string[] Required = ["recording", "speaker", "start", "end"];

    /// <summary>Reads an index file (<c>.csv</c> or <c>.jsonl</c>/<c>.ndjson</c>).</summary>
    public static IReadOnlyList<IndexedSegment> Read(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputFileException(path, $"cannot read the segment index ({e.Message}); check the path.", e);
        }
        string ext = Path.GetExtension(path).ToLowerInvariant();
        return ext is ".jsonl" or ".ndjson" ? ParseJsonl(text, path) : ParseCsv(text, path, Path.GetFileNameWithoutExtension(path));
    }

    /// <summary>Parses CSV text (see the type's summary); <paramref name="name"/> is used in error messages.</summary>
    /// <param name="text">The CSV text.</param>
    /// <param name="name">File name for messages.</param>
    /// <param name="defaultRecording">Recording of every row when there is no recording column (null: the column is required).</param>
    public static IReadOnlyList<IndexedSegment> ParseCsv(string text, string name = "<index>", string? defaultRecording = null)
    {
        var lines = text.Split('\n');
        int li = 0;
        while (li < lines.Length && lines[li].Trim().Length == 0) li++;
        if (li == lines.Length) throw new InvalidInputFileException(name, "the segment index is empty; give a header recording,speaker,start,end and one row per embedding.");
        var header = SplitCsv(lines[li].TrimEnd('\r')).Select(h => h.Trim().ToLowerInvariant() switch
        {
            "start_s" => "start", "end_s" => "end", "label" => "speaker", var h2 => h2, // researchkit embed's e.csv
        }).ToList();
        var col = Required.ToDictionary(r => r, r => header.IndexOf(r));
        var missing = Required.Where(r => col[r] < 0 && !(r == "recording" && defaultRecording is not null)).ToList();
        if (missing.Count > 0)
            throw new InvalidInputFileException(name, $"line {li + 1}: the header lacks column(s) {string.Join(", ", missing)}; the index needs a header recording,speaker,start,end.");
        var rows = new List<IndexedSegment>();
        for (int i = li + 1; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0) continue;
            var f = SplitCsv(line);
            if (f.Count < header.Count)
                throw new InvalidInputFileException(name, $"line {i + 1}: {f.Count} fields, the header has {header.Count}; fix the row.");
            rows.Add(Make(col["recording"] >= 0 ? f[col["recording"]] : defaultRecording!, f[col["speaker"]], Num(f[col["start"]], name, i + 1, "start"), Num(f[col["end"]], name, i + 1, "end"), name, i + 1));
        }
        return rows;
    }

    /// <summary>Parses JSON Lines text (one object per line with recording, speaker, start, end).</summary>
    public static IReadOnlyList<IndexedSegment> ParseJsonl(string text, string name = "<index>")
    {
        var rows = new List<IndexedSegment>();
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0) continue;
            try
            {
                using var doc = JsonDocument.Parse(line);
                var o = doc.RootElement;
                string Str(string k) => o.TryGetProperty(k, out var v)
                    ? (v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText())
                    : throw new InvalidInputFileException(name, $"line {i + 1}: no \"{k}\" key; each line needs recording, speaker, start, end.");
                double D(string k) => o.TryGetProperty(k, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble()
                    : throw new InvalidInputFileException(name, $"line {i + 1}: \"{k}\" must be a number of seconds.");
                rows.Add(Make(Str("recording"), Str("speaker"), D("start"), D("end"), name, i + 1));
            }
            catch (JsonException e)
            {
                throw new InvalidInputFileException(name, $"line {i + 1}: not a JSON object ({e.Message}); write one object per line.", e);
            }
        }
        return rows;
    }

    private static IndexedSegment Make(string rec, string spk, double start, double end, string name, int line)
    {
        if (rec.Length == 0 || spk.Length == 0)
            throw new InvalidInputFileException(name, $"line {line}: empty recording or speaker; every row needs both.");
        if (!(end >= start) || start < 0)
            throw new InvalidInputFileException(name, $"line {line}: segment [{start}, {end}] is negative or reversed; give 0 ≤ start ≤ end in seconds.");
        return new IndexedSegment(rec, spk, start, end);
    }

    private static double Num(string s, string name, int line, string field)
    {
        if (double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)) return v;
        throw new InvalidInputFileException(name, $"line {line}: {field} '{s}' is not a number of seconds.");
    }

    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var cur = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { cur.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cur.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(cur.ToString()); cur.Clear(); }
            else cur.Append(c);
        }
        fields.Add(cur.ToString());
        return fields;
    }
}
