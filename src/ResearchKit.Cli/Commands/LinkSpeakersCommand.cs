using System.CommandLine;
using System.Globalization;
using ResearchKit.Clustering;
using ResearchKit.Corpus;
using ResearchKit.IO;

namespace ResearchKit.Cli.Commands;

/// <summary><c>researchkit link-speakers</c>: the Malay YouTube seed's grouping of per-recording speakers into global speakers.</summary>
internal static class LinkSpeakersCommand
{
    public static Command Create()
    {
        var embeddings = new Option<string>("--embeddings") { Description = "Per-segment embeddings (.npy, N×D float).", Required = true };
        var index = new Option<string>("--index") { Description = "Segment index, row i for embedding row i: CSV with header recording,speaker,start,end, or JSONL with those keys.", Required = true };
        var thresholds = new Option<double[]>("--thresholds") { Description = "Similarity thresholds, several in one run (default: the seed's 0.9 0.85 0.8 on the malaya scale).", AllowMultipleArgumentsPerToken = true };
        var scale = new Option<string>("--scale") { Description = "Scale of the thresholds: malaya ((cos+1)/2, the seed's) | cosine.", DefaultValueFactory = _ => "malaya" };
        var output = new Option<string>("--out") { Description = "Output folder: mapping-speakers-<t>.json, global-speakers-<t>.csv, unique-speakers.csv.", Required = true };
        var cmd = new Command("link-speakers", "Link speakers across recordings: per-recording centroids, graph grouping with PageRank representatives at several thresholds, the seed's mapping JSON per threshold.")
        {
            embeddings, index, thresholds, scale, output,
        };
        cmd.SetAction(r =>
        {
            try
            {
                string npy = r.GetValue(embeddings)!, idx = r.GetValue(index)!, outDir = r.GetValue(output)!;
                foreach (var input in new[] { npy, idx })
                {
                    string inDir = Path.GetDirectoryName(Path.GetFullPath(input))!;
                    string full = Path.GetFullPath(outDir);
                    if (full == inDir || full.StartsWith(inDir + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                        throw new OutputException(outDir, $"is inside the input folder {inDir}; write outputs to another folder.");
                }
                var s = SimilarityScales.Parse(r.GetValue(scale) ?? "malaya");
                var t = r.GetValue(thresholds) is { Length: > 0 } given ? given : [0.9, 0.85, 0.8];
                foreach (double v in t) SpeakerLinking.ToCosine(v, s); // validate before reading large inputs
                var segments = SegmentIndex.Read(idx);
                var emb = Npy.Read(npy).ToFloatMatrix();
                var speakers = LocalSpeakers.FromSegments(emb, segments);
                var links = SpeakerLinking.Run(speakers, new GraphGroupingOptions(t, s));
                Directory.CreateDirectory(outDir);
                SpeakerLinkFiles.Write(outDir, links);
                string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
                Console.WriteLine($"{segments.Count} segments, {speakers.Count} per-recording speakers, {segments.Select(x => x.Recording).Distinct().Count()} recordings");
                Console.WriteLine("threshold  cosine  (cos+1)/2  unique speakers  edges");
                foreach (var l in links.Levels)
                    Console.WriteLine($"{F(l.Threshold),9}  {F(l.CosineThreshold),6}  {F((l.CosineThreshold + 1) / 2),9}  {l.Groups,15}  {l.Edges,5}");
                Console.WriteLine($"-> {outDir}");
                return 0;
            }
            catch (ResearchKitException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 2;
            }
        });
        return cmd;
    }
}
