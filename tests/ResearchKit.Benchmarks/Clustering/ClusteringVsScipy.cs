using System.Diagnostics;
using System.Globalization;
using ResearchKit.Benchmarks.Features;
using ResearchKit.Clustering;
using ResearchKit.IO;

namespace ResearchKit.Benchmarks.Clustering;

/// <summary>
/// Side-by-side run (<c>dotnet run -c Release --project tests/ResearchKit.Benchmarks -- clustering-vs-scipy [n_ahc
/// n_kmeans n_spectral]</c>, default 10000 100000 3000): scipy_bench.py (Debian's /usr/bin/python3) writes the inputs
/// as .npy into out/bench-clustering and times scipy <c>linkage</c> (centroid/euclidean, average/cosine), sklearn
/// <c>KMeans</c> (k = 50, k-means++, seed 0) and, when importable, spectralcluster (Malaya settings, max 100 clusters:
/// dense eigensolver; ICASSP 2018 settings, max 7: block Lanczos); then the same
/// files go through ResearchKit. One run each after a small warm-up, the two sides one after the other.
/// </summary>
public static class ClusteringVsScipy
{
    public static void Run(string[] args)
    {
        int nAhc = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
        int nKm = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100_000;
        int nSp = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 3_000;
        string dir = Path.Combine(FeatureBench.RepoRoot(), "out", "bench-clustering");
        Directory.CreateDirectory(dir);
        Console.WriteLine($"AHC {nAhc}×256 (L2-normalised N(0,1)), k-means {nKm}×256 k=50 (blobs), spectral {nSp}×256 (8 blobs); " +
                          $"{Environment.ProcessorCount} cores; one run each, wall (CPU) seconds");
        var reference = RunPython(dir, nAhc, nKm, nSp);
        if (reference is null) { Console.WriteLine("reference side failed: /usr/bin/python3 with numpy, scipy and sklearn is needed"); return; }

        var x = Npy.Read(Path.Combine(dir, "ahc.npy")).ToMatrix();
        var y = Npy.Read(Path.Combine(dir, "kmeans.npy")).ToMatrix();
        var z = Npy.Read(Path.Combine(dir, "spectral.npy")).ToMatrix();
        // Warm-up (JIT, thread pool) on small slices.
        Linkage.Compute(Head(x, 300), LinkageMethod.Centroid, DistanceMetric.Euclidean);
        Linkage.Compute(Head(x, 300), LinkageMethod.Average, DistanceMetric.Cosine);
        new KMeans(new KMeansOptions(5)).Fit(Head(y, 1000));
        new SpectralClustering(SpectralOptions.Malaya).Run(Head(z, 200));

        Console.WriteLine($"{"job",-46} {"ResearchKit",20} {"reference",20} {"speed-up (wall)",16}");
        Report("AHC centroid euclidean (scipy linkage)", "ahc-centroid", reference, () => Linkage.Compute(x, LinkageMethod.Centroid, DistanceMetric.Euclidean));
        Report("AHC average cosine (scipy linkage)", "ahc-average-cosine", reference, () => Linkage.Compute(x, LinkageMethod.Average, DistanceMetric.Cosine));
        KMeansResult? km = null;
        Report("k-means k=50 (sklearn KMeans)", "kmeans", reference, () => km = new KMeans(new KMeansOptions(50)).Fit(y));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  k-means iterations / inertia: ours {km!.Iterations} / {km.Inertia:R}, sklearn {Get(reference, "kmeans-iterations")}"));
        SpectralResult? sp = null;
        Report("spectral Malaya (spectralcluster)", "spectral", reference, () => sp = new SpectralClustering(SpectralOptions.Malaya).Run(z));
        Console.WriteLine($"  spectral k: ours {sp!.ChosenK}, spectralcluster {Get(reference, "spectral-k")}");
        // max 7 clusters: the partial (block Lanczos) eigensolver path; max 100 (above) stays on the dense solver.
        Report("spectral ICASSP 2018, max 7 (spectralcluster)", "spectral-icassp", reference, () => sp = new SpectralClustering(SpectralOptions.Icassp2018).Run(z));
        Console.WriteLine($"  spectral k: ours {sp!.ChosenK}, spectralcluster {Get(reference, "spectral-icassp-k")}");
        // The same two presets with LAPACK (libtorch's eigh) as the dense solver.
        var torchEigh = ResearchKit.Torch.Linalg.TorchSymmetricEigensolver.Instance;
        torchEigh.Decompose(new double[,] { { 1 } }); // load libtorch outside the timing
        Report("spectral Malaya, torch eigh (spectralcluster)", "spectral", reference,
            () => sp = new SpectralClustering(SpectralOptions.Malaya with { DenseSolver = torchEigh }).Run(z));
        Console.WriteLine($"  spectral k: ours {sp!.ChosenK}, spectralcluster {Get(reference, "spectral-k")}");
        Report("spectral ICASSP 2018, torch eigh (spectralcluster)", "spectral-icassp", reference,
            () => sp = new SpectralClustering(SpectralOptions.Icassp2018 with { DenseSolver = torchEigh }).Run(z));
        Console.WriteLine($"  spectral k: ours {sp!.ChosenK}, spectralcluster {Get(reference, "spectral-icassp-k")}");
        var proc = Process.GetCurrentProcess();
        Console.WriteLine($"ResearchKit peak working set {proc.PeakWorkingSet64 / 1e6:F0} MB (whole run)");
    }

    private static string Get(Dictionary<string, string[]> r, string key) => r.TryGetValue(key, out var v) ? string.Join(" ", v) : "—";

    private static double[,] Head(double[,] m, int rows)
    {
        rows = Math.Min(rows, m.GetLength(0));
        int d = m.GetLength(1);
        var h = new double[rows, d];
        for (int i = 0; i < rows; i++) for (int j = 0; j < d; j++) h[i, j] = m[i, j];
        return h;
    }

    private static void Report(string name, string key, Dictionary<string, string[]> reference, Action job)
    {
        var (wall, cpu) = AhcPhases.Time(job);
        string theirs = "—", ratio = "—";
        if (reference.TryGetValue(key, out var r) && r.Length >= 2 &&
            double.TryParse(r[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double tw) &&
            double.TryParse(r[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double tc))
        {
            theirs = string.Create(CultureInfo.InvariantCulture, $"{tw:0.000} ({tc:0.000})");
            ratio = string.Create(CultureInfo.InvariantCulture, $"{tw / wall:0.0}×");
        }
        else if (r is not null) theirs = "not measured";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-46} {$"{wall:0.000} ({cpu:0.000})",20} {theirs,20} {ratio,16}"));
        if (r is not null && theirs == "not measured") Console.WriteLine("  " + string.Join(" ", r.Skip(2)));
    }

    private static Dictionary<string, string[]>? RunPython(string dir, int nAhc, int nKm, int nSp)
    {
        const string py = "/usr/bin/python3";
        if (!File.Exists(py)) return null;
        string script = Path.Combine(FeatureBench.RepoRoot(), "tests", "ResearchKit.Benchmarks", "Clustering", "scipy_bench.py");
        var psi = new ProcessStartInfo(py) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { script, dir, nAhc.ToString(CultureInfo.InvariantCulture), nKm.ToString(CultureInfo.InvariantCulture), nSp.ToString(CultureInfo.InvariantCulture) })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) { Console.WriteLine(stderr.Result); return null; }
        var d = new Dictionary<string, string[]>();
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ', 2);
            if (parts.Length == 2) d[parts[0]] = parts[1].Split(' ');
        }
        return d;
    }
}
