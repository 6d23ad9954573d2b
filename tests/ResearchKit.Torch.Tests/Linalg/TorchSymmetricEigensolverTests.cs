using System.Text.Json;
using ResearchKit.Clustering;
using ResearchKit.IO;
using ResearchKit.Tests;
using ResearchKit.Torch.Linalg;

namespace ResearchKit.Torch.Tests.Linalg;

/// <summary>Spectral clustering with libtorch's eigh as the dense solver against Google spectralcluster 0.2.22 on X2
/// (tests/fixtures/clustering: spectral.json, sc_*.npy), at the fixture README's tolerances: k and labels exact,
/// eigenvalues atol 1e-9·max|λ|, embeddings atol 1e-8 up to column sign.</summary>
public class TorchSymmetricEigensolverTests
{
    private sealed class Counting(ISymmetricEigensolver inner) : ISymmetricEigensolver
    {
        public int Calls;
        public string Name => inner.Name;
        public (double[] Values, double[,] Vectors) Decompose(double[,] symmetric) { Calls++; return inner.Decompose(symmetric); }
    }

    private static string F(string name) => Fixtures.Path("clustering", name);

    [Theory]
    [InlineData("legacy")]
    [InlineData("autotune")]
    public void SpectralWithTorchEighMatchesSpectralcluster(string config)
    {
        var solver = new Counting(TorchSymmetricEigensolver.Instance);
        var options = config == "legacy" ? new SpectralOptions(RefinementOptions.Icassp2018, 2, 10) : SpectralOptions.TurnToDiarize;
        var r = new SpectralClustering(options with { Eigensolver = SpectralEigensolver.Dense, DenseSolver = solver })
            .Run(Npy.Read(F("X2.npy")).ToMatrix());
        Assert.True(solver.Calls > 0, "the torch solver was used");
        var e = JsonDocument.Parse(File.ReadAllText(F("spectral.json"))).RootElement.GetProperty(config);
        Assert.Equal(e.GetProperty("n_clusters").GetInt32(), r.ChosenK);
        Assert.Equal(e.GetProperty("labels").EnumerateArray().Select(v => v.GetInt32()), r.Labels);
        var ev = Npy.Read(F($"sc_{config}_eigenvalues.npy")).Data;
        double tol = 1e-9 * ev.Max(Math.Abs);
        Assert.Equal(ev.Length, r.Eigenvalues.Length);
        for (int i = 0; i < ev.Length; i++)
            Assert.True(Math.Abs(ev[i] - r.Eigenvalues[i]) <= tol, $"eigenvalue {i}: expected {ev[i]:R}, got {r.Eigenvalues[i]:R}");
        var emb = Npy.Read(F($"sc_{config}_spectral_embeddings.npy")).ToMatrix();
        int n = emb.GetLength(0), k = emb.GetLength(1);
        Assert.Equal(k, r.SpectralEmbeddings.GetLength(1));
        for (int c = 0; c < k; c++)
        {
            double dot = 0;
            for (int i = 0; i < n; i++) dot += emb[i, c] * r.SpectralEmbeddings[i, c];
            double sign = dot < 0 ? -1 : 1;
            for (int i = 0; i < n; i++)
                Assert.True(Math.Abs(emb[i, c] - sign * r.SpectralEmbeddings[i, c]) <= 1e-8, $"embedding [{i}, {c}]");
        }
    }

    [Fact]
    public void DecomposesASmallMatrixExactly()
    {
        // [[2, 1], [1, 2]]: eigenvalues 1 and 3, eigenvectors (1, −1)/√2 and (1, 1)/√2.
        var (values, vectors) = TorchSymmetricEigensolver.Instance.Decompose(new double[,] { { 2, 1 }, { 1, 2 } });
        Assert.Equal(1.0, values[0], 12);
        Assert.Equal(3.0, values[1], 12);
        Assert.Equal(1 / Math.Sqrt(2), Math.Abs(vectors[0, 1]), 12);
        Assert.Equal(vectors[0, 1], vectors[1, 1], 12);
        Assert.Equal(vectors[0, 0], -vectors[1, 0], 12);
    }

    [Fact]
    public void RejectsANonSquareMatrix() =>
        Assert.Throws<InvalidParameterException>(() => TorchSymmetricEigensolver.Instance.Decompose(new double[2, 3]));
}
