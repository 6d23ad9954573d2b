using System.CommandLine;
using System.Globalization;
using ResearchKit.Audio;
using ResearchKit.Corpus;
using ResearchKit.IO;
using ResearchKit.Plotting;

namespace ResearchKit.Cli.Commands;

/// <summary><c>researchkit similarity</c>: the GhostVLAD seed's speaker-distance matrix, intra/inter means and all-pairs EER.</summary>
internal static class SimilarityCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("folder") { Description = "Utterances: one subfolder per speaker, or a flat folder (speaker = file-name prefix before '_' or '-', or --labels)." };
        var labels = new Option<string?>("--labels") { Description = "TSV/CSV with header file,speaker (files relative to the folder)." };
        var model = CorpusModelOption.Create();
        var embeddings = new Option<string?>("--embeddings") { Description = "Precomputed embeddings (.npy, N×D) in the order of --labels rows, instead of --model." };
        var metric = new Option<string>("--metric") { Description = "cosine (1 − cos) | seed-euclidean (‖u/|u| − v/|v|‖, what the seed's predict.py prints).", DefaultValueFactory = _ => "cosine" };
        var figure = new Option<string?>("--figure") { Description = "Write the heatmap as a self-contained HTML file." };
        var matrixOut = new Option<string?>("--out") { Description = "Write the distance matrix (.npy)." };
        var cmd = new Command("similarity", "Pairwise speaker-distance matrix printed as the GhostVLAD seed prints it, mean intra/inter-speaker distance and verification EER over all pairs.")
        {
            folder, labels, model, embeddings, metric, figure, matrixOut,
        };
        cmd.SetAction(r =>
        {
            string dir = r.GetValue(folder)!;
            var items = LabelledUtterances.FromFolder(dir, r.GetValue(labels));
            var kind = (r.GetValue(metric) ?? "cosine").ToLowerInvariant() switch
            {
                "cosine" => SpeakerDistanceKind.Cosine,
                "seed-euclidean" or "euclidean" => SpeakerDistanceKind.SeedEuclidean,
                var m => throw new InvalidParameterException("--metric", $"'{m}' is not a metric; use cosine or seed-euclidean."),
            };
            foreach (var o in new[] { r.GetValue(figure), r.GetValue(matrixOut) })
                if (o is not null) OutputLocation.RequireOutside(o, dir);
            float[,] emb;
            if (r.GetValue(embeddings) is { } npy)
            {
                if (r.GetValue(labels) is null)
                    throw new InvalidParameterException("--embeddings", "precomputed embeddings need --labels (its rows give the order of the embedding rows).");
                var unsorted = LabelledUtterances.FromLabelsInFileOrder(dir, r.GetValue(labels)!);
                var raw = Npy.Read(npy).ToFloatMatrix();
                if (raw.GetLength(0) != unsorted.Count)
                    throw new InvalidInputFileException(npy, $"has {raw.GetLength(0)} rows but --labels lists {unsorted.Count} files; give one row per labelled file.");
                int dim = raw.GetLength(1);
                emb = new float[items.Count, dim];
                var row = unsorted.Select((u, i) => (u.Path, i)).ToDictionary(p => p.Path, p => p.i);
                for (int i = 0; i < items.Count; i++)
                    for (int k = 0; k < dim; k++) emb[i, k] = raw[row[items[i].Path], k];
            }
            else
            {
                var embedder = CorpusModelOption.Open(r.GetValue(model), out var described);
                using var disposer = embedder as IDisposable;
                Console.WriteLine($"embedding with the {described}");
                emb = embedder.Embed(items.Select(i => AudioFile.Read(i.Path)).ToList());
            }
            var rep = SpeakerSimilarity.Compute(items, emb, kind);
            Console.WriteLine($"{items.Count} utterances of {LabelledUtterances.GroupSizes(items).Length} speakers ({string.Join(", ", items.Select(i => i.Speaker).Distinct())})");
            Console.WriteLine();
            Console.Write(rep.SeedPrintout);
            string F(double v) => v.ToString("0.0000", CultureInfo.InvariantCulture);
            Console.WriteLine($"mean intra-speaker distance {F(rep.MeanIntra)}, inter-speaker {F(rep.MeanInter)} ({kind.ToString().ToLowerInvariant()})");
            Console.WriteLine($"EER {(rep.Eer * 100).ToString("0.00", CultureInfo.InvariantCulture)}% over all pairs ({rep.TargetTrials} target / {rep.NonTargetTrials} non-target trials)");
            if (r.GetValue(matrixOut) is { } mo) { Npy.Write(mo, rep.Distances); Console.WriteLine($"matrix -> {mo}"); }
            if (r.GetValue(figure) is { } fo)
            {
                HtmlRenderer.Write(fo, Charts.SimilarityMatrix(rep.Distances, items.Select(i => i.Name).ToList(), items.Select(i => i.Speaker).ToList()));
                Console.WriteLine($"heatmap -> {fo}");
            }
            return 0;
        });
        return cmd;
    }
}
