using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using ResearchKit.Clustering;
using ResearchKit.Corpus;

namespace ResearchKit.Benchmarks.Corpus;

/// <summary>
/// <c>link-speakers</c> at corpus scale: 20k and 100k synthetic 256-d per-recording speakers (one global speaker per 4
/// local ones on average, within-speaker cosine ≈ 0.74), grouped at the seed's three thresholds (malaya 0.9/0.85/0.8
/// = cosine 0.8/0.7/0.6). One cold run each (a 100k run takes minutes); the peak working set is printed after each run.
/// Run: <c>dotnet run -c Release --project tests/ResearchKit.Benchmarks -- --filter '*LinkSpeakers*'</c>.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1)]
[MemoryDiagnoser]
public class LinkSpeakersBenchmarks
{
    private LocalSpeakers _speakers = null!;

    [Params(20_000, 100_000)]
    public int Speakers { get; set; }

    [GlobalSetup]
    public void Setup() => _speakers = Synthetic(Speakers, 256, seed: 1);

    [Benchmark]
    public int LinkAtThreeThresholds() =>
        SpeakerLinking.Run(_speakers, GraphGroupingOptions.Malaya).Levels[^1].Groups;

    [GlobalCleanup]
    public void Report() =>
        Console.WriteLine($"// peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:0} MB ({Speakers} speakers)");

    /// <summary>Local speakers around n/4 random global identities: centroid = normalise(identity + 0.6·noise).</summary>
    public static LocalSpeakers Synthetic(int n, int d, int seed)
    {
        var rng = new Random(seed);
        int g = Math.Max(1, n / 4);
        var identity = new float[g, d];
        for (int i = 0; i < g; i++) for (int k = 0; k < d; k++) identity[i, k] = (float)Gauss(rng);
        var x = new float[n, d];
        for (int i = 0; i < n; i++)
        {
            int t = rng.Next(g);
            for (int k = 0; k < d; k++) x[i, k] = identity[t, k] + 0.6f * (float)Gauss(rng);
        }
        var names = Enumerable.Range(0, n).Select(i => $"video{i / 3:000000}-speaker {i % 3}").ToArray();
        return LocalSpeakers.FromVectors(names, x, Enumerable.Repeat(60.0, n).ToArray());
    }

    private static double Gauss(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());
}
