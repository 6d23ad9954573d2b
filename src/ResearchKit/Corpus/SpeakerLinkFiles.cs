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

    /// <summary>Writes the files of <see cref="Write(string, SpeakerLinks)"/> plus the intermediates of the RTTM + audio
    /// input: <c>turns.csv</c> (recording, speaker, rttm_speaker, start, end, embedded_seconds, online_similarity; its first
    /// four columns are an <c>--index</c>), <c>turn-embeddings.npy</c> (row i for turns.csv row i, so
    /// <c>--embeddings turn-embeddings.npy --index turns.csv</c> relinks without the model), <c>local-speakers.rttm</c> (the
    /// within-recording assignment; blanks in labels become '_') and <c>skipped-turns.csv</c>. Returns the paths.</summary>
    public static IReadOnlyList<string> Write(string outDir, DiarizedLinkResult result)
    {
        var written = new List<string>(Write(outDir, result.Links));
        var csv = new StringBuilder("recording,speaker,rttm_speaker,start,end,embedded_seconds,online_similarity\n");
        for (int i = 0; i < result.Turns.Count; i++)
        {
            var t = result.Turns[i];
            csv.Append(Csv(t.Recording)).Append(',').Append(Csv(result.LocalSpeaker[i])).Append(',').Append(Csv(t.RttmSpeaker)).Append(',')
               .Append(T(t.Start)).Append(',').Append(T(t.End)).Append(',').Append(T(t.EmbeddedSeconds)).Append(',')
               .Append(double.IsNaN(result.OnlineSimilarity[i]) ? "" : F(result.OnlineSimilarity[i])).Append('\n');
        }
        string turns = Path.Combine(outDir, "turns.csv");
        AtomicFile.WriteAllText(turns, csv.ToString());
        string npy = Path.Combine(outDir, "turn-embeddings.npy");
        Npy.Write(npy, result.Embeddings);
        string rttm = Path.Combine(outDir, "local-speakers.rttm");
        Annotations.Rttm.Write(rttm, result.Turns.Select((t, i) => new Annotations.RttmTurn(t.Recording, "1", t.Start, t.End - t.Start, string.Join('_', result.LocalSpeaker[i].Split(' ', '\t'))))); // RTTM fields are blank-separated: "speaker 0" → "speaker_0"
        var sk = new StringBuilder("recording,rttm_speaker,start,end,rttm_line,reason\n");
        foreach (var s in result.Skipped)
            sk.Append(Csv(s.Recording)).Append(',').Append(Csv(s.Turn.Speaker)).Append(',').Append(T(s.Turn.Onset)).Append(',')
              .Append(T(s.Turn.Onset + s.Turn.Duration)).Append(',').Append(s.Turn.SourceLine).Append(',').Append(Csv(s.Reason)).Append('\n');
        string skipped = Path.Combine(outDir, "skipped-turns.csv");
        AtomicFile.WriteAllText(skipped, sk.ToString());
        written.AddRange([turns, npy, rttm, skipped]);
        return written;
    }

    private static string T(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    private static string F(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Csv(string s) => s.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
