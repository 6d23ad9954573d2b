using ResearchKit.Clustering;
using static ResearchKit.Tests.Clustering.ClusteringFixtures;

namespace ResearchKit.Tests.Clustering;

/// <summary>The AHC front end: cuts agree with scipy's fcluster; pyannote 3.1's small-cluster rule on a constructed case.</summary>
public class AgglomerativeClusteringTests
{
    [Fact]
    public void ThresholdCutEqualsScipyFcluster()
    {
        var cut = Json("fcluster.json").GetProperty("linkage_X2_average_cosine.npy").GetProperty("distance")[0];
        var r = new AgglomerativeClustering(new AhcOptions(LinkageMethod.Average, DistanceMetric.Cosine, cut.GetProperty("t").GetDouble()))
            .Run(Matrix("X2.npy"));
        Assert.Equal(ClusteringResult.Canonical(Ints(cut.GetProperty("labels"))), r.Labels);
    }

    [Fact]
    public void ExactCountEqualsScipyMaxclust()
    {
        var mc = Json("fcluster.json").GetProperty("linkage_X1_ward_euclidean.npy").GetProperty("maxclust");
        var r = new AgglomerativeClustering(new AhcOptions(LinkageMethod.Ward)).Run(Matrix("X1.npy"), SpeakerCount.Exactly(5));
        Assert.Equal(ClusteringResult.Canonical(Ints(mc.GetProperty("labels"))), r.Labels);
    }

    [Fact]
    public void Pyannote31ReassignsSmallClustersToNearestLargeCentroid()
    {
        // Two tight groups of 15 vectors around e0 and e1 (centroid distance √2), plus one stray vector
        // (0.45, 0, 0.89): after L2-normalisation it is 1.05 from e0 and 1.41 from e1, above the 0.7046 cut, so
        // fcluster leaves it alone; its cosine distance to group e0's centroid (0.55) beats group e1's (1.0).
        var rows = new List<double[]>();
        var rng = new Random(5);
        for (int g = 0; g < 2; g++)
            for (int i = 0; i < 15; i++)
            {
                var v = new double[3];
                v[g] = 1;
                v[(g + 1) % 3] += 0.01 * rng.NextDouble();
                rows.Add(v);
            }
        rows.Add([0.45, 0.0, 0.89]); // alone at threshold 0.70 (far from both groups), closer to group 0 than group 1
        var x = new double[rows.Count, 3];
        for (int i = 0; i < rows.Count; i++) for (int j = 0; j < 3; j++) x[i, j] = rows[i][j];
        var r = new AgglomerativeClustering(AhcOptions.Pyannote31).Run(x);
        Assert.Equal(3, r.FlatLabels.Max() + 1);       // fcluster found the singleton
        Assert.Equal(2, r.NumClusters);                 // min_cluster_size 12 removed it
        Assert.Equal(r.Labels[0], r.Labels[30]);        // joined the group whose centroid is nearer (e0)
        Assert.NotEqual(r.Labels[0], r.Labels[15]);
    }
}
