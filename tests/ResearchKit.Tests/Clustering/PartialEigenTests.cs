using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using ResearchKit.Clustering;
using static ResearchKit.Tests.Clustering.ClusteringFixtures;

namespace ResearchKit.Tests.Clustering;

/// <summary>The block-Lanczos partial eigensolver against MathNet's full symmetric eigendecomposition: eigenvalues
/// rtol 1e-6 (relative to the largest |λ|), eigenvectors up to sign (atol 1e-6).</summary>
public class PartialEigenTests
{
    /// <summary>(cos+1)/2 affinity of 600 random 32-d vectors around 6 centres, as spectral clustering builds it.</summary>
    private static double[,] RandomAffinity(int n, int seed)
    {
        var rng = new Random(seed);
        int d = 32;
        var centres = new double[6, d];
        for (int c = 0; c < 6; c++) for (int j = 0; j < d; j++) centres[c, j] = rng.NextDouble() * 2 - 1;
        var x = new double[n, d];
        for (int i = 0; i < n; i++)
        {
            int c = rng.Next(6);
            for (int j = 0; j < d; j++) x[i, j] = centres[c, j] + 0.8 * (rng.NextDouble() * 2 - 1);
        }
        return AffinityRefinement.CosineAffinity(x);
    }

    private static (double[] Values, double[,] Vectors) Full(double[,] a, bool largest)
    {
        var evd = Matrix<double>.Build.DenseOfArray(a).Evd(Symmetricity.Symmetric);
        int n = a.GetLength(0);
        var vals = evd.EigenValues.Select(z => z.Real).ToArray();
        var order = Enumerable.Range(0, n).OrderBy(i => largest ? -vals[i] : vals[i]).ToArray();
        var v = new double[n, n];
        for (int c = 0; c < n; c++) for (int r = 0; r < n; r++) v[r, c] = evd.EigenVectors[r, order[c]];
        return (order.Select(i => vals[i]).ToArray(), v);
    }

    private static void AssertSame((double[] Values, double[,] Vectors) full, PartialEigenResult part, int count, bool vectors = true)
    {
        double scale = full.Values.Max(Math.Abs);
        Close(full.Values.Take(count).ToArray(), part.Values, 0, 1e-6 * scale, "eigenvalues");
        if (!vectors) return;
        int n = full.Vectors.GetLength(0);
        for (int c = 0; c < count; c++)
        {
            var e = Column(full.Vectors, c);
            var a = Column(part.Vectors, c);
            double dot = e.Zip(a, (p, q) => p * q).Sum();
            Close(e, a.Select(v => dot < 0 ? -v : v).ToArray(), 0, 1e-6, $"vector {c}");
        }
        Assert.Equal(n, part.Vectors.GetLength(0));
    }

    [Fact]
    public void LargestEigenpairsOfAnAffinityMatchTheFullDecomposition()
    {
        var a = RandomAffinity(600, 5);
        var part = PartialEigen.Compute(a, 21, largest: true)!;
        var full = Full(a, largest: true);
        AssertSame(full, part, 21);
        Assert.Equal(full.Values[0], part.Largest, 1e-9);
        Assert.True(part.KrylovDimension < 600, $"Krylov dimension {part.KrylovDimension} should be well below n");
    }

    [Fact]
    public void SmallestEigenpairsOfALaplacianMatchTheFullDecomposition()
    {
        var a = RandomAffinity(500, 9);
        int n = a.GetLength(0);
        var l = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            double deg = 0;
            for (int j = 0; j < n; j++) deg += a[i, j];
            for (int j = 0; j < n; j++) l[i, j] = (i == j ? deg : 0) - a[i, j];
        }
        var part = PartialEigen.Compute(l, 11, largest: false)!;
        var full = Full(l, largest: false);
        AssertSame(full, part, 11);
        Assert.Equal(full.Values[^1], part.Largest, 1e-9 * full.Values[^1]);
    }

    [Fact]
    public void RepeatedEigenvaluesAreAllFound()
    {
        // blockdiag(B, B): every eigenvalue twice. A single-vector Lanczos would find one copy of each; blocks find both.
        var b = RandomAffinity(150, 3);
        var a = new double[300, 300];
        for (int i = 0; i < 150; i++)
            for (int j = 0; j < 150; j++) { a[i, j] = b[i, j]; a[150 + i, 150 + j] = b[i, j]; }
        var part = PartialEigen.Compute(a, 12, largest: true)!;
        AssertSame(Full(a, largest: true), part, 12, vectors: false);
    }

    [Fact]
    public void BadArgumentsNameTheParameter()
    {
        Assert.Contains("count", Assert.Throws<InvalidParameterException>(() => PartialEigen.Compute(new double[3, 3], 4, true)).Message);
        Assert.Contains("square", Assert.Throws<InvalidParameterException>(() => PartialEigen.Compute(new double[3, 2], 1, true)).Message);
    }
}
