using ResearchKit.Experiments;

namespace ResearchKit.Tests.Experiments;

public class ParameterGridTests
{
    [Fact]
    public void Ranges_and_lists_parse_and_enumerate_the_product()
    {
        var g = ParameterGrid.Parse(["clustering.threshold=0.5:0.9:0.02", "window=1,1.5"]);
        Assert.Equal(21, g.Axes[0].Value.Length); // 0.50, 0.52, …, 0.90 (stop included)
        Assert.Equal(0.9, g.Axes[0].Value[^1], 12);
        Assert.Equal(42, g.Count);
        var pts = g.Points().ToList();
        Assert.Equal(42, pts.Count);
        Assert.Equal(1.0, pts[0]["window"]);
        Assert.Equal(1.5, pts[1]["window"]); // last axis varies fastest
        Assert.Equal("clustering.threshold=0.5,window=1", ParameterGrid.Describe(pts[0]));
    }

    [Fact]
    public void Bad_specs_name_the_parameter()
    {
        Assert.Equal("--param", Assert.Throws<InvalidParameterException>(() => ParameterGrid.Parse(["threshold"])).Parameter);
        Assert.Equal("t", Assert.Throws<InvalidParameterException>(() => ParameterGrid.Parse(["t=0.9:0.5:0.1"])).Parameter);
        Assert.Equal("t", Assert.Throws<InvalidParameterException>(() => ParameterGrid.Parse(["t=a,b"])).Parameter);
        var e = Assert.Throws<InvalidParameterException>(() => PipelineFactory.Create("frames", new Dictionary<string, double> { ["window"] = 1 }));
        Assert.Contains("not a parameter of the frames pipeline", e.Message);
    }

    [Fact]
    public void Grid_points_change_only_the_named_option()
    {
        var p = (ResearchKit.Pipelines.WindowEmbeddingPipeline)PipelineFactory.Create("windows",
            new Dictionary<string, double> { ["clustering.threshold"] = 0.42, ["window"] = 2 });
        Assert.Equal(0.42, p.Options.Clustering.Threshold);
        Assert.Equal(2, p.Options.WindowSeconds);
        Assert.Equal(new ResearchKit.Pipelines.WindowEmbeddingOptions().OverlapRate, p.Options.OverlapRate);
    }
}
