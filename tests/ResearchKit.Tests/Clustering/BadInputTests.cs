using ResearchKit.Clustering;

namespace ResearchKit.Tests.Clustering;

/// <summary>One test per bad-input case of issue 12: each fails with a ResearchKitException naming the problem.</summary>
public class BadInputTests
{
    private static double[,] Data(int n = 5, int d = 3)
    {
        var x = new double[n, d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++) x[i, j] = 1 + i * 0.5 + j * (i % 2 == 0 ? 1 : -1);
        return x;
    }

    [Fact]
    public void NaNRowIsNamed()
    {
        var x = Data();
        x[3, 1] = double.NaN;
        var e = Assert.Throws<InvalidParameterException>(() => Linkage.Compute(x, LinkageMethod.Average));
        Assert.Contains("row 3", e.Message);
        Assert.Contains("NaN", e.Message);
    }

    [Fact]
    public void InfinityRowIsNamed()
    {
        var x = Data();
        x[2, 0] = double.PositiveInfinity;
        var e = Assert.Throws<InvalidParameterException>(() => new KMeans(new KMeansOptions(2)).Fit(x));
        Assert.Contains("row 2", e.Message);
    }

    [Fact]
    public void AllZeroVectorIsNamedForCosine()
    {
        var x = Data();
        for (int j = 0; j < 3; j++) x[4, j] = 0;
        var e = Assert.Throws<InvalidParameterException>(() => new SpectralClustering(SpectralOptions.Malaya).Run(x));
        Assert.Contains("row 4", e.Message);
        Assert.Contains("all-zero", e.Message);
        // The euclidean metric is defined for zero vectors, so it is accepted there.
        Assert.Equal(4, Linkage.Compute(x, LinkageMethod.Ward).GetLength(0));
    }

    [Fact]
    public void FewerThanTwoRows()
    {
        var e = Assert.Throws<InvalidParameterException>(() => new AgglomerativeClustering(AhcOptions.Pyannote31).Run(Data(1)));
        Assert.Contains("at least 2", e.Message);
    }

    [Fact]
    public void MoreClustersThanRows()
    {
        var e = Assert.Throws<InvalidParameterException>(() => new KMeans(new KMeansOptions(6)).Fit(Data(5)));
        Assert.Contains("only 5 rows", e.Message);
        Assert.Throws<InvalidParameterException>(() => new AgglomerativeClustering(new AhcOptions()).Run(Data(5), SpeakerCount.Exactly(6)));
    }

    [Fact]
    public void MinGreaterThanMax()
    {
        var e = Assert.Throws<InvalidParameterException>(() =>
            new AgglomerativeClustering(new AhcOptions(Threshold: 1)).Run(Data(), SpeakerCount.Between(4, 2)));
        Assert.Contains("greater than max", e.Message);
    }

    [Fact]
    public void MismatchedDimensions()
    {
        var e = Assert.Throws<InvalidParameterException>(() => new KMeans(new KMeansOptions(2, Init: new double[2, 4])).Fit(Data(5, 3)));
        Assert.Contains("2×4", e.Message);
        var dir = Fixtures.TempDir();
        var csv = Path.Combine(dir, "ragged.csv");
        File.WriteAllText(csv, "a,b,c\n1,2,3\n4,5\n");
        var f = Assert.Throws<InvalidInputFileException>(() => ClusteringFiles.ReadMatrix(csv));
        Assert.Contains("ragged.csv:3", f.Message);
    }

    [Fact]
    public void NonSquareAffinity()
    {
        var e = Assert.Throws<InvalidParameterException>(() => new SpectralClustering(SpectralOptions.Malaya).RunAffinity(new double[4, 5]));
        Assert.Contains("square", e.Message);
    }

    [Fact]
    public void AsymmetricAffinity()
    {
        var a = new double[4, 4];
        for (int i = 0; i < 4; i++) a[i, i] = 1;
        a[0, 1] = 0.9; a[1, 0] = 0.2;
        var e = Assert.Throws<InvalidParameterException>(() => new SpectralClustering(SpectralOptions.Malaya).RunAffinity(a));
        Assert.Contains("not symmetric", e.Message);
        Assert.Contains("A[0,1]", e.Message);
    }

    [Fact]
    public void CondensedMatrixOfWrongLength()
    {
        var e = Assert.Throws<InvalidParameterException>(() => Linkage.FromCondensed(new double[7], LinkageMethod.Single));
        Assert.Contains("n(n−1)/2", e.Message);
    }
}
