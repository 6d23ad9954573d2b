using System.IO.Compression;
using System.Reflection;
using System.Text.Json.Nodes;
using ResearchKit.Interactive.Notebooks;

namespace ResearchKit.Tests.Interactive;

/// <summary>The kernel-extension package: layout, and auto-registration in the real kernel (jupyter + chromium, installed by .ci/run).</summary>
[Collection("Notebook kernel")]
public class ExtensionPackageTests
{
    private static string InteractiveBuildDir()
    {
        string root = NotebookRunner.FindRepoRoot(AppContext.BaseDirectory);
        string config = typeof(ExtensionPackageTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        return Path.Combine(root, "src", "ResearchKit.Interactive", "bin", config, "net10.0");
    }

    [Fact]
    public void Package_HasLibAndInteractiveExtensionsLayout()
    {
        string nupkg = ExtensionPackage.Write(InteractiveBuildDir(), Fixtures.TempDir(), "0.0.1-test", includeNative: false);
        using var zip = ZipFile.OpenRead(nupkg);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet();
        Assert.Contains("ResearchKit.Interactive.Local.nuspec", entries);
        Assert.Contains("interactive-extensions/dotnet/ResearchKit.Interactive.dll", entries);
        Assert.Contains("lib/net10.0/ResearchKit.Interactive.dll", entries);
        Assert.Contains("lib/net10.0/ResearchKit.dll", entries);
        Assert.Contains("lib/net10.0/plotly/plotly.min.js", entries);
        // The kernel's own assemblies must not ship (two copies would clash).
        Assert.DoesNotContain(entries, e => e.Contains("Microsoft.DotNet.Interactive", StringComparison.Ordinal));
        Assert.Equal("nupkg", Path.GetExtension(nupkg).TrimStart('.'));
    }

    [Fact]
    public void BadInput_BuildFolderWithoutTheAssembly_AndBadVersion()
    {
        var e = Assert.Throws<InvalidInputFileException>(() => ExtensionPackage.Write(Fixtures.TempDir(), Fixtures.TempDir(), "1.0.0"));
        Assert.Contains("ResearchKit.Interactive.dll", e.Message);
        var v = Assert.Throws<InvalidParameterException>(() => ExtensionPackage.Write(InteractiveBuildDir(), Fixtures.TempDir(), "1.0 beta"));
        Assert.Contains("version", v.Message);
    }

    [Fact]
    public void EndToEnd_NugetReferenceOfThePackage_RegistersFormatters_WithoutRegisterCall()
    {
        // #r of a DLL path runs no kernel extension; #r "nuget:" of the package does (PackageDirectoryExtensionLoader).
        string feed = Fixtures.TempDir();
        string version = "0.0.0-test." + DateTime.UtcNow.Ticks;
        ExtensionPackage.Write(InteractiveBuildDir(), feed, version, includeNative: false);
        string root = NotebookRunner.FindRepoRoot(AppContext.BaseDirectory);
        string nbDir = Path.Combine(root, "artifacts", "test-notebooks", Guid.NewGuid().ToString("N")); // the runner needs notebooks inside the clone
        Directory.CreateDirectory(nbDir);
        try
        {
            static JsonObject Cell(string id, string src) => new()
            {
                ["cell_type"] = "code", ["execution_count"] = null, ["id"] = id, ["outputs"] = new JsonArray(), ["source"] = src,
                ["metadata"] = new JsonObject { ["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" } },
            };
            var nb = new JsonObject
            {
                ["cells"] = new JsonArray(
                    Cell("load", $"#i \"nuget: {feed}\"\n#r \"nuget: {ExtensionPackage.Id}, {version}\""),
                    Cell("figure", "new ResearchKit.Plotting.Figure(new ResearchKit.Plotting.Scatter { X = new[] { 0.0, 1 }, Y = new[] { 0.0, 1 } })")),
                ["metadata"] = new JsonObject { ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" } },
                ["nbformat"] = 4, ["nbformat_minor"] = 5,
            };
            string path = Path.Combine(nbDir, "extension.ipynb");
            File.WriteAllText(path, nb.ToJsonString());
            string outDir = Fixtures.TempDir();
            var r = Assert.Single(NotebookRunner.Run([path], new NotebookRunOptions
            {
                OutputDirectory = outDir, Build = false,
                Environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Fixtures.TempDir() },   // keep the user's package cache clean
            }, TextWriter.Null));
            Assert.Empty(r.Errors);
            var cells = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "extension.ipynb")))!["cells"]!.AsArray();
            Assert.Contains("Loading extensions from", cells[0]!["outputs"]!.ToJsonString());
            var figure = Assert.Single(cells[1]!["outputs"]!.AsArray())!;
            Assert.StartsWith("iVBORw0KGgo", figure["data"]!["image/png"]!.ToString());   // a PNG, not the default tree view
        }
        finally { Directory.Delete(nbDir, true); }
    }
}
