using System.CommandLine;
using ResearchKit.Annotations;
using ResearchKit.IO;
using ResearchKit.Scoring;

namespace ResearchKit.Cli.Commands;

/// <summary><c>researchkit score</c>: DER/JER of hypothesis RTTMs against reference RTTMs (md-eval-22.pl or dscore conventions).</summary>
internal static class ScoreCommand
{
    public static Command Create()
    {
        var refOpt = new Option<string>("--ref") { Description = "Reference RTTM file or folder of *.rttm files.", Required = true };
        var hypOpt = new Option<string>("--hyp") { Description = "Hypothesis RTTM file or folder of *.rttm files.", Required = true };
        var uemOpt = new Option<string?>("--uem") { Description = "UEM file with the scored regions (default: the scorer's own rule, see README)." };
        var collarOpt = new Option<double>("--collar") { Description = "No-score collar in seconds on EACH side of every reference boundary (md-eval -c). pyannote.metrics' collar is the total width: pass half of it.", DefaultValueFactory = _ => 0.0 };
        var skipOpt = new Option<bool>("--skip-overlap") { Description = "Exclude regions where 2+ reference turns overlap (md-eval -1, dscore --ignore_overlaps)." };
        var scorerOpt = new Option<string>("--scorer") { Description = "Conventions to follow: md-eval (md-eval-22.pl) or dscore.", DefaultValueFactory = _ => "md-eval" };
        scorerOpt.AcceptOnlyFromAmong("md-eval", "dscore");
        var formatOpt = new Option<string>("--format") { Description = "Output format: table, csv, json or md.", DefaultValueFactory = _ => "table" };
        formatOpt.AcceptOnlyFromAmong("table", "csv", "json", "md");
        var outOpt = new Option<string?>("--out") { Description = "Write the output to this file (atomically) instead of stdout." };
        var allowOpt = new Option<bool>("--allow-missing") { Description = "Score files present on one side only (all missed / all false alarm, stated in the output) instead of failing; also accept a UEM that does not cover every file." };
        var noJerOpt = new Option<bool>("--no-jer") { Description = "Skip JER (faster for sweeps)." };

        var cmd = new Command("score", "Diarization error rate (and JER) per file with a TOTAL row, identical to md-eval-22.pl or dscore.")
        {
            refOpt, hypOpt, uemOpt, collarOpt, skipOpt, scorerOpt, formatOpt, outOpt, allowOpt, noJerOpt,
        };
        cmd.SetAction(parse => Run(parse.GetValue(refOpt)!, parse.GetValue(hypOpt)!, parse.GetValue(uemOpt), parse.GetValue(collarOpt),
            parse.GetValue(skipOpt), parse.GetValue(scorerOpt)!, parse.GetValue(formatOpt)!, parse.GetValue(outOpt),
            parse.GetValue(allowOpt), !parse.GetValue(noJerOpt)));
        return cmd;
    }

    internal static int Run(string refPath, string hypPath, string? uemPath, double collar, bool skipOverlap, string scorer,
        string format, string? outPath, bool allowMissing, bool jer)
    {
        var options = new DerOptions
        {
            Convention = scorer == "dscore" ? ScorerConvention.Dscore : ScorerConvention.MdEval,
            Collar = collar,
            SkipOverlap = skipOverlap,
            ComputeJer = jer,
        }.Validate();
        // Only the input files themselves are protected: a hypothesis usually sits in an earlier run's output folder,
        // and the score belongs next to it. Input folders are protected as a whole tree.
        if (outPath is not null)
            foreach (var input in new[] { refPath, hypPath, uemPath })
                if (input is not null) OutputLocation.RequireOutside(outPath, input);

        var reference = Rttm.ReadAnnotations(refPath);
        var hypothesis = Rttm.ReadAnnotations(hypPath);
        var uem = uemPath is null ? null : Uem.Read(uemPath);
        var report = DiarizationScorer.Score(reference, hypothesis, options, uem);

        if (!allowMissing)
        {
            var problems = new List<string>();
            if (report.MissingInHypothesis.Count > 0) problems.Add($"reference files without hypothesis: {List(report.MissingInHypothesis)}");
            if (report.MissingInReference.Count > 0) problems.Add($"hypothesis files without reference: {List(report.MissingInReference)}");
            if (report.NotInUem.Count > 0) problems.Add($"files not covered by the UEM {uemPath}: {List(report.NotInUem)}");
            if (problems.Count > 0)
                throw new InvalidParameterException("--ref/--hyp",
                    string.Join("; ", problems) + ". Files pair by file id (RTTM field 2): fix the inputs, or pass --allow-missing to score them as all missed / all false alarm (stated in the output).");
        }
        if (format is "json" or "csv")   // table and md list warnings in their footer
            foreach (var w in report.Warnings) Console.Error.WriteLine($"warning: {w}");

        var text = ScoreReportFormat.Render(report, format switch
        {
            "csv" => ScoreFormat.Csv,
            "json" => ScoreFormat.Json,
            "md" => ScoreFormat.Markdown,
            _ => ScoreFormat.Table,
        }, uemPath, allowMissing);
        if (outPath is null) Console.Out.Write(text);
        else AtomicFile.WriteAllText(outPath, text);
        return 0;
    }

    private static string List(IReadOnlyList<string> ids) =>
        ids.Count <= 10 ? string.Join(", ", ids) : string.Join(", ", ids.Take(10)) + $" and {ids.Count - 10} more";
}
