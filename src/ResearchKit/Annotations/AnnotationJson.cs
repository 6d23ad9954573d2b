using System.Globalization;
using System.Text;
using System.Text.Json;
using ResearchKit.IO;

namespace ResearchKit.Annotations;

/// <summary>
/// The seed project's JSON diarization format, one recording per file:
/// <c>{"diarization":[{"speaker":"SPEAKER_01","start":"0.000","end":"2.345"}]}</c>. Start and end are strings with 3
/// decimals (seconds) when written; when read, strings or numbers are accepted.
/// </summary>
public static class AnnotationJson
{
    /// <summary>Reads a file; the recording id is <paramref name="uri"/> or the file name without extension.</summary>
    public static Annotation Read(string path, string? uri = null)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputFileException(path, $"cannot read the JSON file ({e.Message}); check the path.", e);
        }
        return Parse(text, uri ?? Path.GetFileNameWithoutExtension(path), path);
    }

    /// <summary>Parses JSON text into an annotation of recording <paramref name="uri"/>.</summary>
    public static Annotation Parse(string json, string uri, string sourceName = "<json>")
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json); }
        catch (JsonException e)
        {
            throw new AnnotationFormatException(sourceName, (int)(e.LineNumber ?? 0) + 1, 0, $"not valid JSON ({e.Message}).");
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("diarization", out var list) || list.ValueKind != JsonValueKind.Array)
                throw new InvalidInputFileException(sourceName, "expected an object with a \"diarization\" array: {\"diarization\":[{\"speaker\":\"S1\",\"start\":\"0.000\",\"end\":\"1.000\"}]}.");
            var tracks = new List<Track>();
            int i = 0;
            foreach (var item in list.EnumerateArray())
            {
                string where = $"diarization[{i}]";
                if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("speaker", out var spk) || spk.ValueKind != JsonValueKind.String)
                    throw new InvalidInputFileException(sourceName, $"{where} needs a string \"speaker\".");
                double start = Time(item, "start", where, sourceName), end = Time(item, "end", where, sourceName);
                if (end < start)
                    throw new InvalidInputFileException(sourceName, $"{where}: end {end} is before start {start}; swap them.");
                tracks.Add(new Track(new Segment(start, end), spk.GetString()!));
                i++;
            }
            return new Annotation(uri, tracks);
        }
    }

    private static double Time(JsonElement item, string name, string where, string src)
    {
        if (item.TryGetProperty(name, out var v))
        {
            if (v.ValueKind == JsonValueKind.String && TimeText.TryParse(v.GetString(), out double d, out _) && d >= 0) return d;
            if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out d) && double.IsFinite(d) && d >= 0) return d;
        }
        throw new InvalidInputFileException(src, $"{where}.{name} must be a time in seconds >= 0, as a string like \"1.250\".");
    }

    /// <summary>Formats an annotation (times as strings with 3 decimals, tracks in time order).</summary>
    public static string Format(Annotation annotation)
    {
        var sb = new StringBuilder("{\"diarization\":[");
        bool first = true;
        foreach (var t in annotation.Tracks)
        {
            if (!first) sb.Append(',');
            first = false;
            sb.Append("{\"speaker\":").Append(JsonSerializer.Serialize(t.Label))
              .Append(",\"start\":\"").Append(t.Segment.Start.ToString("F3", CultureInfo.InvariantCulture))
              .Append("\",\"end\":\"").Append(t.Segment.End.ToString("F3", CultureInfo.InvariantCulture)).Append("\"}");
        }
        return sb.Append("]}\n").ToString();
    }

    /// <summary>Writes an annotation atomically.</summary>
    public static void Write(string path, Annotation annotation) => AtomicFile.WriteAllText(path, Format(annotation));
}
