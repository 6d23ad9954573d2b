using ResearchKit.Clustering;
using static ResearchKit.Tests.Clustering.ClusteringFixtures;

namespace ResearchKit.Tests.Clustering;

/// <summary>scikit-learn 1.2 KMeans with explicit init (kmeans.json): centres and inertia rtol 1e-10, labels and n_iter exact.</summary>
public class KMeansParityTests
{
    [Theory]
    [InlineData("X1")]
    [InlineData("X2")]
    [InlineData("X3")]
    public void KMeansMatchesSklearn(string data)
    {
        var expected = Json("kmeans.json").GetProperty(data);
        var init = Matrix($"kmeans_{data}_init.npy");
        var result = new KMeans(new KMeansOptions(Init: init)).Fit(Matrix(data + ".npy"));
        Assert.Equal(Ints(expected.GetProperty("labels")), result.Labels);
        Assert.Equal(expected.GetProperty("n_iter").GetInt32(), result.Iterations);
        Close([expected.GetProperty("inertia").GetDouble()], [result.Inertia], 1e-10, 0, "inertia");
        var centers = Array($"kmeans_{data}_centers.npy");
        Close(centers.Data, PairwiseDistances.Flat(result.Centers).ToArray(), 1e-10, 1e-12, "centers");
    }
}
