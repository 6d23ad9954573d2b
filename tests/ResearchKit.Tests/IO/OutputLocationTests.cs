using ResearchKit.IO;

namespace ResearchKit.Tests.IO;

/// <summary>The one "never write into an input folder" check, one test per case it decides.</summary>
public class OutputLocationTests
{
    private static readonly char Sep = Path.DirectorySeparatorChar;

    /// <summary>A fresh input folder holding one input file, a.wav.</summary>
    private static (string Folder, string File) Input()
    {
        string folder = Path.Combine(Fixtures.TempDir(), "data");
        Directory.CreateDirectory(folder);
        string file = Path.Combine(folder, "a.wav");
        File.WriteAllBytes(file, [0]);
        return (folder, file);
    }

    [Fact]
    public void OutputEqualToTheInputFolderIsRefused()
    {
        var (folder, _) = Input();
        var e = Assert.Throws<OutputException>(() => OutputLocation.RequireOutside(folder, folder));
        Assert.Equal($"{folder}: is the input folder {folder}; ResearchKit never writes into an input folder or over an input file — choose a path outside it, e.g. under out/.", e.Message);
        Assert.Equal(folder, e.Path);
    }

    [Fact]
    public void OutputInsideTheInputFolderIsRefusedAtAnyDepth()
    {
        var (folder, _) = Input();
        foreach (var output in new[] { Path.Combine(folder, "x.rttm"), Path.Combine(folder, "out", "deep", "x.rttm") })
        {
            var e = Assert.Throws<OutputException>(() => OutputLocation.RequireOutside(output, folder));
            Assert.Equal($"{output}: is inside the input folder {folder}; ResearchKit never writes into an input folder or over an input file — choose a path outside it, e.g. under out/.", e.Message);
        }
        // A relative output that resolves into the folder is caught too.
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(folder, "x.rttm"));
        Assert.Throws<OutputException>(() => OutputLocation.RequireOutside(relative, folder));
    }

    [Fact]
    public void SiblingFolderWithACommonNamePrefixIsAllowed()
    {
        var (folder, file) = Input();
        string sibling = folder + "2", output = Path.Combine(sibling, "x.rttm");
        Assert.False(OutputLocation.IsAtOrInside(output, folder));
        Assert.False(OutputLocation.IsAtOrInside(sibling, folder));
        OutputLocation.RequireOutside(output, folder);
        OutputLocation.RequireNotBeside(output, file);
        OutputLocation.RequireOutsideInputs(sibling, folder, file);
    }

    [Fact]
    public void TrailingSeparatorsDoNotMatter()
    {
        var (folder, _) = Input();
        Assert.True(OutputLocation.IsAtOrInside(folder + Sep, folder));
        Assert.True(OutputLocation.IsAtOrInside(folder, folder + Sep));
        Assert.True(OutputLocation.IsAtOrInside(Path.Combine(folder, "out") + Sep, folder + Sep + Sep));
        Assert.False(OutputLocation.IsAtOrInside(folder + "2" + Sep, folder + Sep));
        Assert.Throws<OutputException>(() => OutputLocation.RequireOutside(folder + Sep, folder));
        // The file-system root keeps its separator: everything is inside it.
        Assert.True(OutputLocation.IsAtOrInside(folder, Path.GetPathRoot(folder)!));
    }

    [Fact]
    public void CaseFollowsThePlatformsFileSystem()
    {
        var (folder, _) = Input();
        string output = Path.Combine(Path.GetDirectoryName(folder)!, "DATA", "x.rttm");
        // Linux file systems are case-sensitive (DATA is another folder); Windows and macOS ones are not.
        bool insensitive = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS();
        Assert.Equal(insensitive, OutputLocation.IsAtOrInside(output, folder));
    }

    [Fact]
    public void AnInputFileIsProtectedButNotItsFolderByRequireOutside()
    {
        var (folder, file) = Input();
        var e = Assert.Throws<OutputException>(() => OutputLocation.RequireOutside(file, file));
        Assert.Contains($"is the input file {file};", e.Message);
        OutputLocation.RequireOutside(Path.Combine(folder, "score.txt"), file);
    }

    [Fact]
    public void RequireNotBesideRefusesTheInputFilesFolderButAllowsASubfolder()
    {
        var (folder, file) = Input();
        var e = Assert.Throws<OutputException>(() => OutputLocation.RequireNotBeside(Path.Combine(folder, "a.rttm"), file, "use --out out/a.rttm"));
        Assert.Equal($"{Path.Combine(folder, "a.rttm")}: is inside the input folder {folder}; ResearchKit never writes into an input folder or over an input file — use --out out/a.rttm.", e.Message);
        Assert.Throws<OutputException>(() => OutputLocation.RequireNotBeside(file, file));
        Assert.Throws<OutputException>(() => OutputLocation.RequireNotBeside(folder, file));
        OutputLocation.RequireNotBeside(Path.Combine(folder, "out", "a.rttm"), file);
    }

    [Fact]
    public void RequireOutsideInputsTreatsFoldersAsTreesAndFilesByTheirFolder()
    {
        var (folder, file) = Input();
        string nested = Path.Combine(folder, "out", "a.rttm");
        Assert.Throws<OutputException>(() => OutputLocation.RequireOutsideInputs(nested, null, folder));
        OutputLocation.RequireOutsideInputs(nested, null, file);
        Assert.Throws<OutputException>(() => OutputLocation.RequireOutsideInputs(Path.Combine(folder, "a.rttm"), file));
    }
}
