using ResearchKit.Corpus;

namespace ResearchKit.Tests.Corpus;

public class ClusterDirWriterTests
{
    private static (string In, List<SubfolderPlan> Plans) Input()
    {
        string root = Fixtures.TempDir();
        string input = Path.Combine(root, "in");
        CorpusTestData.AddClips(input, "andaiafm_F20201105", ("mclip-00000003", 500), ("mclip-00000004", 700), ("mclip-00000005", 500));
        CorpusTestData.AddClips(input, "andaiafm_M20201105", ("mclip-00000001", 200), ("mclip-00000002", 200));
        var scan = ClipFolder.Scan(input);
        var plans = new List<SubfolderPlan>
        {
            SubfolderPlan.Create(scan.Subfolders[0], [0, 1, 0], [0.5, 0.5, 0.5]),
            SubfolderPlan.Create(scan.Subfolders[1], [4, 4], [0.5, 0.5]),
        };
        return (input, plans);
    }

    [Fact]
    public void WritesTheSeedsTreeAndAManifest()
    {
        var (input, plans) = Input();
        string output = Path.Combine(Path.GetDirectoryName(input)!, "OUTDIR");
        var before = CorpusTestData.Tree(input);
        var m = ClusterDirWriter.Prepare(input, output, ExistingOutput.Refuse, "test");
        ClusterDirWriter.Write(output, plans, m);
        Assert.Equal(
        [
            "andaiafm20201105/andaiafm20201105-F0001/andaiafm20201105F0001_000000.txt",
            "andaiafm20201105/andaiafm20201105-F0001/andaiafm20201105F0001_000000.wav",
            "andaiafm20201105/andaiafm20201105-F0001/andaiafm20201105F0001_000001.txt",
            "andaiafm20201105/andaiafm20201105-F0001/andaiafm20201105F0001_000001.wav",
            "andaiafm20201105/andaiafm20201105-F0002/andaiafm20201105F0002_000002.txt",
            "andaiafm20201105/andaiafm20201105-F0002/andaiafm20201105F0002_000002.wav",
            "andaiafm20201105/andaiafm20201105-M0001/andaiafm20201105M0001_000000.txt",
            "andaiafm20201105/andaiafm20201105-M0001/andaiafm20201105M0001_000000.wav",
            "andaiafm20201105/andaiafm20201105-M0001/andaiafm20201105M0001_000001.txt",
            "andaiafm20201105/andaiafm20201105-M0001/andaiafm20201105M0001_000001.wav",
            ClusterDirManifest.FileName,
        ], CorpusTestData.Tree(output));
        // Copies, byte for byte; the input is untouched.
        Assert.Equal(File.ReadAllBytes(Path.Combine(input, "andaiafm_F20201105", "mclip-00000005.wav")),
            File.ReadAllBytes(Path.Combine(output, "andaiafm20201105", "andaiafm20201105-F0001", "andaiafm20201105F0001_000001.wav")));
        Assert.Equal("transcript of mclip-00000004\n",
            File.ReadAllText(Path.Combine(output, "andaiafm20201105", "andaiafm20201105-F0002", "andaiafm20201105F0002_000002.txt")));
        Assert.Equal(before, CorpusTestData.Tree(input));
        var manifest = ClusterDirManifest.Read(output)!;
        Assert.Equal(["andaiafm_F20201105", "andaiafm_M20201105"], manifest.Subfolders.Select(s => s.Input));
        Assert.Equal("andaiafm20201105/andaiafm20201105-F0002/andaiafm20201105F0002_000002.wav", manifest.Subfolders[0].Clips[2].Wav);
    }

    [Fact]
    public void RefusesANonEmptyOutputWithoutResumeOrOverwrite()
    {
        var (input, _) = Input();
        string output = Fixtures.TempDir();
        File.WriteAllText(Path.Combine(output, "notes.txt"), "mine");
        var e = Assert.Throws<OutputException>(() => ClusterDirWriter.Prepare(input, output, ExistingOutput.Refuse, "test"));
        Assert.Contains("not empty", e.Message);
        Assert.Contains("--resume", e.Message);
        Assert.Contains("--overwrite", e.Message);
        // --resume needs a manifest.
        Assert.Throws<OutputException>(() => ClusterDirWriter.Prepare(input, output, ExistingOutput.Resume, "test"));
    }

