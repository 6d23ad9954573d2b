namespace ResearchKit.Tests;

/// <summary>Locates files under the repository (tests/fixtures, data) from the test's output folder.</summary>
public static class Fixtures
{
    private static readonly Lazy<string> Root = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "ResearchKit.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("ResearchKit.sln not found above " + AppContext.BaseDirectory);
    });

    /// <summary>The repository root (the folder holding ResearchKit.sln).</summary>
    public static string RepoRoot => Root.Value;

    /// <summary>Path of a file under tests/fixtures, e.g. <c>Fixtures.Path("features", "x.npy")</c>.</summary>
    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([RepoRoot, "tests", "fixtures", .. parts]);

    /// <summary>Path of a file under data/.</summary>
    public static string Data(params string[] parts) =>
        System.IO.Path.Combine([RepoRoot, "data", .. parts]);

    /// <summary>A fresh temporary folder for one test's outputs (never inside an input folder).</summary>
    public static string TempDir()
    {
        var d = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "researchkit-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(d);
        return d;
    }
}
