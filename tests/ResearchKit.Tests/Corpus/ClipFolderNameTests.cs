using ResearchKit.Corpus;

namespace ResearchKit.Tests.Corpus;

public class ClipFolderNameTests
{
    [Fact]
    public void ParsesTheSeedsFolderNames()
    {
        var f = ClipFolderName.Parse("andaiafm_F20201105");
        Assert.Equal(new ClipFolderName("andaiafm", 'F', "20201105"), f);
        Assert.Equal('M', ClipFolderName.Parse("andaiafm_M20201105").Gender);
        // The broadcaster is everything before the last underscore.
        Assert.Equal("radio_one", ClipFolderName.Parse("radio_one_M19991231").Broadcaster);
    }

    [Fact]
    public void BuildsTheSeedsOutputNames()
    {
        // Names from the seed's example tree (002: OUTDIR/andaiafm20201105/andaiafm20201105-F0002/andaiafm20201105F0002_000016.wav).
        var f = ClipFolderName.Parse("andaiafm_F20201105");
        Assert.Equal("andaiafm20201105", f.OutputFolder);
        Assert.Equal("andaiafm20201105-F0001", f.SpeakerFolder(1));
        Assert.Equal("andaiafm20201105F0002_000016", f.ClipStem(2, 16));
        Assert.Equal("andaiafm20201105M0009_000139", ClipFolderName.Parse("andaiafm_M20201105").ClipStem(9, 139));
    }

    [Theory]
    [InlineData("andaiafmF20201105", "no '<BROADCASTER>_' prefix")]
    [InlineData("_F20201105", "no '<BROADCASTER>_' prefix")]
    [InlineData("andaiafm_X20201105", "not a gender letter")]
    [InlineData("andaiafm_f20201105", "not a gender letter")]
    [InlineData("andaiafm_F2020110", "not a gender letter")]
    [InlineData("andaiafm_F20201305", "not a valid YYYYMMDD date")]
    [InlineData("andaiafm_F2020110x", "not a valid YYYYMMDD date")]
    public void RejectsUnparseableNamesSayingWhy(string name, string why)
    {
        Assert.Null(ClipFolderName.TryParse(name, out var reason));
        Assert.Contains(name, reason);
        Assert.Contains(why, reason);
        Assert.Contains("<BROADCASTER>_<G><YYYYMMDD>", reason);
    }

    [Fact]
    public void NumbersOutsideTheSeedsFieldsAreErrors()
    {
        var f = ClipFolderName.Parse("a_M20200101");
        Assert.Throws<InvalidParameterException>(() => f.SpeakerFolder(0));
        Assert.Throws<InvalidParameterException>(() => f.SpeakerFolder(10000));
        Assert.Throws<InvalidParameterException>(() => f.ClipStem(1, 1_000_000));
    }
}
