using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ResearchKit.Clustering;

/// <summary>Options of <see cref="KMeans"/>, named after scikit-learn 1.2's <c>KMeans</c> arguments.</summary>
/// <param name="NumClusters">k (<c>n_clusters</c>); overridden by an exact <see cref="SpeakerCount"/>.</param>
/// <param name="NInit">Number of k-means++ restarts (<c>n_init</c>); the run with the lowest inertia wins. Ignored with <paramref name="Init"/>.</param>
/// <param name="MaxIter">Lloyd iterations at most (<c>max_iter</c>).</param>
/// <param name="Tol">Relative tolerance (<c>tol</c>): stop when the squared centre shift is ≤ tol·mean(var(X, axis=0)).</param>
/// <param name="Seed">Seed of the MT19937 stream (<c>random_state</c>); 0 reproduces scikit-learn's k-means++ picks.</param>
/// <param name="Init">Explicit k×d initial centres (<c>init=array</c>), or null for k-means++.</param>
public sealed record KMeansOptions(int NumClusters = 8, int NInit = 1, int MaxIter = 300, double Tol = 1e-4, uint Seed = 0, double[,]? Init = null)
{
    /// <summary>scikit-learn 1.2 defaults with n_init=1 (what spectralcluster and the benchmarks call).</summary>
    public static KMeansOptions Sklearn12 { get; } = new();
}

/// <summary>Result of <see cref="KMeans"/>.</summary>
/// <param name="Labels">0-based cluster of each row (<c>labels_</c>).</param>
/// <param name="Centers">k×d centres (<c>cluster_centers_</c>).</param>
/// <param name="Inertia">Sum of squared distances to the closest centre (<c>inertia_</c>).</param>
/// <param name="Iterations">Lloyd iterations of the winning run (<c>n_iter_</c>).</param>
public sealed record KMeansResult(int[] Labels, double[,] Centers, double Inertia, int Iterations) : ClusteringResult(Labels);

/// <summary>
/// Lloyd's k-means exactly as scikit-learn 1.2 runs it (<c>sklearn/cluster/_kmeans.py</c>, <c>_kmeans_single_lloyd</c>):
/// data centred on its mean first; k-means++ with 2+⌊ln k⌋ local trials; assignment by ‖c‖² − 2x·c; stop on
/// unchanged labels or squared centre shift ≤ tol·mean(var(X)); a final assignment step; empty clusters
/// re-seeded with the farthest points. Parallel over rows and deterministic: per-row work is independent of
/// the thread count, and sums over rows are per-chunk partial sums reduced in chunk order.
/// </summary>
public sealed class KMeans(KMeansOptions options) : IClusterer
{
    /// <summary>The options in use.</summary>
    public KMeansOptions Options { get; } = options;

    /// <inheritdoc />
    public ClusteringResult Cluster(double[,] x, SpeakerCount? count = null) => Fit(x, count);

    /// <summary>Runs k-means on the rows of <paramref name="x"/> (n×d).</summary>
    /// <exception cref="InvalidParameterException">Bad data, k &lt; 1, k &gt; n, or initial centres of the wrong shape.</exception>
    public KMeansResult Fit(double[,] x, SpeakerCount? count = null)
    {
        int n = x.GetLength(0), d = x.GetLength(1);
        CheckFinite(x);
        int k = Options.Init?.GetLength(0) ?? Options.NumClusters;
        if (count is { IsExact: true }) k = count.Min!.Value;
        else if (count is not null) k = count.Clamp(k);
        if (k < 1) throw new InvalidParameterException("num-clusters", $"is {k}; k-means needs at least 1 cluster.");
        if (k > n) throw new InvalidParameterException("num-clusters", $"asks for {k} clusters but there are only {n} rows; ask for at most {n}.");
        if (Options.Init is { } init && (init.GetLength(0) != k || init.GetLength(1) != d))
            throw new InvalidParameterException("init", $"initial centres are {init.GetLength(0)}×{init.GetLength(1)} but {k}×{d} are needed (k clusters × data dimension).");
        if (Options.MaxIter < 1) throw new InvalidParameterException("max-iter", $"is {Options.MaxIter}; use at least 1.");

        // sklearn subtracts the column means for more accurate distances, and adds them back at the end.
        var mean = new double[d];
        var xc = new double[n * d];
        var flat = PairwiseDistances.Flat(x);
        for (int i = 0; i < n; i++) TensorPrimitives.Add(mean, flat.Slice(i * d, d), mean);
        TensorPrimitives.Divide(mean, n, mean);
        // Column sums of squares accumulated row by row (cache-friendly; each column still sums in row order).
        var sq = new double[d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++) { double v = flat[i * d + j] - mean[j]; sq[j] += v * v; }
        double varSum = 0;
        for (int j = 0; j < d; j++) varSum += sq[j] / n;
        double tolAbs = varSum / d * Options.Tol;
        for (int i = 0; i < n; i++) TensorPrimitives.Subtract(flat.Slice(i * d, d), mean, xc.AsSpan(i * d, d));
        var xsq = new double[n];
        for (int i = 0; i < n; i++) xsq[i] = TensorPrimitives.Dot(xc.AsSpan(i * d, d), xc.AsSpan(i * d, d));

        var rng = new Mt19937(Options.Seed);
        KMeansResult? best = null;
        int runs = Options.Init is null ? Math.Max(1, Options.NInit) : 1;
        for (int r = 0; r < runs; r++)
        {
            double[] centers;
            if (Options.Init is { } ini)
            {
                centers = new double[k * d];
                for (int c = 0; c < k; c++)
                    for (int j = 0; j < d; j++) centers[c * d + j] = ini[c, j] - mean[j];
            }
            else centers = PlusPlus(xc, xsq, n, d, k, rng);
            var (labels, cent, inertia, iters) = Lloyd(xc, n, d, k, centers, Options.MaxIter, tolAbs);
            if (best is null || (inertia < best.Inertia && !SameClustering(labels, best.Labels, k)))
            {
                var cm = new double[k, d];
                for (int c = 0; c < k; c++)
                    for (int j = 0; j < d; j++) cm[c, j] = cent[c * d + j] + mean[j];
                best = new KMeansResult(labels, cm, inertia, iters);
            }
        }
        return best!;
    }

