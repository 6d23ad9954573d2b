using ResearchKit.Corpus;
using ResearchKit.Tests.Datasets;

namespace ResearchKit.Tests.Corpus;

public class LabelledUtterancesTests
{
    [Fact]
    public void FolderPerSpeakerFlatPrefixAndLabelsFile()
    {
        string perSpeaker = Fixtures.TempDir();
        foreach (var (s, f) in new[] { ("zed", "u2"), ("amy", "u9"), ("zed", "u1") }) TestWav.Write(Path.Combine(perSpeaker, s, f + ".wav"), CorpusTestData.Tone(200));
        var a = LabelledUtterances.FromFolder(perSpeaker);
        Assert.Equal(["amy/u9", "zed/u1", "zed/u2"], a.Select(i => $"{i.Speaker}/{i.Name}"));
        Assert.Equal([1, 2], LabelledUtterances.GroupSizes(a));

        string flat = Fixtures.TempDir();
        foreach (var f in new[] { "367-130732-0001", "1688-142285-0002", "367-130732-0002", "a_1" }) TestWav.Write(Path.Combine(flat, f + ".wav"), CorpusTestData.Tone(200));
        var b = LabelledUtterances.FromFolder(flat);
        Assert.Equal(["1688", "367", "367", "a"], b.Select(i => i.Speaker));

        File.WriteAllText(Path.Combine(perSpeaker, "..", "labels.csv"), "file,speaker\nzed/u1.wav,Z\namy/u9.wav,A\n");
        var c = LabelledUtterances.FromFolder(perSpeaker, Path.Combine(perSpeaker, "..", "labels.csv"));
        Assert.Equal(["A", "Z"], c.Select(i => i.Speaker));
    }

    [Fact]
    public void UnlabelledFlatNamesAndMissingFilesAreErrors()
    {
        string flat = Fixtures.TempDir();
        TestWav.Write(Path.Combine(flat, "nolabel.wav"), CorpusTestData.Tone(200));
        TestWav.Write(Path.Combine(flat, "other.wav"), CorpusTestData.Tone(200));
        Assert.Contains("cannot tell the speaker", Assert.Throws<InvalidInputFileException>(() => LabelledUtterances.FromFolder(flat)).Message);
        File.WriteAllText(Path.Combine(flat, "..", "l.tsv"), "file\tspeaker\nmissing.wav\tx\n");
        Assert.Contains("line 2", Assert.Throws<InvalidInputFileException>(() => LabelledUtterances.FromFolder(flat, Path.Combine(flat, "..", "l.tsv"))).Message);
    }
}
