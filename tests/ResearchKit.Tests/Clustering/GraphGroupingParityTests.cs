using ResearchKit.Clustering;
using static ResearchKit.Tests.Clustering.ClusteringFixtures;

namespace ResearchKit.Tests.Clustering;

/// <summary>networkx 2.8 PageRank and connected components (graph.json), one row per graph: components exact, PageRank atol 1e-6.</summary>
public class GraphGroupingParityTests
{
    public static TheoryData<string> Keys()
    {
        var d = new TheoryData<string>();
        foreach (var p in Json("graph.json").EnumerateObject()) d.Add(p.Name);
        return d;
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void GroupsMatchNetworkx(string key)
    {
        var e = Json("graph.json").GetProperty(key);
        var scale = e.GetProperty("similarity").GetString() == "cosine" ? SimilarityScale.Cosine : SimilarityScale.HalfCosinePlusHalf;
        double t = e.GetProperty("threshold").GetDouble();
        var g = new GraphGrouping(new GraphGroupingOptions([t], scale)).Run(Matrix(e.GetProperty("nodes").GetString()!))[0];
        Assert.Equal(e.GetProperty("n_edges").GetInt32(), g.Edges);
        Assert.Equal(Ints(e.GetProperty("component_labels")), g.Labels);
        var comps = e.GetProperty("components").EnumerateArray().Select(Ints).ToArray();
        Assert.Equal(comps.Length, g.Components.Length);
        for (int i = 0; i < comps.Length; i++) Assert.Equal(comps[i], g.Components[i]);
        Close(Doubles(e.GetProperty("pagerank_weighted")), g.PageRank, 0, 1e-6, "pagerank");
        Close(Doubles(e.GetProperty("pagerank_unweighted")), g.PageRankUnweighted, 0, 1e-6, "pagerank_unweighted");
        Assert.Equal(Ints(e.GetProperty("component_representative_max_pagerank_weighted")), g.Representatives);
    }

    [Fact]
    public void SeveralThresholdsInOneRunEqualSeparateRuns()
    {
        var x = Matrix("X2_turn_centroids.npy");
        var all = new GraphGrouping(GraphGroupingOptions.Malaya).Run(x);
        Assert.Equal(3, all.Count);
        foreach (var g in all)
        {
            var key = $"X2_turn_centroids|malaya_(cos+1)/2|{g.Threshold}";
            Assert.Equal(Ints(Json("graph.json").GetProperty(key).GetProperty("component_labels")), g.Labels);
        }
    }
}
