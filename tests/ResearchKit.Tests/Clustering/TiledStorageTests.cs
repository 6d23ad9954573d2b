using ResearchKit.Clustering;
using static ResearchKit.Tests.Clustering.ClusteringFixtures;

namespace ResearchKit.Tests.Clustering;

/// <summary>The linkage's tiled distance storage: every pair gets its own slot, and the whole-tile (vectorised) Gram
/// epilogue writes exactly what the element-by-element one writes into scipy's condensed layout.</summary>
public class TiledStorageTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(67)]
    public void EveryPairHasItsOwnSlot(int n)
    {
        var layout = new TiledLayout(n);
        var seen = new HashSet<long>();
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
            {
                long k = layout.Index(i, j);
                Assert.InRange(k, 0, layout.Length - 1);
                Assert.True(seen.Add(k), $"({i}, {j}) shares slot {k}");
            }
        // Padding only: the diagonal halves of the ⌈n/4⌉ diagonal tiles and the columns past n.
        Assert.True(layout.Length - seen.Count < 16L * layout.Tiles + 16L * layout.Tiles);
    }

    [Theory]
    [InlineData(DistanceMetric.Cosine)]
    [InlineData(DistanceMetric.Euclidean)]
    public unsafe void WholeTileEpilogueEqualsElementwise(DistanceMetric metric)
    {
        var x = Matrix("X2.npy"); // 300 rows: mostly whole interior tiles
        int n = x.GetLength(0);
        var tiled = new TiledLayout(n);
        var condensed = new CondensedLayout(n);
        var a = new float[tiled.Length];
        var b = new float[condensed.Length];
        fixed (float* pa = a, pb = b)
        {
            PairwiseDistances.Fill(x, metric, pa, tiled, exact: false);
            PairwiseDistances.Fill(x, metric, pb, condensed, exact: false);
        }
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
            {
                float va = a[tiled.Index(i, j)], vb = b[condensed.Index(i, j)];
                if (BitConverter.SingleToInt32Bits(va) != BitConverter.SingleToInt32Bits(vb))
                    Assert.Fail($"d({i}, {j}): tile path {va:R}, element path {vb:R}");
            }
    }
}
