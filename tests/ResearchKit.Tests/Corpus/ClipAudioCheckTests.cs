using ResearchKit.Corpus;
using ResearchKit.Tests.Datasets;

namespace ResearchKit.Tests.Corpus;

public class ClipAudioCheckTests
{
    private static ClipSubfolder Folder(Action<string> add)
    {
        string root = Fixtures.TempDir();
        add(root);
        return ClipFolder.Scan(root).Subfolders.Single();
    }

    [Fact]
    public void UndecodableAudioIsListed()
    {
        var sub = Folder(r =>
        {
            CorpusTestData.AddClips(r, "a_M20200101", ("good", 200));
            TestWav.Touch(Path.Combine(r, "a_M20200101", "broken.wav"), "this is not audio");
            TestWav.Touch(Path.Combine(r, "a_M20200101", "broken.txt"), "x");
        });
        var problems = new List<ClipProblem>();
        var seconds = ClipAudioCheck.Run(sub, new ToneEmbedder(), problems);
        var p = Assert.Single(problems);
        Assert.EndsWith("broken.wav", p.Path);
        Assert.Contains("does not decode", p.Problem);
        Assert.True(double.IsNaN(seconds[0]));
        Assert.Equal(0.5, seconds[1], 9);
    }

    [Fact]
    public void ClipsShorterThanTheModelMinimumAreListed()
    {
        var sub = Folder(r => CorpusTestData.AddClips(r, "a_M20200101", ("c1", 200), ("c2", 300)));
        var problems = new List<ClipProblem>();
        ClipAudioCheck.Run(sub, new ToneEmbedder(minSeconds: 1.0), problems);
        Assert.Equal(2, problems.Count);
        Assert.All(problems, p => Assert.Contains("shorter than the 1 s the embedding model 'tone-test' needs", p.Problem));
    }

    [Fact]
    public void AWrongSampleRateIsListedWithTheFix()
    {
        var sub = Folder(r => CorpusTestData.AddClips(r, "a_M20200101", ("c1", 200)));
        var problems = new List<ClipProblem>();
        ClipAudioCheck.Run(sub, new ToneEmbedder(rate: 8000), problems);
        Assert.Contains("needs 8000 Hz", Assert.Single(problems).Problem);
    }
}