    internal static void CheckFinite(double[,] x)
    {
        int n = x.GetLength(0), d = x.GetLength(1);
        if (n < 1 || d < 1) throw new InvalidParameterException("x", $"the data is {n}×{d}; pass at least one row with at least one dimension.");
        var f = PairwiseDistances.Flat(x);
        for (int i = 0; i < n; i++)
            foreach (var v in f.Slice(i * d, d))
                if (!double.IsFinite(v))
                    throw new InvalidParameterException("x", $"row {i} contains NaN or infinity; remove or repair that vector before clustering.");
    }

    private static bool SameClustering(int[] a, int[] b, int k)
    {
        var map = new int[k];
        Array.Fill(map, -1);
        for (int i = 0; i < a.Length; i++)
        {
            if (map[b[i]] == -1) map[b[i]] = a[i];
            else if (map[b[i]] != a[i]) return false;
        }
        return true;
    }

    /// <summary>Greedy k-means++ as sklearn's <c>_kmeans_plusplus</c> (squared distances ‖x‖² + ‖c‖² − 2x·c clipped at 0).</summary>
    internal static double[] PlusPlus(double[] xc, double[] xsq, int n, int d, int k, Mt19937 rng)
    {
        var centers = new double[k * d];
        int trials = 2 + (int)Math.Log(k);
        int first = rng.NextInt(n);
        xc.AsSpan(first * d, d).CopyTo(centers.AsSpan(0, d));
        var closest = SqDistancesTo(xc, xsq, n, d, [first], null)[0];
        double pot = Sum(closest);
        var cumsum = new double[n];
        for (int c = 1; c < k; c++)
        {
            double acc = 0;
            for (int i = 0; i < n; i++) { acc += closest[i]; cumsum[i] = acc; }
            var cand = new int[trials];
            for (int t = 0; t < trials; t++)
            {
                double r = rng.NextDouble() * pot;
                int idx = Array.BinarySearch(cumsum, r);
                if (idx < 0) idx = ~idx;
                else while (idx > 0 && cumsum[idx - 1] == r) idx--; // searchsorted side='left'
                cand[t] = Math.Min(idx, n - 1);
            }
            // All candidates in one pass over the data (sklearn also evaluates them together).
            var dists = SqDistancesTo(xc, xsq, n, d, cand, closest);
            double bestPot = double.PositiveInfinity;
            double[]? bestDist = null;
            int bestId = -1;
            for (int t = 0; t < trials; t++)
            {
                double p = Sum(dists[t]);
                if (p < bestPot) { bestPot = p; bestDist = dists[t]; bestId = cand[t]; }
            }
            pot = bestPot;
            closest = bestDist!;
            xc.AsSpan(bestId * d, d).CopyTo(centers.AsSpan(c * d, d));
        }
        return centers;
    }

    private static double Sum(double[] a) => TensorPrimitives.Sum<double>(a);

