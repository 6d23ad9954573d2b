using System.Globalization;
using System.Text;
using System.Text.Json;
using ResearchKit.Clustering;
using ResearchKit.IO;

namespace ResearchKit.Corpus;

/// <summary>
/// Writes <c>link-speakers</c> results: per threshold the seed's mapping JSON <c>mapping-speakers-&lt;t&gt;.json</c>
/// (<c>{"&lt;video&gt;-&lt;speaker&gt;": "&lt;global speaker&gt;"}</c>) and <c>global-speakers-&lt;t&gt;.csv</c> (members and speech hours
/// per global speaker), plus <c>unique-speakers.csv</c> (one row per threshold). Every file is written atomically.
/// </summary>
public static class SpeakerLinkFiles
{
    /// <summary>The file-name tag of a threshold: its value ×100 on the options' scale ("90" for malaya 0.9, as the seed's
    /// mapping-youtube-speakers-90.json), with "cos" in front on the cosine scale.</summary>
    public static string Tag(double threshold, SimilarityScale scale) =>
        (scale == SimilarityScale.Cosine ? "cos" : "") + (threshold * 100).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Writes all files into <paramref name="outDir"/> and returns their paths.</summary>
    public static IReadOnlyList<string> Write(string outDir, SpeakerLinks links)
    {
        var written = new List<string>();
        var json = new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var names = links.Speakers.Names;
        for (int l = 0; l < links.Levels.Count; l++)
        {
            var level = links.Levels[l];
            string tag = Tag(level.Threshold, links.Options.Scale);
            string mapPath = Path.Combine(outDir, $"mapping-speakers-{tag}.json");
            AtomicFile.WriteAllText(mapPath, JsonSerializer.Serialize(links.Mapping(l), json) + "\n");
            written.Add(mapPath);

            var members = new int[level.Groups];
            foreach (int g in level.Labels) members[g]++;
            var csv = new StringBuilder("global_speaker,local_speakers,hours\n");
            foreach (int g in Enumerable.Range(0, level.Groups).OrderByDescending(g => level.Seconds[g]).ThenBy(g => g))
                csv.Append(Csv(names[level.Representatives[g]])).Append(',').Append(members[g].ToString(CultureInfo.InvariantCulture))
                   .Append(',').Append((level.Seconds[g] / 3600).ToString("0.######", CultureInfo.InvariantCulture)).Append('\n');
            string gPath = Path.Combine(outDir, $"global-speakers-{tag}.csv");
            AtomicFile.WriteAllText(gPath, csv.ToString());
            written.Add(gPath);
        }
        var table = new StringBuilder("threshold,scale,cosine,malaya_(cos+1)/2,local_speakers,unique_speakers,edges\n");
        foreach (var level in links.Levels)
            table.Append(F(level.Threshold)).Append(',').Append(links.Options.Scale == SimilarityScale.Cosine ? "cosine" : "malaya").Append(',')
                 .Append(F(level.CosineThreshold)).Append(',').Append(F((level.CosineThreshold + 1) / 2)).Append(',')
                 .Append(links.Speakers.Count).Append(',').Append(level.Groups).Append(',').Append(level.Edges).Append('\n');
        string tPath = Path.Combine(outDir, "unique-speakers.csv");
        AtomicFile.WriteAllText(tPath, table.ToString());
        written.Add(tPath);
        return written;
    }

    private static string F(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Csv(string s) => s.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
