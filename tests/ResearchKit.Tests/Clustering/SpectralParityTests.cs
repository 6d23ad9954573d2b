using ResearchKit.Clustering;
using static ResearchKit.Tests.Clustering.ClusteringFixtures;

namespace ResearchKit.Tests.Clustering;

/// <summary>Google spectralcluster 0.2.22 on X2 (spectral.json and sc_*.npy), one row per fixture file; tolerances from
/// the fixture README (float64 affinities rtol 1e-12, float32-stored ones 1e-6, eigenvalues atol 1e-9·max|λ|,
/// embeddings atol 1e-8 up to column sign, k and labels exact, autotune ratios rtol 1e-9).</summary>
public class SpectralParityTests
{
    private static readonly Lazy<SpectralResult> Legacy = new(() =>
        new SpectralClustering(new SpectralOptions(RefinementOptions.Icassp2018, 2, 10, KeepIntermediates: true)).Run(Matrix("X2.npy")));

    private static readonly Lazy<SpectralResult> AutoTune = new(() =>
        new SpectralClustering(SpectralOptions.TurnToDiarize with { KeepIntermediates = true }).Run(Matrix("X2.npy")));

    private static SpectralResult For(string config) => config == "legacy" ? Legacy.Value : AutoTune.Value;

    // The same two configurations through the partial (block Lanczos) eigensolver: only the 11 leading eigenpairs.
    private static readonly Lazy<SpectralResult> LegacyLanczos = new(() =>
        new SpectralClustering(new SpectralOptions(RefinementOptions.Icassp2018, 2, 10, Eigensolver: SpectralEigensolver.Lanczos)).Run(Matrix("X2.npy")));

    private static readonly Lazy<SpectralResult> AutoTuneLanczos = new(() =>
        new SpectralClustering(SpectralOptions.TurnToDiarize with { Eigensolver = SpectralEigensolver.Lanczos }).Run(Matrix("X2.npy")));

    /// <summary>Partial eigensolver on both fixture configurations: k, labels, the 11 leading eigenvalues (atol
    /// 1e-9·max|λ|), the embeddings (atol 1e-8 up to column sign) and, for AutoTune, every trial's k and ratio.</summary>
    [Theory]
    [InlineData("legacy")]
    [InlineData("autotune")]
    public void LanczosEigensolverGivesSpectralclustersResult(string config)
    {
        var e = Json("spectral.json").GetProperty(config);
        var r = config == "legacy" ? LegacyLanczos.Value : AutoTuneLanczos.Value;
        Assert.Equal(e.GetProperty("n_clusters").GetInt32(), r.ChosenK);
        Assert.Equal(Ints(e.GetProperty("labels")), r.Labels);
        var ev = Array($"sc_{config}_eigenvalues.npy").Data;
        Assert.Equal(11, r.Eigenvalues.Length);
        Close(ev.AsSpan(0, 11), r.Eigenvalues, 0, 1e-9 * ev.Max(Math.Abs), "eigenvalues");
        var emb = Array($"sc_{config}_spectral_embeddings.npy");
        Close(emb.Data, PairwiseDistances.Flat(Flip(r.SpectralEmbeddings, Signs(emb.ToMatrix(), r.SpectralEmbeddings))).ToArray(), 0, 1e-8, "embeddings");
        if (config == "legacy") Close([e.GetProperty("max_eigengap_ratio").GetDouble()], [r.MaxEigengap], 1e-9, 0, "gap");
        else
        {
            var search = e.GetProperty("search").EnumerateArray().ToArray();
            Assert.Equal(search.Length, r.Search.Count);
            for (int i = 0; i < search.Length; i++)
            {
                Assert.Equal(search[i].GetProperty("n_clusters").GetInt32(), r.Search[i].NumClusters);
                Close([search[i].GetProperty("ratio_sqrt(1-p)/gap").GetDouble()], [r.Search[i].Ratio], 1e-9, 0, $"ratio[{i}]");
            }
            Assert.Equal(e.GetProperty("best_p_percentile").GetDouble(), r.PPercentile);
        }
    }

