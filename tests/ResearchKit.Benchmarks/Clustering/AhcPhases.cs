using System.Diagnostics;
using System.Globalization;
using ResearchKit.Clustering;

namespace ResearchKit.Benchmarks.Clustering;

/// <summary>
/// Where AHC time goes (<c>-- ahc-phases [n …]</c>, default 10000): for centroid/euclidean and average/cosine on
/// n×256 L2-normalised Gaussian vectors, wall and process CPU seconds of input validation, the condensed distance
/// fill and the linkage loop, measured separately (best of RK_AHC_REPS runs, default 2, after a warm-up; the linkage median is printed too). RK_AHC_METHOD=centroid|average runs
/// one method only; RK_AHC_SERIAL=1 keeps the linkage loop on one core.
/// </summary>
public static class AhcPhases
{
    public static void Run(string[] args)
    {
        var sizes = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [10_000];
        if (Environment.GetEnvironmentVariable("RK_AHC_SERIAL") == "1") Linkage.ParallelUpdateMin = int.MaxValue;
        Linkage.Compute(BenchData.UnitGaussian(300, 256, 1), LinkageMethod.Centroid);
        Linkage.Compute(BenchData.UnitGaussian(300, 256, 1), LinkageMethod.Average, DistanceMetric.Cosine);
        Console.WriteLine($"{"n",7} {"method",-18} {"validate",16} {"distances",16} {"linkage",16} {"total",16}   wall (CPU) s");
        foreach (int n in sizes)
        {
            var x = BenchData.UnitGaussian(n, 256, 42);
            foreach (var (method, metric) in new[] { (LinkageMethod.Centroid, DistanceMetric.Euclidean), (LinkageMethod.Average, DistanceMetric.Cosine) })
            {
                if (Environment.GetEnvironmentVariable("RK_AHC_METHOD") is { Length: > 0 } only && !only.Equals(method.ToString(), StringComparison.OrdinalIgnoreCase)) continue;
                (double W, double C) bv = (1e9, 0), bd = (1e9, 0), bl = (1e9, 0);
                var linkageWalls = new List<double>();
                for (int rep = 0; rep < Reps; rep++)
                {
                    long len = 0;
                    var v = Time(() => len = PairwiseDistances.Validate(x, metric, "x"));
                    var layout = new TiledLayout(n);
                    using var d = new NativeBuffer<float>(layout.Length);
                    if (Environment.GetEnvironmentVariable("RK_AHC_PREFAULT") == "1")
                    {
                        var pf = Time(() => d.Span.Clear());
                        Console.WriteLine($"  page faults + zeroing {pf.W:0.000} s");
                    }
                    var f = Time(() => Fill(x, metric, d, layout));
                    var l = Time(() => Linkage.Run(d, n, method));
                    if (v.W < bv.W) bv = v;
                    if (f.W < bd.W) bd = f;
                    if (l.W < bl.W) bl = l;
                    linkageWalls.Add(l.W);
                }
                linkageWalls.Sort();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{n,7} {method.ToString().ToLowerInvariant() + "/" + metric.ToString().ToLowerInvariant(),-18} {F(bv),16} {F(bd),16} {F(bl),16} {F((bv.W + bd.W + bl.W, bv.C + bd.C + bl.C)),16}   linkage median {linkageWalls[linkageWalls.Count / 2]:0.000}"));
            }
        }
        Console.WriteLine($"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB");
    }

    private static unsafe void Fill(double[,] x, DistanceMetric metric, NativeBuffer<float> d, TiledLayout layout) =>
        PairwiseDistances.Fill(x, metric, d.Pointer, layout, exact: false);

    private static readonly int Reps = int.TryParse(Environment.GetEnvironmentVariable("RK_AHC_REPS"), out int r) && r > 0 ? r : 2;

    private static string F((double W, double C) t) => string.Create(CultureInfo.InvariantCulture, $"{t.W:0.000} ({t.C:0.000})");

    /// <summary>Wall and process CPU seconds of <paramref name="a"/>.</summary>
    internal static (double W, double C) Time(Action a)
    {
        var p = Process.GetCurrentProcess();
        p.Refresh();
        var c0 = p.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        a();
        double w = sw.Elapsed.TotalSeconds;
        p.Refresh();
        return (w, (p.TotalProcessorTime - c0).TotalSeconds);
    }
}
