using System.CommandLine;
using System.Globalization;
using ResearchKit.Annotations;
using ResearchKit.Datasets;
using ResearchKit.Experiments;
using ResearchKit.IO;
using ResearchKit.Scoring;

namespace ResearchKit.Cli.Commands;

/// <summary><c>researchkit evaluate</c>: a pipeline over a dataset (or one shard of it) → one RTTM per file, der.json, results.csv/json.</summary>
internal static class EvaluateCommand
{
    internal static Option<string> DatasetOption() => new("--dataset") { Description = "voxconverse | rttm-folder (audio/ rttm/ [uem/], or all files side by side).", DefaultValueFactory = _ => "rttm-folder" };
    internal static Option<string> RootOption() => new("--root") { Description = "Dataset root folder.", Required = true };
    internal static Option<string> SubsetOption() => new("--subset") { Description = "VoxConverse subset: dev | test.", DefaultValueFactory = _ => "dev" };
    internal static Option<bool> StrictOption() => new("--strict") { Description = "Fail when some reference has no audio (or audio no reference)." };
    internal static Option<double> CollarOption() => new("--collar") { Description = "Collar in seconds on each side of reference boundaries (md-eval -c).", DefaultValueFactory = _ => 0.0 };
    internal static Option<int> ParallelOption() => new("--parallel") { Description = "Files processed at once.", DefaultValueFactory = _ => Environment.ProcessorCount };

    public static Command Create()
    {
        var dataset = DatasetOption(); var root = RootOption(); var subset = SubsetOption(); var strict = StrictOption();
        var collar = CollarOption(); var parallel = ParallelOption();
        var shard = new Option<string?>("--shard") { Description = "k/N: process only shard k of N (deterministic partition of the sorted file ids), for job arrays." };
        var output = new Option<string>("--out") { Description = "Output folder (RTTMs, der.json, results.csv/json).", Required = true };
        var args = new PipelineArgs();
        var cmd = new Command("evaluate", "Run a pipeline over a dataset and score it (DER/JER per file and total).")
        {
            dataset, root, subset, strict, collar, parallel, shard, output,
        };
        args.AddTo(cmd);
        cmd.SetAction(r =>
        {
            string rootDir = r.GetValue(root)!, outDir = r.GetValue(output)!;
            OutputLocation.RequireOutsideInputs(outDir, rootDir);
            var ds = Dataset.Open(r.GetValue(dataset)!, rootDir, r.GetValue(subset)!, r.GetValue(strict));
            if (!ds.Pairing.IsComplete) Console.Error.WriteLine($"warning: {ds.Pairing} (skipped; --strict makes this an error)");
            if (r.GetValue(shard) is { } sh) { var (k, n) = Dataset.ParseShard(sh); ds = ds.Shard(k, n); }
            var pipeline = args.Create(r);
            var der = DerOptions.MdEval with { Collar = r.GetValue(collar) };
            var count = args.Count(r);
            var runner = new ExperimentRunner { MaxParallelism = r.GetValue(parallel), Der = der, CountHint = (_, _) => count, Audio = args.Audio(r) };
            var progress = new Progress<ExperimentProgress>(p => Console.Error.Write($"\r[{p.Done}/{p.Total}] {p.File,-20}"));
            var runs = runner.Run(ds, [pipeline], progress);
            Console.Error.WriteLine();
            (pipeline as IDisposable)?.Dispose();
            foreach (var run in runs) Rttm.Write(Path.Combine(outDir, run.Row.File + ".rttm"), [run.Hypothesis]);
            var table = new ResultTable(runs.Select(x => x.Row));
            table.Write(outDir);
            AtomicFile.WriteAllText(Path.Combine(outDir, "der.json"), table.ToDerJson(pipeline.Name, der, UemDescription(ds)));
            PrintSummary(table);
            Console.WriteLine($"-> {outDir}/der.json, results.csv, {runs.Count} RTTMs");
            return 0;
        });
        return cmd;
    }

    /// <summary>What der.json's options.uem says: the one UEM file, the folder of several per-file UEMs, or null (none).</summary>
    internal static string? UemDescription(Dataset ds)
    {
        var uems = ds.Items.Select(i => i.UemPath).OfType<string>().Distinct().ToList();
        if (uems.Count <= 1) return uems.FirstOrDefault();
        var dirs = uems.Select(Path.GetDirectoryName).Distinct().ToList();
        return dirs.Count == 1 ? Path.Combine(dirs[0]!, "<id>.uem") : "per-file UEMs of the dataset";
    }

    internal static void PrintSummary(ResultTable table)
    {
        var ci = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Format(ci, "{0,-48} {1,5} {2,8} {3,7} {4,7} {5,7} {6,8} {7,7}", "config", "files", "DER %", "miss", "FA", "conf", "|Δspk|", "RTF"));
        foreach (var s in table.Summary())
            Console.WriteLine(string.Format(ci, "{0,-48} {1,5} {2,8:0.00} {3,7:0.00} {4,7:0.00} {5,7:0.00} {6,8:0.00} {7,7:0.000}",
                s.Config, s.Files, s.DerPercent, s.MissedPercent, s.FalseAlarmPercent, s.ConfusionPercent, s.MeanAbsSpeakerCountError, s.RealTimeFactor));
    }
}
