using System.CommandLine;
using System.Globalization;
using ResearchKit.Datasets;
using ResearchKit.Experiments;
using ResearchKit.IO;

namespace ResearchKit.Cli.Commands;

/// <summary><c>researchkit compare</c>: frame-MFCC clustering vs window-embedding clustering on bundled real conversations,
/// DER table with paired bootstrap and an HTML report (the README's main job).</summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Dataset folder (rttm-folder layout).", DefaultValueFactory = _ => DefaultData() };
        var output = new Option<string>("--out") { Description = "Report folder.", DefaultValueFactory = _ => Path.Combine("out", "compare") };
        var embedder = PipelineArgs.EmbedderOption();
        var vad = PipelineArgs.VadOption();
        var channel = PipelineArgs.ChannelOption();
        var parallel = EvaluateCommand.ParallelOption();
        var cmd = new Command("compare", "Frame-MFCC clustering vs window-embedding clustering: DER table, paired bootstrap, HTML report.")
        {
            data, output, embedder, vad, channel, parallel,
        };
        cmd.SetAction(r =>
        {
            string d = r.GetValue(data)!, o = r.GetValue(output)!;
            OutputLocation.RequireOutsideInputs(o, d);
            var ds = Dataset.RttmFolder(d, strict: true);
            var emb = PipelineFactory.OpenEmbedder(r.GetValue(embedder)!);
            var v = r.GetValue(vad) is { } vs ? Pipelines.VadChoice.Parse(vs) : null;
            var a = PipelineFactory.Create("frames", vad: v);
            var b = PipelineFactory.Create("windows", null, emb, vad: v);
            Console.Error.WriteLine($"{ds.Items.Count} files from {d}: {a.Name} vs {b.Name}");
            var res = Comparison.Run(ds, a, b, r.GetValue(parallel), new Progress<ExperimentProgress>(p => Console.Error.Write($"\r[{p.Done}/{p.Total}] {p.Config} {p.File}          ")),
                audio: PipelineArgs.ParseChannel(r.GetValue(channel)));
            Console.Error.WriteLine();
            Comparison.WriteReport(res, o);
            Console.WriteLine("DER % (md-eval conventions, overlap scored; c0 = collar 0, c.25 = collar 0.25 s)");
            Console.Write(Comparison.FormatTable(res));
            Console.WriteLine($"collar 0:    {res.Bootstrap0}");
            Console.WriteLine($"collar 0.25: {res.Bootstrap025}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{res.Seconds:0.0} s -> {Path.Combine(o, "report.html")}"));
            return 0;
        });
        return cmd;
    }

    /// <summary>data/conversations of the repository (found upwards from the working directory, then from the binary).</summary>
    private static string DefaultData()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var p = Path.Combine(dir.FullName, "data", "conversations");
                if (Directory.Exists(p)) return p;
            }
        }
        return Path.Combine("data", "conversations");
    }
}