    [Fact]
    public void RefusesAnOutputFolderInsideTheInput()
    {
        var (input, _) = Input();
        foreach (var bad in new[] { input, Path.Combine(input, "out"), Path.Combine(input, "andaiafm_F20201105", "x") })
        {
            var e = Assert.Throws<OutputException>(() => ClusterDirWriter.Prepare(input, bad, ExistingOutput.Overwrite, "test"));
            Assert.Contains($"the input folder {input}", e.Message);
        }
        Assert.Throws<OutputException>(() => ClusterDirWriter.Prepare(input, Path.GetDirectoryName(input)!, ExistingOutput.Overwrite, "test"));
        Assert.False(Directory.Exists(Path.Combine(input, "out")));
    }

    [Fact]
    public void ResumeSkipsDoneSubfoldersAndOverwriteReplacesSpeakerFolders()
    {
        var (input, plans) = Input();
        string output = Path.Combine(Path.GetDirectoryName(input)!, "out");
        ClusterDirWriter.Write(output, plans.Take(1), ClusterDirWriter.Prepare(input, output, ExistingOutput.Refuse, "test"));

        var resumed = ClusterDirWriter.Prepare(input, output, ExistingOutput.Resume, "test");
        var scan = ClipFolder.Scan(input);
        Assert.True(resumed.IsDone(scan.Subfolders[0]));
        Assert.False(resumed.IsDone(scan.Subfolders[1]));
        ClusterDirWriter.Write(output, plans.Where(p => !resumed.IsDone(p.Input)), resumed);
        Assert.Equal(2, ClusterDirManifest.Read(output)!.Subfolders.Count);

        // Overwrite with a different clustering of F: one speaker instead of two; the stale F0002 disappears, M stays.
        File.WriteAllText(Path.Combine(output, "keep.txt"), "user file");
        var one = SubfolderPlan.Create(scan.Subfolders[0], [1, 1, 1], [0.5, 0.5, 0.5]);
        ClusterDirWriter.Write(output, [one], ClusterDirWriter.Prepare(input, output, ExistingOutput.Overwrite, "test"));
        var tree = CorpusTestData.Tree(output);
        Assert.DoesNotContain(tree, f => f.Contains("-F0002"));
        Assert.Equal(3, tree.Count(f => f.Contains("-F0001/") && f.EndsWith(".wav")));
        Assert.Contains("keep.txt", tree);
        Assert.Contains(tree, f => f.Contains("-M0001/"));
    }

    [Fact]
    public void AFailedCopyLeavesNothingPartialBehind()
    {
        var (input, plans) = Input();
        string output = Path.Combine(Path.GetDirectoryName(input)!, "out");
        var m = ClusterDirWriter.Prepare(input, output, ExistingOutput.Refuse, "test");
        // The last clip of the M subfolder vanishes after planning: its copy fails mid-subfolder.
        File.Delete(plans[1].Clips[1].Source.TxtPath);
        var e = Assert.Throws<OutputException>(() => ClusterDirWriter.Write(output, plans, m));
        Assert.Contains("andaiafm_M20201105", e.Message);
        Assert.Contains("--resume", e.Message);
        // F was completed and is listed; nothing of M exists; no staging folder is left.
        var tree = CorpusTestData.Tree(output);
        Assert.DoesNotContain(tree, f => f.Contains("-M0"));
        Assert.DoesNotContain(Directory.GetDirectories(output), d => Path.GetFileName(d).StartsWith('.'));
        Assert.Equal(["andaiafm_F20201105"], ClusterDirManifest.Read(output)!.Subfolders.Select(s => s.Input));
    }
}
