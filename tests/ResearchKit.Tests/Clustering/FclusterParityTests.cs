using ResearchKit.Clustering;
using static ResearchKit.Tests.Clustering.ClusteringFixtures;

namespace ResearchKit.Tests.Clustering;

/// <summary>scipy 1.10 <c>fcluster</c> (distance and maxclust) and <c>leaves_list</c>, one row per linkage in fcluster.json.</summary>
public class FclusterParityTests
{
    public static TheoryData<string> Keys()
    {
        var d = new TheoryData<string>();
        foreach (var p in Json("fcluster.json").EnumerateObject()) d.Add(p.Name);
        return d;
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void FlatClustersMatchScipy(string linkageFile)
    {
        var entry = Json("fcluster.json").GetProperty(linkageFile);
        var scipyZ = Matrix(linkageFile);
        var (data, method, metric) = LinkageParityTests.Parse(linkageFile);
        var ourZ = Linkage.Compute(Matrix(data + ".npy"), method, metric, DistancePrecision.Float64);
        foreach (var cut in entry.GetProperty("distance").EnumerateArray())
        {
            double t = cut.GetProperty("t").GetDouble();
            var expected = Ints(cut.GetProperty("labels"));
            // On scipy's own tree the labels must be identical, numbering included.
            Assert.Equal(expected, Dendrogram.ClustersByDistance(scipyZ, t));
            // On our tree the partition must be the same.
            Assert.Equal(ClusteringResult.Canonical(expected), ClusteringResult.Canonical(Dendrogram.ClustersByDistance(ourZ, t)));
        }
        var mc = entry.GetProperty("maxclust");
        int k = mc.GetProperty("t").GetInt32();
        var expectedMc = Ints(mc.GetProperty("labels"));
        Assert.Equal(expectedMc, Dendrogram.ClustersByCount(scipyZ, k));
        Assert.Equal(ClusteringResult.Canonical(expectedMc), ClusteringResult.Canonical(Dendrogram.ClustersByCount(ourZ, k)));
        Assert.Equal(Ints(entry.GetProperty("leaves_list")), Dendrogram.LeavesList(scipyZ));
    }
}