    /// <summary>For each centre row c: max(‖x‖² + ‖c‖² − 2x·c, 0) for every row x, then (when given) the
    /// element-wise minimum with <paramref name="closest"/>. One pass over the data for all centres.</summary>
    private static double[][] SqDistancesTo(double[] xc, double[] xsq, int n, int d, int[] centers, double[]? closest)
    {
        var r = new double[centers.Length][];
        for (int t = 0; t < centers.Length; t++) r[t] = new double[n];
        Parallel.For(0, (n + 2047) / 2048, b =>
        {
            for (int i = b * 2048, e = Math.Min(n, i + 2048); i < e; i++)
            {
                var xi = new ReadOnlySpan<double>(xc, i * d, d);
                for (int t = 0; t < centers.Length; t++)
                {
                    double v = -2 * TensorPrimitives.Dot(new ReadOnlySpan<double>(xc, centers[t] * d, d), xi) + xsq[centers[t]] + xsq[i];
                    v = v > 0 ? v : 0;
                    if (closest is not null && closest[i] < v) v = closest[i];
                    r[t][i] = v;
                }
            }
        });
        return r;
    }

    /// <summary>sklearn's <c>_kmeans_single_lloyd</c> on centred data.</summary>
    private static (int[] Labels, double[] Centers, double Inertia, int Iterations) Lloyd(
        double[] xc, int n, int d, int k, double[] centers, int maxIter, double tolAbs)
    {
        var labels = new int[n];
        var labelsOld = new int[n];
        Array.Fill(labelsOld, -1);
        var next = new double[k * d];
        bool strict = false;
        int it = 0;
        for (; it < maxIter; it++)
        {
            Assign(xc, n, d, k, centers, labels);
            UpdateCenters(xc, n, d, k, centers, labels, next);
            double shift = 0;
            for (int c = 0; c < k; c++)
            {
                double s = TensorPrimitives.Distance(new ReadOnlySpan<double>(next, c * d, d), new ReadOnlySpan<double>(centers, c * d, d));
                shift += s * s;
            }
            (centers, next) = (next, centers);
            if (labels.AsSpan().SequenceEqual(labelsOld)) { strict = true; break; }
            if (shift <= tolAbs) break;
            labels.CopyTo(labelsOld, 0);
        }
        if (!strict) Assign(xc, n, d, k, centers, labels);
        int chunks = (n + UpdateChunk - 1) / UpdateChunk;
        var part = new double[chunks];
        var cen = centers;
        Parallel.For(0, chunks, b =>
        {
            double acc = 0;
            for (int i = b * UpdateChunk, e = Math.Min(n, i + UpdateChunk); i < e; i++)
            {
                double s = TensorPrimitives.Distance(new ReadOnlySpan<double>(xc, i * d, d), new ReadOnlySpan<double>(cen, labels[i] * d, d));
                acc += s * s;
            }
            part[b] = acc;
        });
        double inertia = 0;
        foreach (double p in part) inertia += p; // chunk order: deterministic
        return (labels, centers, inertia, Math.Min(it + 1, maxIter));
    }

    /// <summary>labels[i] = argmin_c ‖c‖² − 2x·c (first minimum, i.e. ties go to the lowest centre index, as sklearn's
    /// dense chunk update). Each dot product is accumulated in index order with separate multiply and add — the order
    /// that reproduces scikit-learn's tie-breaking on exactly tied distances (fixture X3). Register-blocked: four rows ×
    /// eight centres share each load (eight accumulators), rows in parallel blocks; the result is independent of the
    /// thread count because every row's distances are computed the same way.</summary>
    private static void Assign(double[] xc, int n, int d, int k, double[] centers, int[] labels)
    {
        var csq = new double[k];
        for (int c = 0; c < k; c++) csq[c] = TensorPrimitives.Dot(new ReadOnlySpan<double>(centers, c * d, d), new ReadOnlySpan<double>(centers, c * d, d));
        int k8 = (k + 7) / 8 * 8;
        var ct = new double[d * k8]; // centres transposed: ct[j * k8 + c]
        for (int c = 0; c < k; c++)
            for (int j = 0; j < d; j++) ct[j * k8 + c] = centers[c * d + j];
        Parallel.For(0, (n + 255) / 256, b =>
        {
            var dots = new double[4 * k8];
            int e = Math.Min(n, b * 256 + 256);
            for (int i = b * 256; i < e; i += 4)
            {
                int rows = Math.Min(4, e - i);
                int r1 = i + Math.Min(1, rows - 1), r2 = i + Math.Min(2, rows - 1), r3 = i + Math.Min(3, rows - 1);
                Dots4x8(xc, ct, d, k8, i * d, r1 * d, r2 * d, r3 * d, dots);
                for (int r = 0; r < rows; r++)
                {
                    double best = double.PositiveInfinity;
                    int bl = 0;
                    for (int c = 0; c < k; c++)
                    {
                        double v = csq[c] - 2 * dots[r * k8 + c];
                        if (v < best) { best = v; bl = c; }
                    }
                    labels[i + r] = bl;
                }
            }
        });
    }

