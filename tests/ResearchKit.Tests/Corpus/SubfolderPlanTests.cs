using ResearchKit.Corpus;

namespace ResearchKit.Tests.Corpus;

public class SubfolderPlanTests
{
    private static ClipSubfolder Sub(string name, int n) =>
        new("/in/" + name, ClipFolderName.Parse(name),
            Enumerable.Range(0, n).Select(i => new ClipPair($"c{i:000}", $"/in/{name}/c{i:000}.wav", $"/in/{name}/c{i:000}.txt")).ToList());

    [Fact]
    public void ReproducesTheSeedsExampleNumbering()
    {
        // The seed's female tree: F0001 holds 16 clips (_000000…_000015), F0002 7 (_000016…_000022), F0003 and F0004
        // one each (_000023, _000024), F0005 11 (_000025…_000035).
        int[] sizes = [16, 7, 1, 1, 11];
        var labels = sizes.SelectMany((s, k) => Enumerable.Repeat(k * 10 + 3, s)).ToArray(); // arbitrary label values
        var plan = SubfolderPlan.Create(Sub("andaiafm_F20201105", labels.Length), labels, Enumerable.Repeat(2.0, labels.Length).ToArray());
        Assert.Equal(sizes, plan.Speakers.Select(s => s.Clips));
        Assert.Equal("andaiafm20201105F0001_000000", plan.Clips[0].Stem);
        Assert.Equal("andaiafm20201105F0001_000015", plan.Clips[15].Stem);
        Assert.Equal("andaiafm20201105F0002_000016", plan.Clips[16].Stem);
        Assert.Equal("andaiafm20201105F0003_000023", plan.Clips[23].Stem);
        Assert.Equal("andaiafm20201105F0004_000024", plan.Clips[24].Stem);
        Assert.Equal("andaiafm20201105F0005_000035", plan.Clips[35].Stem);
        Assert.Equal(Path.Combine("andaiafm20201105", "andaiafm20201105-F0002"), plan.Clips[16].SpeakerFolder);
        Assert.Equal(Path.Combine("andaiafm20201105", "andaiafm20201105-F0002", "andaiafm20201105F0002_000016.wav"), plan.Clips[16].WavRelative);
        Assert.Equal(16 * 2.0 / 60, plan.Speakers[0].Minutes, 12);

        // The male subfolder of the same date has its own sequence from _000000.
        var male = SubfolderPlan.Create(Sub("andaiafm_M20201105", 2), [5, 5], [1.0, 1.0]);
        Assert.Equal(["andaiafm20201105M0001_000000", "andaiafm20201105M0001_000001"], male.Clips.Select(c => c.Stem));
    }

    [Fact]
    public void SpeakersAreNumberedByFirstClipAndClipsKeepInputOrderWithinASpeaker()
    {
        // Clips c000..c004 with labels 7 9 7 2 9: speaker 1 = {c000, c002}, 2 = {c001, c004}, 3 = {c003}.
        var plan = SubfolderPlan.Create(Sub("b_M20200101", 5), [7, 9, 7, 2, 9], [1, 1, 1, 1, 1]);
        Assert.Equal(["c000", "c002", "c001", "c004", "c003"], plan.Clips.Select(c => c.Source.Stem));
        Assert.Equal(["b20200101M0001_000000", "b20200101M0001_000001", "b20200101M0002_000002", "b20200101M0002_000003", "b20200101M0003_000004"],
            plan.Clips.Select(c => c.Stem));
        // Relabelling the same partition gives the same plan.
        var same = SubfolderPlan.Create(Sub("b_M20200101", 5), [0, 1, 0, 5, 1], [1, 1, 1, 1, 1]);
        Assert.Equal(plan.Clips.Select(c => c.Stem), same.Clips.Select(c => c.Stem));
    }

    [Fact]
    public void LabelCountMustMatchClips()
    {
        Assert.Throws<InvalidParameterException>(() => SubfolderPlan.Create(Sub("b_M20200101", 3), [1, 2], [1, 1, 1]));
    }
}
