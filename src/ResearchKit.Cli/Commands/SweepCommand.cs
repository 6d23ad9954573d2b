using System.CommandLine;
using System.Globalization;
using ResearchKit.Datasets;
using ResearchKit.Experiments;
using ResearchKit.IO;
using ResearchKit.Scoring;

namespace ResearchKit.Cli.Commands;

/// <summary><c>researchkit sweep</c>: DER over a parameter grid (embeddings cached: a threshold sweep re-clusters only).</summary>
internal static class SweepCommand
{
    public static Command Create()
    {
        var dataset = EvaluateCommand.DatasetOption(); var root = EvaluateCommand.RootOption(); var subset = EvaluateCommand.SubsetOption();
        var collar = EvaluateCommand.CollarOption(); var parallel = EvaluateCommand.ParallelOption();
        var param = new Option<string[]>("--param") { Description = "name=start:stop:step or name=v1,v2 (e.g. clustering.threshold=0.5:1.3:0.05); repeatable.", Required = true, AllowMultipleArgumentsPerToken = false };
        var cache = new Option<string?>("--cache") { Description = "Folder for the on-disk embedding cache (reused across runs)." };
        var output = new Option<string?>("--out") { Description = "Write results.csv/json of every grid point here." };
        var args = new PipelineArgs();
        var cmd = new Command("sweep", "DER curve over a parameter grid; prints the best value.") { dataset, root, subset, collar, parallel, param, cache, output };
        args.AddTo(cmd);
        cmd.SetAction(r =>
        {
            string rootDir = r.GetValue(root)!;
            if (r.GetValue(output) is { } o) OutputLocation.RequireOutsideInputs(o, rootDir);
            if (r.GetValue(cache) is { } c) OutputLocation.RequireOutsideInputs(c, rootDir);
            var ds = Dataset.Open(r.GetValue(dataset)!, rootDir, r.GetValue(subset)!);
            var grid = ParameterGrid.Parse(r.GetValue(param)!);
            var embedder = args.OpenEmbedder(r);
            string method = r.GetValue(args.Pipeline)!;
            foreach (var a in grid.Axes)
                if (!PipelineFactory.Parameters(method).Contains(a.Key))
                    throw new InvalidParameterException("--param", $"'{a.Key}' is not a parameter of the {method} pipeline; use one of {string.Join(", ", PipelineFactory.Parameters(method))}.");
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var vad = args.VadFor(r);
            var table = Sweep.Run(ds, grid, p => PipelineFactory.Create(method, p, embedder, r.GetValue(args.Models), vad),
                new EmbeddingCache(r.GetValue(cache)), DerOptions.MdEval with { Collar = r.GetValue(collar) }, r.GetValue(parallel),
                new Progress<ExperimentProgress>(p => Console.Error.Write($"\r[{p.Done}/{p.Total}]")), args.Audio(r));
            Console.Error.WriteLine();
            var ci = CultureInfo.InvariantCulture;
            var points = grid.Points().ToList();
            var summary = table.Summary();
            Console.WriteLine(string.Format(ci, "{0,-40} {1,8} {2,7} {3,7} {4,7} {5,8}", "point", "DER %", "miss", "FA", "conf", "|Δspk|"));
            for (int i = 0; i < summary.Count; i++)
                Console.WriteLine(string.Format(ci, "{0,-40} {1,8:0.00} {2,7:0.00} {3,7:0.00} {4,7:0.00} {5,8:0.00}", ParameterGrid.Describe(points[i]),
                    summary[i].DerPercent, summary[i].MissedPercent, summary[i].FalseAlarmPercent, summary[i].ConfusionPercent, summary[i].MeanAbsSpeakerCountError));
            int best = Enumerable.Range(0, summary.Count).MinBy(i => summary[i].DerPercent);
            Console.WriteLine(string.Format(ci, "best: {0} (DER {1:0.00} %), {2} points × {3} files in {4:0.0} s",
                ParameterGrid.Describe(points[best]), summary[best].DerPercent, points.Count, ds.Items.Count, sw.Elapsed.TotalSeconds));
            if (r.GetValue(output) is { } od) table.Write(od);
            return 0;
        });
        return cmd;
    }
}
