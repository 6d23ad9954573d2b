using System.Text;
using ResearchKit.IO;

namespace ResearchKit.Annotations;

/// <summary>
/// One SPEAKER line of an RTTM file (NIST RT-09 evaluation plan, appendix A):
/// <c>SPEAKER &lt;file&gt; &lt;chnl&gt; &lt;onset&gt; &lt;dur&gt; &lt;ortho&gt; &lt;stype&gt; &lt;name&gt; &lt;conf&gt; &lt;slat&gt;</c>.
/// Fields other than file, onset, duration and name are kept as text (usually <c>&lt;NA&gt;</c>).
/// </summary>
/// <param name="FileId">Recording id (field 2).</param>
/// <param name="Channel">Channel (field 3, usually <c>1</c>).</param>
/// <param name="Onset">Start in seconds (field 4).</param>
/// <param name="Duration">Duration in seconds (field 5); the turn ends at <c>Onset + Duration</c> (float64, once).</param>
/// <param name="Speaker">Speaker label (field 8).</param>
public sealed record RttmTurn(string FileId, string Channel, double Onset, double Duration, string Speaker)
{
    /// <summary>Field 6 (orthography), usually <c>&lt;NA&gt;</c>.</summary>
    public string Ortho { get; init; } = "<NA>";

    /// <summary>Field 7 (speaker type), usually <c>&lt;NA&gt;</c>.</summary>
    public string SpeakerType { get; init; } = "<NA>";

    /// <summary>Field 9 (confidence), usually <c>&lt;NA&gt;</c>.</summary>
    public string Confidence { get; init; } = "<NA>";

    /// <summary>Field 10 (signal look-ahead time), usually <c>&lt;NA&gt;</c>; null when the line had 9 fields.</summary>
    public string? Lookahead { get; init; } = "<NA>";

    /// <summary>Digits after the point the onset was written with (-1: unknown; then 3 or the shortest exact form is written).</summary>
    public int OnsetDecimals { get; init; } = -1;

    /// <summary>Digits after the point the duration was written with (-1: unknown).</summary>
    public int DurationDecimals { get; init; } = -1;

    /// <summary>The turn as a segment: [Onset, Onset + Duration).</summary>
    public Segment Segment => Segment.FromOnsetDuration(Onset, Duration);

    /// <summary>1-based line number in the file it was read from (0 when created in code).</summary>
    public int SourceLine { get; init; }
}

/// <summary>The content of one RTTM file: SPEAKER turns in file order, plus the lines of other types that were skipped.</summary>
/// <param name="Path">Where it was read from.</param>
/// <param name="Turns">SPEAKER lines in file order.</param>
/// <param name="SkippedLines">1-based numbers of non-SPEAKER lines (SPKR-INFO, LEXEME, …), ignored as dscore does.</param>
public sealed record RttmDocument(string Path, IReadOnlyList<RttmTurn> Turns, IReadOnlyList<int> SkippedLines)
{
    /// <summary>File ids in order of first appearance.</summary>
    public IReadOnlyList<string> FileIds() => Turns.Select(t => t.FileId).Distinct().ToArray();

    /// <summary>One annotation per file id (order of first appearance). Turns keep their onset + duration ends.</summary>
    public IReadOnlyDictionary<string, Annotation> ToAnnotations()
    {
        var groups = new Dictionary<string, List<Track>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var t in Turns)
        {
            if (!groups.TryGetValue(t.FileId, out var l)) { groups[t.FileId] = l = new List<Track>(); order.Add(t.FileId); }
            l.Add(new Track(t.Segment, t.Speaker));
        }
        var result = new Dictionary<string, Annotation>(StringComparer.Ordinal);
        foreach (var id in order) result[id] = new Annotation(id, groups[id]);
        return result;
    }
}

