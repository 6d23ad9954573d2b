using ResearchKit.Clustering;
using static ResearchKit.Tests.Clustering.ClusteringFixtures;

namespace ResearchKit.Tests.Clustering;

/// <summary>scipy 1.10 <c>linkage</c>: one row per fixture file (README: heights rtol 1e-9, +atol 1e-12 for cosine;
/// cluster columns exact).</summary>
public class LinkageParityTests
{
    public static TheoryData<string> Files()
    {
        var d = new TheoryData<string>();
        foreach (var f in Json("manifest.json").GetProperty("fixtures").EnumerateArray())
        {
            string file = f.GetProperty("file").GetString()!;
            if (file.StartsWith("linkage_")) d.Add(file);
        }
        return d;
    }

    internal static (string Data, LinkageMethod Method, DistanceMetric Metric) Parse(string file)
    {
        var p = Path.GetFileNameWithoutExtension(file).Split('_');
        return (p[1], Enum.Parse<LinkageMethod>(p[2], true), Enum.Parse<DistanceMetric>(p[3], true));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void LinkageMatchesScipy(string file)
    {
        var (data, method, metric) = Parse(file);
        var expected = Matrix(file);
        var z = Linkage.Compute(Matrix(data + ".npy"), method, metric, DistancePrecision.Float64);
        Assert.Equal(expected.GetLength(0), z.GetLength(0));
        Close(Column(expected, 2), Column(z, 2), 1e-9, metric == DistanceMetric.Cosine ? 1e-12 : 0, "height");
        // Same algorithms as scipy, so the merge rows match exactly, X3's exact ties included.
        for (int c = 0; c < 4; c += c == 1 ? 2 : 1)
            Assert.Equal(Column(expected, c), Column(z, c));
    }

    [Fact]
    public void FromCondensedEqualsCompute()
    {
        var x = Matrix("X2.npy");
        var z1 = Linkage.FromCondensed(PairwiseDistances.Condensed(x, DistanceMetric.Cosine), LinkageMethod.Average);
        Assert.Equal(Matrix("linkage_X2_average_cosine.npy").GetLength(0), z1.GetLength(0));
        Close(Column(Matrix("linkage_X2_average_cosine.npy"), 2), Column(z1, 2), 1e-9, 1e-12, "height");
    }

    [Fact]
    public void Float32StorageStaysCloseToScipy()
    {
        var expected = Matrix("linkage_X2_centroid_euclidean.npy");
        var z = Linkage.Compute(Matrix("X2.npy"), LinkageMethod.Centroid, DistanceMetric.Euclidean, DistancePrecision.Float32);
        Close(Column(expected, 2), Column(z, 2), 1e-5, 0, "height");
    }
}

/// <summary>The scipy fixtures again with the two-core code paths (merge update, column minimum) forced on.</summary>
public class LinkageParallelPathTests
{
    [Theory]
    [InlineData("linkage_X2_centroid_euclidean.npy")]
    [InlineData("linkage_X2_average_cosine.npy")]
    [InlineData("linkage_X3_median_euclidean.npy")]
    [InlineData("linkage_X1_ward_euclidean.npy")]
    public void ParallelPathsMatchScipy(string file)
    {
        var (data, method, metric) = LinkageParityTests.Parse(file);
        int saved = Linkage.ParallelUpdateMin;
        Linkage.ParallelUpdateMin = 2;
        try
        {
            var z = Linkage.Compute(Matrix(data + ".npy"), method, metric, DistancePrecision.Float64);
            var expected = Matrix(file);
            Close(Column(expected, 2), Column(z, 2), 1e-9, metric == DistanceMetric.Cosine ? 1e-12 : 0, "height");
            Assert.Equal(Column(expected, 0), Column(z, 0));
            Assert.Equal(Column(expected, 1), Column(z, 1));
        }
        finally { Linkage.ParallelUpdateMin = saved; }
    }
}

/// <summary>scipy 1.10 <c>linkage</c> on 4 099 points with duplicate rows (tests/fixtures/clustering/large): the
/// blocked storage's ragged last tiles, the two-core merge paths and ties at height 0 on a realistic size; one row
/// per fixture file, same tolerances as <see cref="LinkageParityTests"/>.</summary>
public class LargeLinkageParityTests
{
    public static TheoryData<string> Files() => Manifest("fixtures");

    /// <summary>The files listed under <paramref name="section"/> of large/manifest.json.</summary>
    internal static TheoryData<string> Manifest(string section)
    {
        var d = new TheoryData<string>();
        foreach (var f in Json("large/manifest.json").GetProperty(section).EnumerateArray())
            d.Add(f.GetProperty("file").GetString()!);
        return d;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void LinkageMatchesScipy(string file)
    {
        var (_, method, metric) = LinkageParityTests.Parse(file);
        var expected = Matrix("large/" + file);
        var z = Linkage.Compute(Matrix("large/X5.npy"), method, metric, DistancePrecision.Float64);
        Close(Column(expected, 2), Column(z, 2), 1e-9, metric == DistanceMetric.Cosine ? 1e-12 : 0, "height");
        for (int c = 0; c < 4; c += c == 1 ? 2 : 1)
            Assert.Equal(Column(expected, c), Column(z, c));
    }

    [Theory]
    [InlineData("linkage_X5_average_cosine.npy")]
    [InlineData("linkage_X5_centroid_euclidean.npy")]
    public void FromCondensedMatchesScipy(string file)
    {
        var (_, method, metric) = LinkageParityTests.Parse(file);
        var expected = Matrix("large/" + file);
        var z = Linkage.FromCondensed(PairwiseDistances.Condensed(Matrix("large/X5.npy"), metric), method);
        Close(Column(expected, 2), Column(z, 2), 1e-9, metric == DistanceMetric.Cosine ? 1e-12 : 0, "height");
        Assert.Equal(Column(expected, 0), Column(z, 0));
        Assert.Equal(Column(expected, 1), Column(z, 1));
    }
}

/// <summary>scipy 1.10 <c>pdist</c> (Debian 12 build), bit for bit: the arithmetic <see cref="PairwiseDistances"/>
/// reproduces decides merge order at near-ties, so no tolerance.</summary>
public class PdistParityTests
{
    public static TheoryData<string> Files() => LargeLinkageParityTests.Manifest("pdist");

    [Theory]
    [MemberData(nameof(Files))]
    public void CondensedEqualsScipyExactly(string file)
    {
        var p = Path.GetFileNameWithoutExtension(file).Split('_');
        string data = p[1] == "X2" ? "X2.npy" : "large/" + p[1] + ".npy";
        var expected = Array("large/" + file).Data;
        var actual = PairwiseDistances.Condensed(Matrix(data), Enum.Parse<DistanceMetric>(p[2], true));
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            if (BitConverter.DoubleToInt64Bits(expected[i]) != BitConverter.DoubleToInt64Bits(actual[i]))
                Assert.Fail($"{file}[{i}]: expected {expected[i]:R}, got {actual[i]:R}");
    }
}
