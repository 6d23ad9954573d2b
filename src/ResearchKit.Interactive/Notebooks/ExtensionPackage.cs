using System.IO.Compression;
using ResearchKit.IO;

namespace ResearchKit.Interactive.Notebooks;

/// <summary>
/// Writes ResearchKit.Interactive as a NuGet package in the layout dotnet-interactive loads kernel extensions from:
/// every DLL of the build folder under <c>lib/net10.0/</c> (with <c>plotly/plotly.min.js</c> and, optionally, the ONNX
/// Runtime natives under <c>runtimes/</c>) and <c>ResearchKit.Interactive.dll</c> again under
/// <c>interactive-extensions/dotnet/</c>, as Plotly.NET.Interactive ships. In a notebook,
/// <c>#i "nuget: &lt;folder&gt;"</c> then <c>#r "nuget: ResearchKit.Interactive.Local, &lt;version&gt;"</c> registers the formatters
/// without calling <see cref="ResearchKitFormatters.Register"/>: the kernel (1.0.712001, PackageDirectoryExtensionLoader)
/// runs <see cref="ResearchKitKernelExtension"/> only for packages, never on <c>#r</c> of a DLL path.
/// </summary>
public static class ExtensionPackage
{
    /// <summary>The package id.</summary>
    public const string Id = "ResearchKit.Interactive.Local";

    /// <summary>
    /// Packs <paramref name="buildDir"/> (the build output of ResearchKit.Interactive, which holds every runtime dependency
    /// except the kernel's own assemblies) into <c>&lt;outputDir&gt;/researchkit.interactive.local.&lt;version&gt;.nupkg</c>;
    /// returns its path. NuGet caches a package by id and version: give a new version for every changed build.
    /// </summary>
    public static string Write(string buildDir, string outputDir, string version, bool includeNative = true)
    {
        string main = Path.Combine(buildDir, "ResearchKit.Interactive.dll");
        if (!File.Exists(main))
            throw new InvalidInputFileException(buildDir, "has no ResearchKit.Interactive.dll; build it first (dotnet build src/ResearchKit.Interactive -c Release) and pass its bin/Release/net10.0 folder.");
        if (string.IsNullOrWhiteSpace(version) || version.Any(c => !(char.IsLetterOrDigit(c) || c is '.' or '-')))
            throw new InvalidParameterException("version", $"'{version}' is not a NuGet version; use e.g. 0.1.0 or 0.1.0-local.3.");
        string nupkg = Path.Combine(outputDir, $"{Id.ToLowerInvariant()}.{version}.nupkg");
        string nuspec = $"""
            <?xml version="1.0" encoding="utf-8"?>
            <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
              <metadata>
                <id>{Id}</id>
                <version>{version}</version>
                <authors>ResearchKit</authors>
                <description>ResearchKit notebook formatters as a .NET Interactive kernel extension (local build).</description>
              </metadata>
            </package>
            """;
        var files = Directory.GetFiles(buildDir, "*.dll").Select(f => (f, "lib/net10.0/" + Path.GetFileName(f))).ToList();
        string plotly = Path.Combine(buildDir, "plotly", "plotly.min.js");
        if (File.Exists(plotly)) files.Add((plotly, "lib/net10.0/plotly/plotly.min.js"));
        string runtimes = Path.Combine(buildDir, "runtimes");
        if (includeNative && Directory.Exists(runtimes))
            files.AddRange(Directory.GetFiles(runtimes, "*", SearchOption.AllDirectories)
                .Select(f => (f, "runtimes/" + Path.GetRelativePath(runtimes, f).Replace('\\', '/'))));
        files.Add((main, "interactive-extensions/dotnet/ResearchKit.Interactive.dll"));
        AtomicFile.Write(nupkg, stream =>
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            using (var w = new StreamWriter(zip.CreateEntry(Id + ".nuspec").Open())) w.Write(nuspec);
            foreach (var (src, entry) in files) zip.CreateEntryFromFile(src, entry, CompressionLevel.Fastest);
        });
        return nupkg;
    }
}
