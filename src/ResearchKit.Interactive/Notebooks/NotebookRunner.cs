using System.Diagnostics;
using System.Text.Json.Nodes;
using ResearchKit.IO;

namespace ResearchKit.Interactive.Notebooks;

/// <summary>Options of <see cref="NotebookRunner"/>.</summary>
public sealed record NotebookRunOptions
{
    /// <summary>Folder for executed notebooks (default artifacts/notebooks under the repository).</summary>
    public string? OutputDirectory { get; init; }
    /// <summary>Write executed notebooks over the originals (to commit their outputs).</summary>
    public bool InPlace { get; init; }
    /// <summary>Per-cell time limit (nbconvert's ExecutePreprocessor.timeout).</summary>
    public TimeSpan CellTimeout { get; init; } = TimeSpan.FromMinutes(10);
    /// <summary>Build ResearchKit.Interactive (Release) before running, as the notebooks #r its output.</summary>
    public bool Build { get; init; } = true;

    /// <summary>Extra environment variables for jupyter and the kernel (e.g. <c>NUGET_PACKAGES</c>).</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }
}

/// <summary>The outcome of one notebook.</summary>
/// <param name="Notebook">Input path.</param>
/// <param name="Output">Where the executed notebook was written.</param>
/// <param name="Elapsed">Wall time of the execution.</param>
/// <param name="Errors">Error outputs (empty when the notebook ran clean).</param>
public sealed record NotebookResult(string Notebook, string Output, TimeSpan Elapsed, IReadOnlyList<NotebookError> Errors);

