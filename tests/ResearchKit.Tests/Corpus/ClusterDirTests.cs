using ResearchKit.Clustering;
using ResearchKit.Corpus;
using ResearchKit.Tests.Datasets;

namespace ResearchKit.Tests.Corpus;

public class ClusterDirTests
{
    // Tones: same pitch = same "speaker" for ToneEmbedder; 200 vs 700 Hz are 0.12 apart in cosine distance.
    private static readonly AgglomerativeClustering Ahc = new(new AhcOptions(LinkageMethod.Average, DistanceMetric.Cosine, Threshold: 0.05));

    private static (string In, string Out) Folders()
    {
        string root = Fixtures.TempDir();
        string input = Path.Combine(root, "mclip");
        CorpusTestData.AddClips(input, "andaiafm_F20201105", ("mclip-00000003", 700), ("mclip-00000004", 1200), ("mclip-00000005", 700), ("mclip-00000006", 1200));
        CorpusTestData.AddClips(input, "andaiafm_M20201105", ("mclip-00000001", 200), ("mclip-00000002", 200), ("mclip-00000012", 900));
        return (input, Path.Combine(root, "OUTDIR"));
    }

    [Fact]
    public void ClustersEachSubfolderAndWritesTheSeedsTree()
    {
        var (input, output) = Folders();
        var r = ClusterDir.Run(input, output, new ToneEmbedder(), Ahc);
        Assert.Empty(r.Problems);
        var wavs = CorpusTestData.Tree(output).Where(f => f.EndsWith(".wav")).ToArray();
        Assert.Equal(
        [
            "andaiafm20201105/andaiafm20201105-F0001/andaiafm20201105F0001_000000.wav",
            "andaiafm20201105/andaiafm20201105-F0001/andaiafm20201105F0001_000001.wav",
            "andaiafm20201105/andaiafm20201105-F0002/andaiafm20201105F0002_000002.wav",
            "andaiafm20201105/andaiafm20201105-F0002/andaiafm20201105F0002_000003.wav",
            "andaiafm20201105/andaiafm20201105-M0001/andaiafm20201105M0001_000000.wav",
            "andaiafm20201105/andaiafm20201105-M0001/andaiafm20201105M0001_000001.wav",
            "andaiafm20201105/andaiafm20201105-M0002/andaiafm20201105M0002_000002.wav",
        ], wavs);
        // F0001 = the 700 Hz clips 03 and 05, in input order.
        Assert.Equal(File.ReadAllBytes(Path.Combine(input, "andaiafm_F20201105", "mclip-00000005.wav")),
            File.ReadAllBytes(Path.Combine(output, "andaiafm20201105", "andaiafm20201105-F0001", "andaiafm20201105F0001_000001.wav")));
        Assert.Equal([2, 2, 2, 1], r.Speakers.Select(s => s.Clips));
        Assert.Equal(2 * 0.5 / 60, r.Speakers.First().Minutes, 9);
        Assert.Contains("ahc(Average, Cosine, threshold=0.05", r.Manifest!.Settings);
    }

    [Fact]
    public void DryRunWritesNothing()
    {
        var (input, output) = Folders();
        var r = ClusterDir.Run(input, output, new ToneEmbedder(), Ahc, new ClusterDirOptions(DryRun: true));
        Assert.False(Directory.Exists(output));
        Assert.Equal(7, r.Subfolders.Sum(s => s.Plan!.Clips.Count));
        Assert.Null(r.Manifest);
    }

    [Fact]
    public void OffendersStopTheRunBeforeAnyWriteUnlessSkipInvalid()
    {
        var (input, output) = Folders();
        TestWav.Write(Path.Combine(input, "andaiafm_M20201105", "no-text.wav"), CorpusTestData.Tone(200));
        TestWav.Touch(Path.Combine(input, "andaiafm_M20201105", "bad.wav"), "not audio");
        TestWav.Touch(Path.Combine(input, "andaiafm_M20201105", "bad.txt"), "x");
        var e = Assert.Throws<ClipFolderException>(() => ClusterDir.Run(input, output, new ToneEmbedder(), Ahc));
        Assert.Equal(2, e.Problems.Count);
        Assert.Contains("--skip-invalid", e.Message);
        Assert.Contains("bad.wav", e.Message);
        Assert.Contains("no-text.wav", e.Message);
        Assert.False(Directory.Exists(output));

        var r = ClusterDir.Run(input, output, new ToneEmbedder(), Ahc, new ClusterDirOptions(SkipInvalid: true));
        Assert.Equal(2, r.Problems.Count);
        Assert.Equal(7, CorpusTestData.Tree(output).Count(f => f.EndsWith(".wav")));
    }

    [Fact]
    public void ClipsShorterThanTheModelMinimumStopTheRun()
    {
        var (input, output) = Folders();
        var e = Assert.Throws<ClipFolderException>(() => ClusterDir.Run(input, output, new ToneEmbedder(minSeconds: 0.6), Ahc));
        Assert.Equal(7, e.Problems.Count);
        Assert.All(e.Problems, p => Assert.Contains("shorter than", p.Problem));
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void NaNEmbeddingsFailNamingTheClipAndLeaveNothingBehind()
    {
        var (input, output) = Folders();
        var e = Assert.Throws<InvalidInputFileException>(() => ClusterDir.Run(input, output, new ToneEmbedder { ReturnNaN = true }, Ahc));
        Assert.EndsWith("mclip-00000003.wav", e.Path);
        Assert.Contains("NaN", e.Message);
        Assert.True(!Directory.Exists(output) || Directory.GetFileSystemEntries(output).Length == 0);
    }

    [Fact]
    public void UnparseableFolderNamesStopTheRun()
    {
        var (input, output) = Folders();
        CorpusTestData.AddClips(input, "andaiafm-F20201106", ("c", 200));
        var e = Assert.Throws<ClipFolderException>(() => ClusterDir.Run(input, output, new ToneEmbedder(), Ahc));
        Assert.Contains("andaiafm-F20201106", Assert.Single(e.Problems).Path);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void AnOutputFolderInsideTheInputIsRefusedBeforeAnyWork()
    {
        var (input, _) = Folders();
        string inside = Path.Combine(input, "clustered");
        Assert.Throws<OutputException>(() => ClusterDir.Run(input, inside, new ToneEmbedder(), Ahc));
        Assert.False(Directory.Exists(inside));
    }

    [Fact]
    public void ResumeSkipsCompletedSubfolders()
    {
        var (input, output) = Folders();
        ClusterDir.Run(input, output, new ToneEmbedder(), Ahc);
        var again = ClusterDir.Run(input, output, new ToneEmbedder(), Ahc, new ClusterDirOptions(ExistingOutput.Resume));
        Assert.All(again.Subfolders, s => Assert.True(s.Skipped));
        Assert.Throws<OutputException>(() => ClusterDir.Run(input, output, new ToneEmbedder(), Ahc));
    }
}
