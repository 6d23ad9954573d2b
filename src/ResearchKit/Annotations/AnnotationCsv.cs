using System.Text;
using ResearchKit.IO;

namespace ResearchKit.Annotations;

/// <summary>
/// CSV with header <c>file_id,start,end,speaker</c> (seconds, 3 decimals when written), one turn per row, many
/// recordings per file. Fields containing a comma, quote or newline are quoted (RFC 4180).
/// </summary>
public static class AnnotationCsv
{
    /// <summary>The header line.</summary>
    public const string Header = "file_id,start,end,speaker";

    /// <summary>Reads a CSV file into one annotation per file id (order of first appearance).</summary>
    public static IReadOnlyDictionary<string, Annotation> Read(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputFileException(path, $"cannot read the CSV file ({e.Message}); check the path.", e);
        }
        return Parse(text, path);
    }

    /// <summary>Parses CSV text.</summary>
    public static IReadOnlyDictionary<string, Annotation> Parse(string text, string sourceName = "<csv>")
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        if (lines.Length == 0 || lines[0].Trim() != Header)
            throw new AnnotationFormatException(sourceName, 1, 0, $"the first line must be the header '{Header}'.");
        var groups = new Dictionary<string, List<Track>>(StringComparer.Ordinal);
        var order = new List<string>();
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0) continue;
            var f = SplitCsv(lines[i]);
            if (f.Count != 4)
                throw new AnnotationFormatException(sourceName, i + 1, 0, $"expected 4 fields ({Header}), found {f.Count}.");
            double s = Time(f[1], 2, "start", sourceName, i + 1), e = Time(f[2], 3, "end", sourceName, i + 1);
            if (e < s) throw new AnnotationFormatException(sourceName, i + 1, 3, $"end {f[2]} is before start {f[1]}.");
            if (f[3].Length == 0) throw new AnnotationFormatException(sourceName, i + 1, 4, "the speaker label is empty.");
            if (!groups.TryGetValue(f[0], out var l)) { groups[f[0]] = l = new List<Track>(); order.Add(f[0]); }
            l.Add(new Track(new Segment(s, e), f[3]));
        }
        return order.ToDictionary(id => id, id => new Annotation(id, groups[id]), StringComparer.Ordinal);
    }

    private static double Time(string tok, int field, string name, string src, int line)
    {
        if (!TimeText.TryParse(tok.Trim(), out double v, out _) || v < 0)
            throw new AnnotationFormatException(src, line, field, $"{name} '{tok}' is not a time in seconds >= 0.");
        return v;
    }

    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else sb.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(c);
        }
        fields.Add(sb.ToString());
        return fields;
    }

    private static string Quote(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

    /// <summary>Formats annotations as CSV.</summary>
    public static string Format(IEnumerable<Annotation> annotations)
    {
        var sb = new StringBuilder(Header).Append('\n');
        foreach (var a in annotations)
            foreach (var t in a.Tracks)
                sb.Append(Quote(a.Uri)).Append(',').Append(TimeText.Format(t.Segment.Start, 3)).Append(',')
                  .Append(TimeText.Format(t.Segment.End, 3)).Append(',').Append(Quote(t.Label)).Append('\n');
        return sb.ToString();
    }

    /// <summary>Writes annotations atomically.</summary>
    public static void Write(string path, IEnumerable<Annotation> annotations) => AtomicFile.WriteAllText(path, Format(annotations));
}
