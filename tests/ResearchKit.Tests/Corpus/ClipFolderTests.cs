using ResearchKit.Corpus;
using ResearchKit.Tests.Datasets;

namespace ResearchKit.Tests.Corpus;

public class ClipFolderTests
{
    [Fact]
    public void PairsWavAndTxtPerSubfolderInNameOrder()
    {
        string root = Fixtures.TempDir();
        CorpusTestData.AddClips(root, "andaiafm_M20201105", ("mclip-00000012", 200), ("mclip-00000001", 200), ("mclip-00000002", 300));
        CorpusTestData.AddClips(root, "andaiafm_F20201105", ("mclip-00000003", 500));
        var scan = ClipFolder.Scan(root);
        Assert.Empty(scan.Problems);
        Assert.Equal(["andaiafm_F20201105", "andaiafm_M20201105"], scan.Subfolders.Select(s => s.Name.InputName));
        Assert.Equal(["mclip-00000001", "mclip-00000002", "mclip-00000012"], scan.Subfolders[1].Clips.Select(c => c.Stem));
        Assert.Equal(4, scan.ClipCount);
    }

    [Fact]
    public void ListsEveryWavTxtMismatch()
    {
        string root = Fixtures.TempDir();
        CorpusTestData.AddClips(root, "a_M20200101", ("ok", 200));
        TestWav.Write(Path.Combine(root, "a_M20200101", "lonely.wav"), CorpusTestData.Tone(200));
        TestWav.Touch(Path.Combine(root, "a_M20200101", "orphan.txt"), "x");
        var scan = ClipFolder.Scan(root);
        Assert.Equal(2, scan.Problems.Count);
        Assert.Contains(scan.Problems, p => p.Path.EndsWith("lonely.wav") && p.Problem.Contains("no transcription lonely.txt"));
        Assert.Contains(scan.Problems, p => p.Path.EndsWith("orphan.txt") && p.Problem.Contains("no audio orphan.wav"));
        Assert.Equal(["ok"], scan.Subfolders.Single().Clips.Select(c => c.Stem));
    }

    [Fact]
    public void ListsUnparseableSubfoldersAndLooseClips()
    {
        string root = Fixtures.TempDir();
        CorpusTestData.AddClips(root, "a_M20200101", ("ok", 200));
        CorpusTestData.AddClips(root, "misc", ("x", 200));
        TestWav.Touch(Path.Combine(root, "loose.txt"), "x");
        var scan = ClipFolder.Scan(root);
        Assert.Equal(2, scan.Problems.Count);
        Assert.Contains(scan.Problems, p => p.Path.EndsWith("misc") && p.Problem.Contains("<BROADCASTER>_<G><YYYYMMDD>"));
        Assert.Contains(scan.Problems, p => p.Path.EndsWith("loose.txt") && p.Problem.Contains("outside a subfolder"));
        Assert.Single(scan.Subfolders);
    }

    [Fact]
    public void MissingOrFlatInputFolderIsAnError()
    {
        string root = Fixtures.TempDir();
        Assert.Throws<InvalidInputFileException>(() => ClipFolder.Scan(Path.Combine(root, "nope")));
        TestWav.Touch(Path.Combine(root, "a.txt"), "x");
        var e = Assert.Throws<InvalidInputFileException>(() => ClipFolder.Scan(root));
        Assert.Contains("no subfolder", e.Message);
    }
}
