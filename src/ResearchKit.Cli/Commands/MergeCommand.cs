using System.CommandLine;
using ResearchKit.Experiments;
using ResearchKit.IO;
using ResearchKit.Scoring;

namespace ResearchKit.Cli.Commands;

/// <summary><c>researchkit merge</c>: combines the outputs of <c>evaluate --shard k/N</c> runs into one report.</summary>
internal static class MergeCommand
{
    public static Command Create()
    {
        var shards = new Argument<string[]>("shards") { Description = "Shard output folders (each holding results.csv and RTTMs).", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "Merged output folder.", Required = true };
        var collar = new Option<double>("--collar") { Description = "Collar the shards were evaluated with (recorded in der.json; scores are not recomputed).", DefaultValueFactory = _ => 0.0 };
        var cmd = new Command("merge", "Merge evaluate --shard outputs into one der.json / results.csv.") { shards, output, collar };
        cmd.SetAction(r =>
        {
            var dirs = r.GetValue(shards)!;
            string outDir = r.GetValue(output)!;
            var rows = new List<ResultRow>();
            foreach (var d in dirs)
            {
                OutputLocation.RequireOutside(outDir, d, "merge into a new folder outside the shard folders");
                rows.AddRange(ResultTable.ReadCsv(Path.Combine(d, "results.csv")).Rows);
                foreach (var f in Directory.GetFiles(d, "*.rttm")) AtomicFile.WriteAllBytes(Path.Combine(outDir, Path.GetFileName(f)), File.ReadAllBytes(f));
            }
            var dup = rows.GroupBy(x => (x.Config, x.File)).FirstOrDefault(g => g.Count() > 1);
            if (dup is not null) throw new InvalidInputFileException(dup.Key.File, $"file '{dup.Key.File}' appears in several shards for '{dup.Key.Config}'; give each shard once.");
            var table = new ResultTable(rows.OrderBy(x => x.Config, StringComparer.Ordinal).ThenBy(x => x.File, StringComparer.Ordinal));
            table.Write(outDir);
            var der = DerOptions.MdEval with { Collar = r.GetValue(collar) };
            foreach (var c in table.Configs)
                AtomicFile.WriteAllText(Path.Combine(outDir, table.Configs.Count == 1 ? "der.json" : $"der_{c}.json"), table.ToDerJson(c, der));
            EvaluateCommand.PrintSummary(table);
            Console.WriteLine($"{rows.Count} rows from {dirs.Length} shards -> {outDir}");
            return 0;
        });
        return cmd;
    }
}
