using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using ResearchKit.Clustering;

namespace ResearchKit.Benchmarks.Clustering;

/// <summary>Synthetic data shaped like the scipy/sklearn timings in tests/fixtures/clustering/README.reference.md.</summary>
internal static class BenchData
{
    /// <summary>N(0,1) rows in R^d, L2-normalised (the fixture README's default_rng(7) data, other generator).</summary>
    public static double[,] UnitGaussian(int n, int d, int seed)
    {
        var rng = new Random(seed);
        var x = new double[n, d];
        for (int i = 0; i < n; i++)
        {
            double s = 0;
            for (int j = 0; j < d; j++) { x[i, j] = Normal(rng); s += x[i, j] * x[i, j]; }
            s = Math.Sqrt(s);
            for (int j = 0; j < d; j++) x[i, j] /= s;
        }
        return x;
    }

    /// <summary>k centres 3·N(0,1), rows = centre + N(0,1) (the README's KMeans data, default_rng(8)).</summary>
    public static double[,] Blobs(int n, int d, int k, int seed)
    {
        var rng = new Random(seed);
        var c = new double[k, d];
        for (int i = 0; i < k; i++) for (int j = 0; j < d; j++) c[i, j] = 3 * Normal(rng);
        var x = new double[n, d];
        for (int i = 0; i < n; i++)
        {
            int l = rng.Next(k);
            for (int j = 0; j < d; j++) x[i, j] = c[l, j] + Normal(rng);
        }
        return x;
    }

    private static double Normal(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());

    /// <summary>Printed into the BenchmarkDotNet log from the benchmark process (one process per case).</summary>
    public static void ReportPeak(string what) =>
        Console.WriteLine($"// {what}: peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB, " +
                          $"CPU {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:F1} s, {Environment.ProcessorCount} cores");
}

/// <summary>AHC (pdist + linkage) on L2-normalised 256-d vectors. scipy 1.10 on this machine (fixture README):
/// centroid 5k 4.29 s, 10k 22.2 s; average+cosine 10k 21.4 s. Run once each (ColdStart, one iteration).</summary>
[SimpleJob(RunStrategy.ColdStart, launchCount: 1, warmupCount: 0, iterationCount: 1)]
[MemoryDiagnoser]
public class AhcBenchmarks
{
    private double[,] _x = null!;

    [Params(2000, 5000, 10000, 20000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup() => _x = BenchData.UnitGaussian(N, 256, 7);

    [Benchmark]
    public double[,] CentroidEuclidean() => Linkage.Compute(_x, LinkageMethod.Centroid, DistanceMetric.Euclidean);

    [Benchmark]
    public double[,] AverageCosine() => Linkage.Compute(_x, LinkageMethod.Average, DistanceMetric.Cosine);

    [GlobalCleanup]
    public void Cleanup() => BenchData.ReportPeak($"AHC n={N}");
}

/// <summary>Spectral clustering with the Malaya preset (ICASSP 2018 refinement, MathNet eigensolver) on 256-d vectors.</summary>
[SimpleJob(RunStrategy.ColdStart, launchCount: 1, warmupCount: 0, iterationCount: 1)]
[MemoryDiagnoser]
public class SpectralBenchmarks
{
    private double[,] _x = null!;

    [Params(1000, 3000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup() => _x = BenchData.Blobs(N, 256, 8, 3);

    [Benchmark]
    public SpectralResult Malaya() => new SpectralClustering(SpectralOptions.Malaya).Run(_x);

    [GlobalCleanup]
    public void Cleanup() => BenchData.ReportPeak($"spectral n={N}");
}

/// <summary>k-means 100 000×256, k = 50, k-means++ (n_init 1, seed 0), sklearn's Lloyd. sklearn 1.2: 10.8 s (fixture README).
/// Online clustering on the same 100 000 rows (cosine ≥ 0.5, running mean).</summary>
[SimpleJob(RunStrategy.ColdStart, launchCount: 1, warmupCount: 0, iterationCount: 1)]
[MemoryDiagnoser]
public class KMeansOnlineBenchmarks
{
    private double[,] _x = null!;

    [GlobalSetup]
    public void Setup() => _x = BenchData.Blobs(100_000, 256, 50, 8);

    [Benchmark]
    public KMeansResult KMeans100k() => new KMeans(new KMeansOptions(50)).Fit(_x);

    [Benchmark]
    public OnlineResult Online100k() => new OnlineClustering(new OnlineOptions(0.5)).Run(_x);

    [GlobalCleanup]
    public void Cleanup() => BenchData.ReportPeak("k-means/online 100k");
}
