using System.CommandLine;
using ResearchKit.Interactive.Notebooks;

namespace ResearchKit.Cli.Commands;

/// <summary><c>researchkit notebook run &lt;files…&gt; [--out dir | --in-place]</c>: executes C# notebooks headless as CI does.</summary>
internal static class NotebookCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "Notebooks (.ipynb) to execute", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--out") { Description = "Folder for the executed notebooks (default artifacts/notebooks)" };
        var inPlace = new Option<bool>("--in-place") { Description = "Overwrite the notebooks with their outputs (to commit them)" };
        var noBuild = new Option<bool>("--no-build") { Description = "Do not build ResearchKit.Interactive (Release) first" };
        var run = new Command("run", "Execute notebooks headless (dotnet tool restore, kernel registration, jupyter nbconvert --execute), strip the kernel's bootstrap block, and fail naming the notebook and cell of any error output.");
        run.Arguments.Add(files);
        run.Options.Add(output);
        run.Options.Add(inPlace);
        run.Options.Add(noBuild);
        run.SetAction(parse =>
        {
            var results = NotebookRunner.Run(parse.GetValue(files) ?? [],
                new NotebookRunOptions { OutputDirectory = parse.GetValue(output), InPlace = parse.GetValue(inPlace), Build = !parse.GetValue(noBuild) },
                Console.Out);
            var errors = results.SelectMany(r => r.Errors).ToList();
            foreach (var e in errors) Console.Error.WriteLine("error: " + e);
            Console.WriteLine($"notebooks: {results.Count - results.Count(r => r.Errors.Count > 0)} ok, {results.Count(r => r.Errors.Count > 0)} failed, {results.Sum(r => r.Elapsed.TotalSeconds):0} s");
            return errors.Count == 0 ? 0 : 1;
        });
        var notebook = new Command("notebook", "Polyglot notebooks: run them headless.");
        notebook.Subcommands.Add(run);
        return notebook;
    }
}