    public static TheoryData<string> Files()
    {
        var d = new TheoryData<string>();
        foreach (var f in Json("manifest.json").GetProperty("fixtures").EnumerateArray())
        {
            string file = f.GetProperty("file").GetString()!;
            if (file.StartsWith("sc_")) d.Add(file);
        }
        return d;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void IntermediateMatchesSpectralcluster(string file)
    {
        string config = file.Split('_')[1];
        var r = For(config);
        var expected = Array(file);
        if (file.Contains("_affinity_"))
        {
            int step = int.Parse(file.Split('_')[3]);
            var actual = r.Affinities[step].Affinity;
            Assert.Equal(file.Split('_')[4].Replace(".npy", ""), r.Affinities[step].Step);
            double rtol = expected.DType == ResearchKit.IO.NpyDType.Float32 ? 1e-6 : 1e-12;
            Close(expected.Data, PairwiseDistances.Flat(actual).ToArray(), rtol, 0, file);
        }
        else if (file.EndsWith("_eigenvalues.npy"))
        {
            double max = expected.Data.Max(Math.Abs);
            Close(expected.Data, r.Eigenvalues, 0, 1e-9 * max, file);
        }
        else if (file.EndsWith("_spectral_embeddings.npy"))
        {
            var e = expected.ToMatrix();
            var signs = Signs(e, r.SpectralEmbeddings);
            Close(expected.Data, PairwiseDistances.Flat(Flip(r.SpectralEmbeddings, signs)).ToArray(), 0, 1e-8, file);
        }
        else if (file.EndsWith("_kmeans_init.npy"))
        {
            // Our k-means++ replays numpy's MT19937 stream, so the centres match up to the embeddings' column signs.
            var signs = Signs(Array($"sc_{config}_spectral_embeddings.npy").ToMatrix(), r.SpectralEmbeddings);
            Close(expected.Data, PairwiseDistances.Flat(Flip(r.KMeansInit, signs)).ToArray(), 0, 1e-8, file);
            // Started from the library's own centres, the custom k-means gives the library's labels exactly.
            var emb = Flip(r.SpectralEmbeddings, signs);
            var labels = SpectralClustering.CustomKMeans(emb, expected.ToMatrix(), 300, SpectralKMeansDistance.Cosine);
            Assert.Equal(Ints(Json("spectral.json").GetProperty(config).GetProperty("labels")), labels);
        }
        else Assert.Fail("unknown fixture " + file);
    }

    [Theory]
    [InlineData("legacy")]
    [InlineData("autotune")]
    public void ChosenKAndLabelsMatchSpectralcluster(string config)
    {
        var e = Json("spectral.json").GetProperty(config);
        var r = For(config);
        Assert.Equal(e.GetProperty("n_clusters").GetInt32(), r.ChosenK);
        Assert.Equal(Ints(e.GetProperty("labels")), r.Labels);
        if (config == "legacy")
            Close([e.GetProperty("max_eigengap_ratio").GetDouble()], [r.MaxEigengap], 1e-9, 0, "gap");
    }

    [Fact]
    public void AutoTuneSearchMatchesSpectralcluster()
    {
        var e = Json("spectral.json").GetProperty("autotune");
        var r = AutoTune.Value;
        var grid = Doubles(e.GetProperty("p_percentile_grid"));
        Assert.Equal(grid, SpectralClustering.PercentileRange(0.40, 0.95, 0.05)); // exact, 0.7849999999999999 included
        var search = e.GetProperty("search").EnumerateArray().ToArray();
        Assert.Equal(search.Length, r.Search.Count);
        for (int i = 0; i < search.Length; i++)
        {
            Assert.Equal(search[i].GetProperty("p_percentile").GetDouble(), r.Search[i].PPercentile);
            Assert.Equal(search[i].GetProperty("n_clusters").GetInt32(), r.Search[i].NumClusters);
            Close([search[i].GetProperty("ratio_sqrt(1-p)/gap").GetDouble()], [r.Search[i].Ratio], 1e-9, 0, $"ratio[{i}]");
        }
        Assert.Equal(e.GetProperty("best_p_percentile").GetDouble(), r.PPercentile);
    }

    private static int[] Signs(double[,] expected, double[,] actual)
    {
        int n = expected.GetLength(0), k = expected.GetLength(1);
        Assert.Equal(k, actual.GetLength(1));
        var s = new int[k];
        for (int j = 0; j < k; j++)
        {
            double dot = 0;
            for (int i = 0; i < n; i++) dot += expected[i, j] * actual[i, j];
            s[j] = dot < 0 ? -1 : 1;
        }
        return s;
    }

    private static double[,] Flip(double[,] m, int[] s)
    {
        var r = (double[,])m.Clone();
        for (int i = 0; i < r.GetLength(0); i++)
            for (int j = 0; j < r.GetLength(1); j++) r[i, j] *= s[j];
        return r;
    }
}