    /// <summary>dots[r·k8 + c] = Σ_j x_r[j]·c[j] for four rows (offsets o0…o3) and all centres, eight centres per pass.</summary>
    private static void Dots4x8(double[] xc, double[] ct, int d, int k8, int o0, int o1, int o2, int o3, double[] dots)
    {
        ref double x0 = ref xc[o0], x1 = ref xc[o1], x2 = ref xc[o2], x3 = ref xc[o3];
        ref double cb = ref ct[0];
        for (int q = 0; q < k8; q += 8)
        {
            Vector256<double> a00 = default, a01 = default, a10 = default, a11 = default,
                              a20 = default, a21 = default, a30 = default, a31 = default;
            ref double cq = ref Unsafe.Add(ref cb, q);
            for (int j = 0; j < d; j++)
            {
                ref double cj = ref Unsafe.Add(ref cq, j * k8);
                var c0 = Vector256.LoadUnsafe(ref cj);
                var c1 = Vector256.LoadUnsafe(ref cj, 4u);
                var v0 = Vector256.Create(Unsafe.Add(ref x0, j));
                a00 += v0 * c0; a01 += v0 * c1;
                var v1 = Vector256.Create(Unsafe.Add(ref x1, j));
                a10 += v1 * c0; a11 += v1 * c1;
                var v2 = Vector256.Create(Unsafe.Add(ref x2, j));
                a20 += v2 * c0; a21 += v2 * c1;
                var v3 = Vector256.Create(Unsafe.Add(ref x3, j));
                a30 += v3 * c0; a31 += v3 * c1;
            }
            a00.CopyTo(dots, q); a01.CopyTo(dots, q + 4);
            a10.CopyTo(dots, k8 + q); a11.CopyTo(dots, k8 + q + 4);
            a20.CopyTo(dots, 2 * k8 + q); a21.CopyTo(dots, 2 * k8 + q + 4);
            a30.CopyTo(dots, 3 * k8 + q); a31.CopyTo(dots, 3 * k8 + q + 4);
        }
    }

    private const int UpdateChunk = 8192;

    /// <summary>Means of the assigned rows; an empty cluster takes the row farthest from its old centre (sklearn's relocation).</summary>
    private static void UpdateCenters(double[] xc, int n, int d, int k, double[] old, int[] labels, double[] next)
    {
        // Per-chunk partial sums in parallel, reduced in chunk order: deterministic whatever the thread count (one
        // chunk — every fixture — is exactly the sequential row-order sum).
        int chunks = (n + UpdateChunk - 1) / UpdateChunk;
        var partial = new double[chunks][];
        var counts = new double[chunks][];
        Parallel.For(0, chunks, b =>
        {
            var sum = new double[k * d];
            var cnt = new double[k];
            for (int i = b * UpdateChunk, e = Math.Min(n, i + UpdateChunk); i < e; i++)
            {
                TensorPrimitives.Add(new ReadOnlySpan<double>(sum, labels[i] * d, d), new ReadOnlySpan<double>(xc, i * d, d), sum.AsSpan(labels[i] * d, d));
                cnt[labels[i]]++;
            }
            partial[b] = sum;
            counts[b] = cnt;
        });
        Array.Clear(next);
        var weight = new double[k];
        for (int b = 0; b < chunks; b++)
        {
            TensorPrimitives.Add(next, partial[b], next);
            TensorPrimitives.Add(weight, counts[b], weight);
        }
        var empty = Enumerable.Range(0, k).Where(c => weight[c] == 0).ToArray();
        if (empty.Length > 0)
        {
            var dist = new double[n];
            for (int i = 0; i < n; i++)
            {
                double s = TensorPrimitives.Distance(new ReadOnlySpan<double>(xc, i * d, d), new ReadOnlySpan<double>(old, labels[i] * d, d));
                dist[i] = s * s;
            }
            var far = Enumerable.Range(0, n).OrderByDescending(i => dist[i]).Take(empty.Length).ToArray();
            for (int e = 0; e < empty.Length; e++)
            {
                int c = empty[e], i = far[e], oc = labels[i];
                var row = new ReadOnlySpan<double>(xc, i * d, d);
                TensorPrimitives.Subtract(new ReadOnlySpan<double>(next, oc * d, d), row, next.AsSpan(oc * d, d));
                row.CopyTo(next.AsSpan(c * d, d));
                weight[c] = 1;
                weight[oc] -= 1;
            }
        }
        for (int c = 0; c < k; c++)
            if (weight[c] > 0) TensorPrimitives.Divide(new ReadOnlySpan<double>(next, c * d, d), weight[c], next.AsSpan(c * d, d));
    }
}
