using System.CommandLine;
using System.Globalization;
using ResearchKit.Clustering;
using ResearchKit.Corpus;

namespace ResearchKit.Cli.Commands;

/// <summary><c>researchkit cluster-dir &lt;in&gt; &lt;out&gt;</c>: the folder-clustering seed (clips → per-speaker folders).</summary>
internal static class ClusterDirCommand
{
    private const double DefaultThreshold = 0.72;

    public static Command Create()
    {
        var input = new Argument<string>("in") { Description = "Input folder of <BROADCASTER>_<G><YYYYMMDD> subfolders holding .wav + .txt pairs." };
        var output = new Argument<string>("out") { Description = "Output folder (empty or new unless --resume/--overwrite; never inside the input)." };
        var model = CorpusModelOption.Create();
        var linkage = new Option<string>("--linkage") { Description = "AHC linkage: centroid | average | complete | single | weighted | median | ward.", DefaultValueFactory = _ => "average" };
        var threshold = new Option<double?>("--threshold") { Description = "AHC cosine-distance threshold (default 0.72, measured for the bundled model with average linkage; pyannote 3.1 uses centroid linkage at 0.7045654963945799 for its ResNet34)." };
        var speakers = new Option<int?>("--num-speakers") { Description = "Exact number of speakers per subfolder (instead of the threshold)." };
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Leave out offending clips instead of refusing to start." };
        var resume = new Option<bool>("--resume") { Description = "Continue an interrupted run: skip subfolders the manifest lists as done." };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace this run's speaker folders in a non-empty output." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the plan; write nothing." };
        var labels = new Option<string?>("--labels") { Description = "CSV/TSV file,speaker of the true speakers (file relative to <in> or bare name): report purity/coverage, ARI, NMI, B-cubed F1." };
        var cmd = new Command("cluster-dir", "Cluster each subfolder of clips by speaker and copy them into per-speaker folders with the seed's naming.")
        {
            input, output, model, linkage, threshold, speakers, skipInvalid, resume, overwrite, dryRun, labels,
        };
        cmd.SetAction(r =>
        {
            if (r.GetValue(resume) && r.GetValue(overwrite))
                throw new InvalidParameterException("--resume", "--resume and --overwrite exclude each other; pick one.");
            var method = Enum.TryParse<LinkageMethod>(r.GetValue(linkage), true, out var lm) ? lm
                : throw new InvalidParameterException("--linkage", $"'{r.GetValue(linkage)}' is not a linkage; use centroid, average, complete, single, weighted, median or ward.");
            int? n = r.GetValue(speakers);
            // Average linkage on cosine distance, threshold 0.72: measured with the bundled researchkit-xvector-v2 on
            // data/librispeech-mini (README "Corpus tools": 0.70–0.76 recover the 10 speakers; pyannote 3.1's centroid
            // linkage at 0.7046 leaves every clip alone with this model). No min_cluster_size (a rule for thousands of windows).
            // (that rule is for thousands of windows, not a handful of clips).
            var ahc = new AhcOptions(method, DistanceMetric.Cosine, n is null ? r.GetValue(threshold) ?? DefaultThreshold : null, 1);
            var options = new ClusterDirOptions(
                r.GetValue(resume) ? ExistingOutput.Resume : r.GetValue(overwrite) ? ExistingOutput.Overwrite : ExistingOutput.Refuse,
                r.GetValue(skipInvalid), r.GetValue(dryRun), n is int k ? SpeakerCount.Exactly(k) : null);
            var embedder = CorpusModelOption.Open(r.GetValue(model), out var described);
            using var disposer = embedder as IDisposable;
            Console.WriteLine($"embedding with the {described}");
            var result = ClusterDir.Run(r.GetValue(input)!, r.GetValue(output)!, embedder, new AgglomerativeClustering(ahc), options, new CorpusProgressWriter());
            foreach (var p in result.Problems) Console.WriteLine($"skipped: {p}");
            if (options.DryRun)
                foreach (var s in result.Subfolders.Where(s => s.Plan is not null))
                    foreach (var c in s.Plan!.Clips)
                        Console.WriteLine($"{c.Source.WavPath} -> {c.WavRelative}");
            Console.WriteLine("speaker folder                                  clips  minutes");
            foreach (var s in result.Speakers)
                Console.WriteLine($"{s.SpeakerFolder,-46}  {s.Clips,5}  {s.Minutes.ToString("0.00", CultureInfo.InvariantCulture),7}");
            if (r.GetValue(labels) is { } lf)
            {
                var sc = ClusterDirScore.Compute(result, lf);
                string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
                Console.WriteLine($"against {lf} ({sc.Clips} clips): purity {F(sc.Purity)}, coverage {F(sc.Coverage)}, ARI {F(sc.Ari)}, NMI {F(sc.Nmi)}, B-cubed F1 {F(sc.BCubedF1)}");
            }
            int skipped = result.Subfolders.Count(s => s.Skipped);
            Console.WriteLine($"{result.Speakers.Count()} speakers, {result.Speakers.Sum(s => s.Clips)} clips{(skipped > 0 ? $", {skipped} subfolder(s) already done" : "")}{(options.DryRun ? " (dry run: nothing written)" : $" -> {r.GetValue(output)}")}");
            return 0;
        });
        return cmd;
    }
}
