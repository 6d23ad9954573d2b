using System.Globalization;
using System.Text;
using ResearchKit.IO;

namespace ResearchKit.Annotations;

/// <summary>
/// A NIST un-partitioned evaluation map: per recording, the time regions to score. File format: one region per
/// line, <c>&lt;file&gt; &lt;chnl&gt; &lt;start&gt; &lt;end&gt;</c> (seconds); blank lines and lines starting with
/// <c>;</c> or <c>#</c> are comments. Overlapping regions of one file are merged (dscore's rule; md-eval refuses
/// them). Regions keep the exact values read (see <see cref="Segment"/>).
/// </summary>
public sealed class Uem
{
    private readonly Dictionary<string, Timeline> _regions;
    private readonly List<string> _order;

    /// <summary>Creates a UEM from regions per file id.</summary>
    public Uem(IEnumerable<KeyValuePair<string, Timeline>> regions)
    {
        _regions = new Dictionary<string, Timeline>(StringComparer.Ordinal);
        _order = new List<string>();
        foreach (var (id, tl) in regions)
        {
            if (_regions.ContainsKey(id)) throw new InvalidParameterException("uem", $"file id '{id}' given twice; merge its regions into one timeline.");
            _regions[id] = tl.Support();
            _order.Add(id);
        }
    }

    /// <summary>File ids in order of first appearance.</summary>
    public IReadOnlyList<string> FileIds => _order;

    /// <summary>The scored regions of <paramref name="fileId"/> (disjoint, sorted), or null when the file is not covered.</summary>
    public Timeline? this[string fileId] => _regions.TryGetValue(fileId, out var t) ? t : null;

    /// <summary>True when the UEM has regions for <paramref name="fileId"/>.</summary>
    public bool Contains(string fileId) => _regions.ContainsKey(fileId);

    /// <summary>Reads a UEM file (strict: <c>file:line:field</c> errors).</summary>
    public static Uem Read(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputFileException(path, $"cannot read the UEM file ({e.Message}); check the path.", e);
        }
        return Parse(text, path);
    }

    /// <summary>Parses UEM text; <paramref name="sourceName"/> is used in error messages.</summary>
    public static Uem Parse(string text, string sourceName = "<uem>")
    {
        var regions = new Dictionary<string, List<Segment>>(StringComparer.Ordinal);
        var order = new List<string>();
        int lineNo = 0;
        foreach (var raw in text.AsSpan().EnumerateLines())
        {
            lineNo++;
            var line = raw.Trim();
            if (line.IsEmpty || line[0] == ';' || line[0] == '#') continue;
            var fields = line.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 4)
                throw new AnnotationFormatException(sourceName, lineNo, 0,
                    $"a UEM line needs 4 fields (<file> <chnl> <start> <end>), found {fields.Length}: '{line}'.");
            double start = ParseTime(fields[2], 3, "start", sourceName, lineNo);
            double end = ParseTime(fields[3], 4, "end", sourceName, lineNo);
            if (!(end > start))
                throw new AnnotationFormatException(sourceName, lineNo, 4,
                    $"end {fields[3]} is not after start {fields[2]}; a scoring region must have a positive length.");
            if (!regions.TryGetValue(fields[0], out var l)) { regions[fields[0]] = l = new List<Segment>(); order.Add(fields[0]); }
            l.Add(new Segment(start, end));
        }
        return new Uem(order.Select(id => new KeyValuePair<string, Timeline>(id, new Timeline(regions[id]))));
    }

    private static double ParseTime(string tok, int field, string name, string src, int lineNo)
    {
        if (!TimeText.TryParse(tok, out double v, out _))
            throw new AnnotationFormatException(src, lineNo, field, $"{name} '{tok}' is not a finite number of seconds.");
        if (v < 0)
            throw new AnnotationFormatException(src, lineNo, field, $"{name} {tok} is negative; UEM times must be >= 0 seconds.");
        return v;
    }

    /// <summary>A UEM covering each annotation from <paramref name="start"/> (default 0) to its last turn end.</summary>
    public static Uem FromAnnotations(IEnumerable<Annotation> annotations, double start = 0.0) =>
        new(annotations.Where(a => a.Count > 0).Select(a =>
            new KeyValuePair<string, Timeline>(a.Uri, new Timeline([new Segment(start, Math.Max(start, a.Extent()!.Value.End))]))));

    /// <summary>Formats as UEM text (channel 1, shortest exact times, files in order of first appearance).</summary>
    public string Format(int decimals = 3)
    {
        var sb = new StringBuilder();
        foreach (var id in _order)
            foreach (var s in _regions[id])
                sb.Append(id).Append(" 1 ").Append(TimeText.Format(s.Start, decimals)).Append(' ')
                  .Append(TimeText.Format(s.End, decimals)).Append('\n');
        return sb.ToString();
    }

    /// <summary>Writes the UEM atomically.</summary>
    public void Write(string path, int decimals = 3) => AtomicFile.WriteAllText(path, Format(decimals));
}
