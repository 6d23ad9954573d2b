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
        var embeddings = new Option<string[]>("--embeddings") { Description = "Per-segment embeddings (.npy, N×D float); several files allowed, paired in order with --index.", Required = true, AllowMultipleArgumentsPerToken = true };
        var index = new Option<string[]>("--index") { Description = "Segment index per embeddings file, row i for row i: CSV recording,speaker,start,end (or researchkit embed's e.csv: recording = its file name), or JSONL.", Required = true, AllowMultipleArgumentsPerToken = true };
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
                string[] npys = r.GetValue(embeddings)!, idxs = r.GetValue(index)!;
                string outDir = r.GetValue(output)!;
                if (npys.Length != idxs.Length)
                    throw new InvalidParameterException("--index", $"{npys.Length} embeddings file(s) but {idxs.Length} index file(s); give one index per embeddings file, in the same order.");
                foreach (var input in npys.Concat(idxs))
                {
                    string inDir = Path.GetDirectoryName(Path.GetFullPath(input))!;
                    string full = Path.GetFullPath(outDir);
                    if (full == inDir || full.StartsWith(inDir + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                        throw new OutputException(outDir, $"is inside the input folder {inDir}; write outputs to another folder.");
                }
                var s = SimilarityScales.Parse(r.GetValue(scale) ?? "malaya");
                var t = r.GetValue(thresholds) is { Length: > 0 } given ? given : [0.9, 0.85, 0.8];
                foreach (double v in t) SpeakerLinking.ToCosine(v, s); // validate before reading large inputs
                var segments = new List<IndexedSegment>();
                var parts = new List<float[,]>();
                for (int f = 0; f < npys.Length; f++)
                {
                    var seg = SegmentIndex.Read(idxs[f]);
                    var e = Npy.Read(npys[f]).ToFloatMatrix();
                    if (e.GetLength(0) != seg.Count)
                        throw new InvalidInputFileException(idxs[f], $"has {seg.Count} rows but {npys[f]} has {e.GetLength(0)} embeddings; give one index row per embedding row.");
                    if (parts.Count > 0 && e.GetLength(1) != parts[0].GetLength(1))
                        throw new InvalidInputFileException(npys[f], $"has dimension {e.GetLength(1)}, the first file {parts[0].GetLength(1)}; use one embedding model for all recordings.");
                    segments.AddRange(seg);
                    parts.Add(e);
                }
                int dim = parts[0].GetLength(1), rowsTotal = segments.Count, at = 0;
                var emb = new float[rowsTotal, dim];
                foreach (var e in parts)
                    for (int i = 0; i < e.GetLength(0); i++, at++)
                        for (int k = 0; k < dim; k++) emb[at, k] = e[i, k];
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
