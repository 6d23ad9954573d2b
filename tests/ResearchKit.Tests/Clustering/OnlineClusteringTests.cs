using ResearchKit.Clustering;

namespace ResearchKit.Tests.Clustering;

/// <summary>Online clustering on hand-built vectors whose similarities are known in closed form.</summary>
public class OnlineClusteringTests
{
    // Unit vectors at angles 0°, 50°, 100°, 10°: cos(50°) = 0.643, cos(100°) = −0.174, cos(10°) = 0.985.
    private static double[,] Angles(params double[] degrees)
    {
        var x = new double[degrees.Length, 2];
        for (int i = 0; i < degrees.Length; i++) { x[i, 0] = Math.Cos(degrees[i] * Math.PI / 180); x[i, 1] = Math.Sin(degrees[i] * Math.PI / 180); }
        return x;
    }

    [Fact]
    public void MalayaScaleEqualsCosineAtSixTenths()
    {
        // 50° apart: cosine 0.643 ≥ 0.6, (cos+1)/2 = 0.821 ≥ 0.8 — same decision on both scales.
        var x = Angles(0, 50, 180);
        var malaya = new OnlineClustering(new OnlineOptions(0.8, SimilarityScale.HalfCosinePlusHalf)).Run(x);
        var cosine = new OnlineClustering(new OnlineOptions(0.6, SimilarityScale.Cosine)).Run(x);
        Assert.Equal([0, 0, 1], malaya.Labels);
        Assert.Equal(malaya.Labels, cosine.Labels);
        Assert.Equal((Math.Cos(50 * Math.PI / 180) + 1) / 2, malaya.Similarities[1], 12);
    }

    [Fact]
    public void PairMeanUpdateMovesCentroidHalfway()
    {
        // malaya's np.mean([sample, centroid]): centroid of (1,0) then (0,1) is (0.5, 0.5).
        var x = new double[,] { { 1, 0 }, { 0, 1 }, { 1, 1 } };
        var r = new OnlineClustering(new OnlineOptions(0.0, SimilarityScale.Cosine, CentroidUpdate.PairMean)).Run(x);
        Assert.Equal([0, 0, 0], r.Labels);
        Assert.Equal(0.75, r.Centroids[0, 0], 12); // ((0.5 + 1)/2)
        Assert.Equal(0.75, r.Centroids[0, 1], 12);
    }

    [Fact]
    public void MaxClustersForcesNearestAssignment()
    {
        // 0°, 100°, 200°: pairwise cosines < 0.6, so three clusters unless capped at two; 200° is nearer 100° (cos 100° = −0.17) than 0° (cos 200° = −0.94).
        var x = Angles(0, 100, 200);
        Assert.Equal([0, 1, 2], new OnlineClustering(new OnlineOptions(0.6)).Run(x).Labels);
        Assert.Equal([0, 1, 1], new OnlineClustering(new OnlineOptions(0.6, MaxClusters: 2)).Run(x).Labels);
    }
}