/// <summary>
/// RTTM reading and writing. Strict: every malformed SPEAKER line is an <see cref="AnnotationFormatException"/>
/// naming <c>file:line:field</c>. Blank lines and lines starting with <c>#</c> or <c>;</c> are comments (md-eval's
/// rule). Lines of other RTTM types (SPKR-INFO, LEXEME, …) are skipped and listed. Many recordings may share one
/// file. Round trip: <c>Write(Read(f))</c> reproduces every SPEAKER line of a single-space-separated file byte for
/// byte (times keep the decimals they were written with); in all cases Read(Write(Read(f))) equals Read(f).
/// </summary>
public static class Rttm
{
    private static readonly string[] FieldNames =
        ["type", "file id", "channel", "onset", "duration", "orthography", "speaker type", "speaker name", "confidence", "lookahead"];

    /// <summary>Reads an RTTM file.</summary>
    public static RttmDocument Read(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputFileException(path, $"cannot read the RTTM file ({e.Message}); check the path.", e);
        }
        return Parse(text, path);
    }

    /// <summary>Reads RTTM annotations from a file or from every <c>*.rttm</c> file of a folder (sorted by name).
    /// A file id found in two different RTTM files is an error (the inputs would be ambiguous).</summary>
    public static IReadOnlyDictionary<string, Annotation> ReadAnnotations(string fileOrFolder)
    {
        string[] paths;
        if (Directory.Exists(fileOrFolder))
        {
            paths = Directory.GetFiles(fileOrFolder, "*.rttm").OrderBy(p => p, StringComparer.Ordinal).ToArray();
            if (paths.Length == 0)
                throw new InvalidInputFileException(fileOrFolder, "the folder contains no *.rttm file; point to an RTTM file or a folder of them.");
        }
        else if (File.Exists(fileOrFolder)) paths = [fileOrFolder];
        else throw new InvalidInputFileException(fileOrFolder, "no such file or folder; check the path.");

        var result = new Dictionary<string, Annotation>(StringComparer.Ordinal);
        var origin = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in paths)
            foreach (var (id, ann) in Read(p).ToAnnotations())
            {
                if (origin.TryGetValue(id, out var first))
                    throw new InvalidInputFileException(p,
                        $"file id '{id}' also occurs in {first}; each recording must come from one RTTM file. Remove the duplicate or score the inputs separately.");
                origin[id] = p;
                result[id] = ann;
            }
        return result;
    }

    /// <summary>Parses RTTM text; <paramref name="sourceName"/> is used in error messages.</summary>
    public static RttmDocument Parse(string text, string sourceName = "<rttm>")
    {
        var turns = new List<RttmTurn>();
        var skipped = new List<int>();
        var strings = new Dictionary<string, string>(StringComparer.Ordinal); // share file-id/label strings
        var ranges = new Range[12];
        int lineNo = 0;
        foreach (var rawLine in text.AsSpan().EnumerateLines())
        {
            lineNo++;
            var line = rawLine.Trim();
            if (line.IsEmpty || line[0] == '#' || line[0] == ';') continue;
            int n = SplitWhitespace(line, ranges);
            var type = line[ranges[0]];
            if (!type.SequenceEqual("SPEAKER"))
            {
                if (IsKnownOtherType(type)) { skipped.Add(lineNo); continue; }
                throw new AnnotationFormatException(sourceName, lineNo, 1,
                    $"unknown RTTM record type '{type}'; diarization RTTM lines start with SPEAKER (comments start with # or ;).");
            }
            if (n != 9 && n != 10)
                throw new AnnotationFormatException(sourceName, lineNo, 0,
                    $"a SPEAKER line needs 10 fields (SPEAKER file chnl onset dur <NA> <NA> speaker <NA> <NA>; 9 accepted), found {(n > 11 ? "more than 11" : n.ToString())}: '{line}'.");
            double onset = ParseTime(line, ranges, 3, sourceName, lineNo, out int od);
            double dur = ParseTime(line, ranges, 4, sourceName, lineNo, out int dd);
            turns.Add(new RttmTurn(Intern(strings, line[ranges[1]]), Intern(strings, line[ranges[2]]), onset, dur, Intern(strings, line[ranges[7]]))
            {
                Ortho = Intern(strings, line[ranges[5]]),
                SpeakerType = Intern(strings, line[ranges[6]]),
                Confidence = Intern(strings, line[ranges[8]]),
                Lookahead = n == 10 ? Intern(strings, line[ranges[9]]) : null,
                OnsetDecimals = od,
                DurationDecimals = dd,
                SourceLine = lineNo,
            });
        }
        return new RttmDocument(sourceName, turns, skipped);
    }

    private static bool IsKnownOtherType(ReadOnlySpan<char> t) =>
        t is "SPKR-INFO" or "SEGMENT" or "LEXEME" or "NON-LEX" or "NON-SPEECH" or "NOSCORE" or "NO_RT_METADATA"
            or "SU" or "CB" or "IP" or "EDIT" or "FILLER" or "A/P";

    private static double ParseTime(ReadOnlySpan<char> line, Range[] ranges, int index, string src, int lineNo, out int decimals)
    {
        var tok = line[ranges[index]];
        string name = FieldNames[index];
        if (!TimeText.TryParse(tok, out double v, out decimals))
            throw new AnnotationFormatException(src, lineNo, index + 1,
                $"{name} '{tok}' is not a finite number of seconds; write it as a decimal such as 12.340.");
        if (v < 0)
            throw new AnnotationFormatException(src, lineNo, index + 1,
                $"{name} {tok} is negative; RTTM times and durations must be >= 0 seconds.");
        return v;
    }

    private static int SplitWhitespace(ReadOnlySpan<char> line, Range[] ranges)
    {
        int n = 0, i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && char.IsWhiteSpace(line[i])) i++;
            if (i >= line.Length) break;
            int s = i;
            while (i < line.Length && !char.IsWhiteSpace(line[i])) i++;
            if (n < ranges.Length) ranges[n] = s..i;
            n++;
        }
        return n;
    }

    private static string Intern(Dictionary<string, string> cache, ReadOnlySpan<char> s)
    {
        var lookup = cache.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(s, out var v)) return v;
        var str = s.ToString();
        cache[str] = str;
        return str;
    }

    /// <summary>Formats turns as RTTM text (one line each, in the given order).</summary>
    public static string Format(IEnumerable<RttmTurn> turns)
    {
        var sb = new StringBuilder();
        foreach (var t in turns)
        {
            sb.Append("SPEAKER ").Append(t.FileId).Append(' ').Append(t.Channel).Append(' ')
              .Append(TimeText.Format(t.Onset, t.OnsetDecimals < 0 ? 3 : t.OnsetDecimals)).Append(' ')
              .Append(TimeText.Format(t.Duration, t.DurationDecimals < 0 ? 3 : t.DurationDecimals)).Append(' ')
              .Append(t.Ortho).Append(' ').Append(t.SpeakerType).Append(' ').Append(t.Speaker).Append(' ').Append(t.Confidence);
            if (t.Lookahead is not null) sb.Append(' ').Append(t.Lookahead);
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Writes turns to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, IEnumerable<RttmTurn> turns) => AtomicFile.WriteAllText(path, Format(turns));

    /// <summary>The SPEAKER turns of annotations in (file, start, end, label) order. Onset and duration
    /// (<c>end - start</c>) are each rounded to <paramref name="decimals"/> digits, separately, as dscore's writer does.</summary>
    public static IEnumerable<RttmTurn> ToTurns(IEnumerable<Annotation> annotations, int decimals = 3, string channel = "1")
    {
        if (decimals is < 0 or > 15) throw new InvalidParameterException(nameof(decimals), $"must be 0..15, got {decimals}.");
        return annotations.SelectMany(a => a.Tracks.Select(t => new RttmTurn(a.Uri, channel,
            TimeText.Round(t.Segment.Start, decimals), TimeText.Round(t.Segment.Duration, decimals), t.Label)
        { OnsetDecimals = decimals, DurationDecimals = decimals }));
    }

    /// <summary>Formats annotations as RTTM text, times with <paramref name="decimals"/> digits (default 3).</summary>
    public static string Format(IEnumerable<Annotation> annotations, int decimals = 3) => Format(ToTurns(annotations, decimals));

    /// <summary>Writes annotations (many recordings in one file) atomically.</summary>
    public static void Write(string path, IEnumerable<Annotation> annotations, int decimals = 3) =>
        AtomicFile.WriteAllText(path, Format(annotations, decimals));
}
