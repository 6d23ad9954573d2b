namespace ResearchKit.Plotting;

/// <summary>
/// Locates plotly.js (npm <c>plotly.js-dist-min</c>, <see cref="Version"/>), which the build step <c>FetchPlotlyJs</c>
/// (src/ResearchKit/Plotting/PlotlyJs.targets) fetches with <c>npm pack</c> and copies next to ResearchKit.dll as
/// <c>plotly/plotly.min.js</c>. Figures never load plotly.js from a CDN.
/// </summary>
public static class PlotlyJs
{
    /// <summary>The pinned plotly.js version.</summary>
    public const string Version = "4.1.2";

    /// <summary>Environment variable that overrides the location (path to a plotly.min.js file).</summary>
    public const string EnvironmentVariable = "RESEARCHKIT_PLOTLYJS";

    /// <summary>Full path of plotly.min.js; throws <see cref="MissingDependencyException"/> naming the build step when absent.</summary>
    public static string Locate() => Locate(Candidates());

    /// <summary>The places searched, in order: <see cref="EnvironmentVariable"/>, next to ResearchKit.dll, next to the
    /// application, the repository's build cache artifacts/plotlyjs/.</summary>
    public static IEnumerable<string> Candidates()
    {
        var env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(env)) yield return env;
        var asmDir = Path.GetDirectoryName(typeof(PlotlyJs).Assembly.Location);
        if (!string.IsNullOrEmpty(asmDir)) yield return Path.Combine(asmDir, "plotly", "plotly.min.js");
        yield return Path.Combine(AppContext.BaseDirectory, "plotly", "plotly.min.js");
        for (var d = string.IsNullOrEmpty(asmDir) ? null : new DirectoryInfo(asmDir); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "ResearchKit.sln")))
            {
                yield return Path.Combine(d.FullName, "artifacts", "plotlyjs", Version, "plotly.min.js");
                break;
            }
    }

    /// <summary>The first existing file among <paramref name="candidates"/>, or the missing-dependency error.</summary>
    public static string Locate(IEnumerable<string> candidates)
    {
        var tried = new List<string>();
        foreach (var c in candidates)
        {
            if (File.Exists(c)) return Path.GetFullPath(c);
            tried.Add(c);
        }
        throw new MissingDependencyException($"plotly.js {Version} (plotly.min.js)", "to render figures to HTML, PNG or SVG",
            $"It is fetched at build time by the MSBuild step FetchPlotlyJs (src/ResearchKit/Plotting/PlotlyJs.targets runs " +
            $"`npm pack plotly.js-dist-min@{Version}`): install node and npm, make sure npm can reach its registry, and rebuild " +
            $"(`dotnet build`); or set {EnvironmentVariable} to a plotly.min.js file. Looked in: {string.Join(", ", tried)}.");
    }
}
