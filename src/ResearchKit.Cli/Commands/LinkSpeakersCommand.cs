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
        var rttm = new Option<string[]>("--rttm") { Description = "Per-recording diarization: RTTM files or folders of *.rttm (one file id = one recording). Needs --audio.", AllowMultipleArgumentsPerToken = true };
        var audio = new Option<string?>("--audio") { Description = "Folder holding <file-id>.wav (or .flac, .mp3, …) for every RTTM file id." };
        var model = CorpusModelOption.Create();
        var within = new Option<string>("--within") { Description = "Speakers within a recording: rttm (the RTTM's labels; default) | online (streaming assignment of the turn embeddings in time order, malaya-speech's StreamingSpeakerSimilarity; for RTTMs that only mark speech).", DefaultValueFactory = _ => "rttm" };
        var onlineThreshold = new Option<double>("--online-threshold") { Description = "Online assignment: a turn joins the most similar speaker so far when similarity ≥ this, on --online-scale (default malaya's 0.8 on (cos+1)/2 = cosine 0.6).", DefaultValueFactory = _ => OnlineOptions.Malaya.Threshold };
        var onlineScale = new Option<string>("--online-scale") { Description = "Scale of --online-threshold: malaya ((cos+1)/2, malaya-speech's) | cosine.", DefaultValueFactory = _ => "malaya" };
        var minTurn = new Option<double>("--min-turn") { Description = "Turns with less (non-overlapped) speech than this many seconds are not embedded (listed in skipped-turns.csv).", DefaultValueFactory = _ => DiarizedLinkOptions.Default.MinTurnSeconds };
        var keepOverlap = new Option<bool>("--keep-overlap") { Description = "Embed whole turns, including the parts where another RTTM speaker talks (default: overlap is cut out)." };
        var embeddings = new Option<string[]>("--embeddings") { Description = "Instead of --rttm: per-segment embeddings (.npy, N×D float); several files allowed, paired in order with --index.", AllowMultipleArgumentsPerToken = true };
        var index = new Option<string[]>("--index") { Description = "Segment index per embeddings file, row i for row i: CSV recording,speaker,start,end (or researchkit embed's e.csv: recording = its file name), or JSONL.", AllowMultipleArgumentsPerToken = true };
        var thresholds = new Option<double[]>("--thresholds") { Description = "Similarity thresholds, several in one run (default: the seed's 0.9 0.85 0.8 on the malaya scale).", AllowMultipleArgumentsPerToken = true };
        var scale = new Option<string>("--scale") { Description = "Scale of the thresholds: malaya ((cos+1)/2, the seed's) | cosine.", DefaultValueFactory = _ => "malaya" };
        var output = new Option<string>("--out") { Description = "Output folder: mapping-speakers-<t>.json, global-speakers-<t>.csv, unique-speakers.csv (with --rttm also turns.csv, turn-embeddings.npy, local-speakers.rttm, skipped-turns.csv).", Required = true };
        var cmd = new Command("link-speakers", "Link speakers across recordings: per-recording speaker centroids (from RTTM + audio + an embedding model, or from precomputed embeddings), graph grouping with PageRank representatives at several thresholds, the seed's mapping JSON per threshold.")
        {
            rttm, audio, model, within, onlineThreshold, onlineScale, minTurn, keepOverlap, embeddings, index, thresholds, scale, output,
        };
        cmd.SetAction(r =>
        {
            string[] rttms = r.GetValue(rttm) ?? [], npys = r.GetValue(embeddings) ?? [], idxs = r.GetValue(index) ?? [];
            string outDir = r.GetValue(output)!;
            if (rttms.Length > 0 == npys.Length > 0)
                throw new InvalidParameterException("--rttm", "give either --rttm <files> --audio <folder> (embed the turns with --model) or --embeddings <npy> --index <csv> (precomputed), not both or neither.");
            string? audioDir = r.GetValue(audio);
            if (rttms.Length > 0 && audioDir is null)
                throw new InvalidParameterException("--audio", "--rttm needs --audio <folder holding <file-id>.wav for each RTTM file id>.");
            var inputs = rttms.Length > 0 ? rttms.Append(audioDir!).ToArray() : npys.Concat(idxs).ToArray();
            OutputLocation.RequireOutsideInputs(outDir, inputs);
            var s = SimilarityScales.Parse(r.GetValue(scale) ?? "malaya");
            var t = r.GetValue(thresholds) is { Length: > 0 } given ? given : [0.9, 0.85, 0.8];
            foreach (double v in t) SpeakerLinking.ToCosine(v, s); // validate before reading large inputs
            var grouping = new GraphGroupingOptions(t, s);

            SpeakerLinks links;
            DiarizedLinkResult? diarized = null;
            if (rttms.Length > 0)
            {
                var mode = (r.GetValue(within) ?? "rttm").ToLowerInvariant() switch
                {
                    "online" => WithinRecording.Online,
                    "rttm" => WithinRecording.RttmLabels,
                    var w => throw new InvalidParameterException("--within", $"'{w}' is not a mode; use online or rttm."),
                };
                var onlineOptions = OnlineOptions.Malaya with
                {
                    Threshold = r.GetValue(onlineThreshold),
                    Scale = SimilarityScales.Parse(r.GetValue(onlineScale) ?? "malaya"),
                };
                var options = new DiarizedLinkOptions(mode, onlineOptions, r.GetValue(minTurn), !r.GetValue(keepOverlap));
                if (mode == WithinRecording.Online) DiarizedLinking.CheckOnlineThreshold(onlineOptions);
                var recordings = DiarizedRecordings.Open(rttms, audioDir!);
                var embedder = CorpusModelOption.Open(r.GetValue(model), out var described);
                using var disposer = embedder as IDisposable;
                Console.WriteLine($"{recordings.Count} recordings, {recordings.Sum(x => x.Turns.Count)} RTTM turns; embedding with the {described}");
                if (mode == WithinRecording.Online)
                    Console.WriteLine($"within recordings: online assignment, threshold {F(onlineOptions.Threshold)} on the {ScaleName(onlineOptions.Scale)} scale (cosine {F(SpeakerLinking.ToCosine(onlineOptions.Threshold, onlineOptions.Scale))})");
                else Console.WriteLine("within recordings: the RTTM's speaker labels");
                diarized = DiarizedLinking.Run(recordings, embedder, grouping, options, new CorpusProgressWriter());
                links = diarized.Links;
                Console.WriteLine($"{diarized.Turns.Count} turns embedded, {diarized.Skipped.Count} skipped (see skipped-turns.csv)");
                if (diarized.Unlinked.Count > 0)
                    Console.WriteLine($"not in the mapping (no turn embedded): {string.Join(", ", diarized.Unlinked)}");
            }
            else
            {
                if (npys.Length != idxs.Length)
                    throw new InvalidParameterException("--index", $"{npys.Length} embeddings file(s) but {idxs.Length} index file(s); give one index per embeddings file, in the same order.");
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
                links = SpeakerLinking.Run(speakers, grouping);
                Console.WriteLine($"{segments.Count} segments, {speakers.Count} per-recording speakers, {segments.Select(x => x.Recording).Distinct().Count()} recordings");
            }
            Directory.CreateDirectory(outDir);
            if (diarized is not null) SpeakerLinkFiles.Write(outDir, diarized);
            else SpeakerLinkFiles.Write(outDir, links);
            Console.WriteLine($"{links.Speakers.Count} per-recording speakers");
            Console.WriteLine("threshold  cosine  (cos+1)/2  unique speakers  edges");
            foreach (var l in links.Levels)
                Console.WriteLine($"{F(l.Threshold),9}  {F(l.CosineThreshold),6}  {F((l.CosineThreshold + 1) / 2),9}  {l.Groups,15}  {l.Edges,5}");
            Console.WriteLine($"-> {outDir}");
            return 0;
        });
        return cmd;
    }

    private static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    private static string ScaleName(SimilarityScale s) => s == SimilarityScale.Cosine ? "cosine" : "malaya (cos+1)/2";
}