/// <summary>
/// Executes C# notebooks headless exactly as CI does (notebooks-platform recipe): <c>dotnet tool restore</c> (the repo
/// pins Microsoft.dotnet-interactive 1.0.712001), registers the .NET (C#) kernel in a private Jupyter folder with
/// <c>--http-local-only</c>, builds the library the notebooks reference, runs
/// <c>jupyter nbconvert --execute --allow-errors</c> per notebook, then cleans the outputs (<see cref="NotebookOutputs"/>)
/// and reports every error output with its notebook and cell.
/// </summary>
public static class NotebookRunner
{
    /// <summary>Runs the notebooks; progress goes to <paramref name="log"/>. Throws for unusable inputs or missing tools.</summary>
    public static IReadOnlyList<NotebookResult> Run(IReadOnlyList<string> notebooks, NotebookRunOptions options, TextWriter log)
    {
        if (notebooks.Count == 0) throw new InvalidParameterException("files", "no notebooks given; pass one or more .ipynb files, e.g. notebooks/*.ipynb.");
        // Check every input before starting anything slow.
        foreach (var nb in notebooks)
        {
            if (!File.Exists(nb)) throw new InvalidInputFileException(nb, "does not exist; pass existing .ipynb files.");
            NotebookOutputs.RequireCSharpKernel(NotebookOutputs.Parse(File.ReadAllText(nb), nb), nb);
        }
        string root = FindRepoRoot(Path.GetDirectoryName(Path.GetFullPath(notebooks[0]))!);
        string outDir = options.InPlace ? "" : Path.GetFullPath(options.OutputDirectory ?? Path.Combine(root, "artifacts", "notebooks"));
        if (!options.InPlace)
            foreach (var nb in notebooks)
                OutputLocation.RequireNotBeside(outDir, nb, "choose another --out folder, or pass --in-place to overwrite the notebooks with their outputs");
        string jupyter = File.Exists("/usr/bin/jupyter") ? "/usr/bin/jupyter" : "jupyter";
        string jupyterDir = Path.Combine(root, "artifacts", "jupyter");
        string kernels = Path.Combine(jupyterDir, "kernels");
        Directory.CreateDirectory(kernels);

        Step(log, "dotnet tool restore", "dotnet", ["tool", "restore"], root, null, "the .NET SDK");
        Step(log, "kernel registration", "dotnet", ["interactive", "jupyter", "install", "--path", kernels], root, null,
            "the local tool Microsoft.dotnet-interactive (pinned in .config/dotnet-tools.json) and jupyter (apt-get install jupyter-client python3-ipykernel)");
        PatchKernelSpec(Path.Combine(kernels, ".net-csharp", "kernel.json"));
        if (options.Build)
            Step(log, "build ResearchKit.Interactive (Release)", "dotnet",
                ["build", Path.Combine(root, "src", "ResearchKit.Interactive", "ResearchKit.Interactive.csproj"), "-c", "Release", "-nologo", "-v", "q"], root, null, "the .NET SDK");

        var env = new Dictionary<string, string> { ["JUPYTER_PATH"] = jupyterDir, ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1" };
        if (options.Environment is not null) foreach (var (k, v) in options.Environment) env[k] = v;
        var results = new List<NotebookResult>();
        foreach (var nb in notebooks)
        {
            string tmp = Path.Combine(Path.GetTempPath(), "researchkit-nb-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(tmp);
            try
            {
                var sw = Stopwatch.StartNew();
                Step(log, $"execute {nb}", jupyter,
                    ["nbconvert", "--to", "notebook", "--execute", "--allow-errors", $"--ExecutePreprocessor.timeout={(int)options.CellTimeout.TotalSeconds}",
                     "--ExecutePreprocessor.record_timing=False",
                     // The .NET kernel can take over a minute to start on a loaded 2-core machine (nbclient's default is 60 s).
                     "--ExecutePreprocessor.startup_timeout=300", "--ExecutePreprocessor.kernel_name=.net-csharp", "--output-dir", tmp, Path.GetFullPath(nb)],
                    root, env, "jupyter nbconvert (apt-get install jupyter-nbconvert python3-nbclient python3-ipykernel jupyter-client)");
                sw.Stop();
                string executed = Path.Combine(tmp, Path.GetFileName(nb));
                var doc = NotebookOutputs.Parse(File.ReadAllText(executed), executed);
                var errors = NotebookOutputs.Clean(doc, nb);
                string dest = options.InPlace ? Path.GetFullPath(nb) : Path.Combine(outDir, Path.GetFileName(nb));
                AtomicFile.WriteAllText(dest, NotebookOutputs.Format(doc));
                log.WriteLine($"   {nb}: {sw.Elapsed.TotalSeconds:0.0} s, {(errors.Count == 0 ? "ok" : errors.Count + " error(s)")} → {dest}");
                foreach (var e in errors) log.WriteLine("   " + e);
                results.Add(new NotebookResult(nb, dest, sw.Elapsed, errors));
            }
            finally
            {
                try { Directory.Delete(tmp, true); } catch (IOException) { }
            }
        }
        return results;
    }

    /// <summary>The folder holding ResearchKit.sln at or above <paramref name="start"/> (the notebooks #r paths are relative to it).</summary>
    public static string FindRepoRoot(string start)
    {
        for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "ResearchKit.sln"))) return d.FullName;
        throw new InvalidParameterException("files", $"no ResearchKit.sln above {start}; run notebooks that live inside a ResearchKit clone (their #r paths point at its build output).");
    }

    /// <summary>Adds <c>--http-local-only</c> to the kernel's argv so the injected probe lists only 127.0.0.1, not the host's addresses.</summary>
    internal static void PatchKernelSpec(string kernelJson)
    {
        if (!File.Exists(kernelJson))
            throw new MissingDependencyException(".NET (C#) Jupyter kernel spec", "to execute notebooks", $"`dotnet interactive jupyter install` did not write {kernelJson}; check the dotnet-interactive tool.");
        var spec = JsonNode.Parse(File.ReadAllText(kernelJson))!.AsObject();
        var argv = spec["argv"]!.AsArray();
        if (!argv.Any(a => a?.GetValue<string>() == "--http-local-only")) argv.Insert(argv.Count - 2, "--http-local-only");
        AtomicFile.WriteAllText(kernelJson, spec.ToJsonString(new() { WriteIndented = true }));
    }

    private static void Step(TextWriter log, string name, string exe, string[] args, string cwd, Dictionary<string, string>? env, string needs)
    {
        log.WriteLine($"== {name}");
        var psi = new ProcessStartInfo(exe) { WorkingDirectory = cwd, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (env is not null) foreach (var (k, v) in env) psi.Environment[k] = v;
        Process p;
        try { p = Process.Start(psi)!; }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new MissingDependencyException(exe, $"for the notebook step '{name}'", $"Install {needs}.", e);
        }
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            string tail = string.Join('\n', (stdout.Result + stderr.Result).Split('\n').TakeLast(25));
            throw new ResearchKitException($"notebook step '{name}' failed (exit {p.ExitCode}: {exe} {string.Join(' ', args)}). Needs {needs}. Output:\n{tail}");
        }
    }
}
