using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace ResearchKit.Clustering;

/// <summary>One evaluated p_percentile of an AutoTune search.</summary>
/// <param name="PPercentile">The p value (exact grid value, e.g. 0.7849999999999999).</param>
/// <param name="NumClusters">k implied by the eigengap.</param>
/// <param name="MaxEigengap">The largest eigengap.</param>
/// <param name="Ratio">The proxy, e.g. √(1−p)/gap; the smallest wins.</param>
public sealed record AutoTuneTrial(double PPercentile, int NumClusters, double MaxEigengap, double Ratio);

/// <summary>Result of <see cref="SpectralClustering"/>, with every intermediate.</summary>
/// <param name="Labels">Cluster of each row, as the library's k-means returns it.</param>
/// <param name="ChosenK">Number of clusters after the eigengap and min_clusters.</param>
/// <param name="Eigenvalues">Eigenvalues sorted as the library sorts them (descending for the affinity, ascending for
/// Laplacians): all of them with the dense solver, the max clusters + 1 leading ones with <see cref="SpectralEigensolver.Lanczos"/>.</param>
/// <param name="MaxEigengap">Largest eigengap (the normalised maximum eigengap of AutoTune).</param>
/// <param name="SpectralEmbeddings">n×k embedding the k-means ran on (column signs are arbitrary).</param>
/// <param name="KMeansInit">Centres the custom k-means started from (k-means++ plus one Lloyd step, as sklearn with max_iter=1).</param>
/// <param name="PPercentile">The p_percentile used (the AutoTune winner when tuning).</param>
/// <param name="Search">AutoTune trials in evaluation order; empty without AutoTune.</param>
/// <param name="Affinities">With <see cref="SpectralOptions.KeepIntermediates"/>: the initial affinity then the affinity after each refinement step.</param>
public sealed record SpectralResult(int[] Labels, int ChosenK, double[] Eigenvalues, double MaxEigengap, double[,] SpectralEmbeddings,
    double[,] KMeansInit, double PPercentile, IReadOnlyList<AutoTuneTrial> Search, IReadOnlyList<(string Step, double[,] Affinity)> Affinities)
    : ClusteringResult(Labels);

/// <summary>
/// Spectral clustering exactly as Google's spectralcluster 0.2.22 <c>SpectralClusterer.predict</c> runs it: (cos+1)/2
/// affinity, refinement sequence, optional AutoTune of p_percentile, Laplacian, eigengap choice of k within
/// [min, max], spectral embedding (optionally row-normalised), k-means++ (sklearn, seed 0, one Lloyd step) then the
/// library's custom-distance k-means. Symmetric eigenproblems go to MathNet.Numerics, or for large n to
/// <see cref="PartialEigen"/>, which computes only the max clusters + 1 leading eigenpairs that the eigengap and the
/// embedding use (spectralcluster computes all with numpy and reads only those). The non-symmetric ones the library meets (row-normalised affinity, random-walk Laplacian) are diagonal similarity transforms of symmetric
/// matrices and are solved as such. Not ported: ConstraintPropagation, the min_clusters=1 single-cluster fallback,
/// max_spectral_size pre-clustering.
/// </summary>
public sealed class SpectralClustering(SpectralOptions options) : IClusterer
{
    private const double Eps = 1e-10;

    /// <summary>The options in use.</summary>
    public SpectralOptions Options { get; } = options;

    /// <inheritdoc />
    public ClusteringResult Cluster(double[,] x, SpeakerCount? count = null) => Run(x, count);

    /// <summary>Clusters the rows of <paramref name="x"/> (n×d) through the (cos+1)/2 affinity.</summary>
    /// <exception cref="InvalidParameterException">Bad data or options.</exception>
    public SpectralResult Run(double[,] x, SpeakerCount? count = null) => RunAffinity(AffinityRefinement.CosineAffinity(x), count, checkAffinity: false);

    /// <summary>Clusters from a precomputed n×n symmetric affinity (similarities ≥ 0).</summary>
    /// <exception cref="InvalidParameterException">The affinity is not square, not symmetric, or has NaN/Inf.</exception>
    public SpectralResult RunAffinity(double[,] affinity, SpeakerCount? count = null) => RunAffinity(affinity, count, checkAffinity: true);

    private SpectralResult RunAffinity(double[,] affinity, SpeakerCount? count, bool checkAffinity)
    {
        int n = AffinityRefinement.Check(affinity);
        if (checkAffinity) CheckSymmetric(affinity);
        int? minK = Options.MinClusters, maxK = Options.MaxClusters;
        if (count is not null)
        {
            count.Validate(n);
            if (count.Min is not null) minK = count.Min;
            if (count.Max is not null) maxK = count.Max;
        }
        if (minK is not null && maxK is not null && minK > maxK)
            throw new InvalidParameterException("min", $"min clusters ({minK}) is greater than max clusters ({maxK}).");
        if (minK > n) throw new InvalidParameterException("min", $"asks for {minK} clusters but there are only {n} items.");
        var refinement = Options.Refinement;
        var search = new List<AutoTuneTrial>();
        Eigen best;
        double bestP = refinement.PPercentile;
        List<(string, double[,])>? steps = null;
        if (Options.AutoTune is { } at)
        {
            if (!refinement.Sequence.Contains(RefinementStep.RowWiseThreshold))
                throw new InvalidParameterException("autotune", "AutoTune only tunes RowWiseThreshold's p; add that step to the refinement sequence.");
            (best, bestP) = Tune(affinity, refinement, at, maxK, search);
            if (Options.KeepIntermediates) steps = Refine(affinity, refinement with { PPercentile = bestP }, true).Steps;
        }
        else
        {
            var (refined, st, scale) = Refine(affinity, refinement, Options.KeepIntermediates);
            steps = st;
            best = Decompose(refined, scale, maxK);
        }
        int k = best.K;
        if (minK is not null) k = Math.Max(k, minK.Value);
        var emb = new double[n, k];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < k; j++) emb[i, j] = best.Vectors[i, j];
        if (Options.RowWiseRenorm)
            for (int i = 0; i < n; i++)
            {
                double s = 0;
                for (int j = 0; j < k; j++) s += emb[i, j] * emb[i, j];
                s = Math.Sqrt(s);
                for (int j = 0; j < k; j++) emb[i, j] /= s;
            }
        var init = new KMeans(new KMeansOptions(k, MaxIter: 1, Seed: Options.Seed)).Fit(emb).Centers;
        var labels = CustomKMeans(emb, init, Options.MaxIter, Options.KMeansDistance);
        return new SpectralResult(labels, k, best.Values, best.Gap, emb, init, bestP, search, steps ?? []);
    }

    private static void CheckSymmetric(double[,] a)
    {
        int n = a.GetLength(0);
        double max = 0;
        foreach (var v in a)
        {
            if (!double.IsFinite(v)) throw new InvalidParameterException("affinity", "contains NaN or infinity; repair the similarity matrix.");
            max = Math.Max(max, Math.Abs(v));
        }
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                if (Math.Abs(a[i, j] - a[j, i]) > 1e-9 * max)
                    throw new InvalidParameterException("affinity",
                        $"is not symmetric: A[{i},{j}] = {a[i, j]} but A[{j},{i}] = {a[j, i]}; pass (A + Aᵀ)/2 or a proper similarity matrix.");
    }

    /// <summary>Runs the refinement sequence. Also returns, when the result is D·S with S symmetric and D a positive
    /// diagonal (after RowWiseNormalize of a symmetric matrix), the diagonal D, so the eigenproblem stays symmetric.</summary>
    private static (double[,] Refined, List<(string, double[,])>? Steps, double[]? Scale) Refine(double[,] a, RefinementOptions o, bool keep)
    {
        var steps = keep ? new List<(string, double[,])> { ("initial", a) } : null;
        double[]? scale = null;
        foreach (var step in o.Sequence)
        {
            if (step == RefinementStep.RowWiseNormalize && IsSymmetric(a))
            {
                int n = a.GetLength(0);
                scale = new double[n];
                for (int i = 0; i < n; i++) scale[i] = 1.0 / TensorPrimitives.Max(AffinityRefinement.Row(a, i));
            }
            else scale = null;
            a = AffinityRefinement.Apply(step, a, o);
            steps?.Add((step.ToString(), a));
        }
        return (a, steps, scale);
    }

    private static bool IsSymmetric(double[,] a)
    {
        int n = a.GetLength(0);
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                if (a[i, j] != a[j, i]) return false;
        return true;
    }

    private sealed record Eigen(double[] Values, double[,] Vectors, int K, double Gap);

    /// <summary>spectralcluster <c>_compute_eigenvectors_ncluster</c> after refinement.</summary>
    private Eigen Decompose(double[,] a, double[]? scale, int? maxK)
    {
        int n = a.GetLength(0);
        int? partial = PartialCount(n, maxK);
        if (Options.Laplacian == LaplacianType.Affinity)
        {
            var (values, vectors, top) = scale is null ? SortedEigen(a, null, descend: true, partial) : SortedEigen(Symmetric(a, scale), scale, descend: true, partial);
            var (k, gap) = NumberOfClusters(values, maxK, Options.StopEigenvalue, Options.EigenGap, descend: true, top);
            return new Eigen(values, vectors, k, gap);
        }
        var degree = new double[n];
        for (int i = 0; i < n; i++) degree[i] = TensorPrimitives.Sum<double>(AffinityRefinement.Row(a, i));
        var l = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) l[i, j] = (i == j ? degree[i] : 0) - a[i, j];
        double[]? rw = null;
        if (Options.Laplacian == LaplacianType.GraphCut)
        {
            var dn = degree.Select(v => 1 / (Math.Sqrt(v) + Eps)).ToArray();
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++) l[i, j] = dn[i] * l[i, j] * dn[j];
        }
        else if (Options.Laplacian == LaplacianType.RandomWalk)
            rw = degree.Select(v => 1 / (v + Eps)).ToArray(); // D⁻¹L, similar to the symmetric D^−½ L D^−½
        var (lv, lvec, ltop) = rw is null ? SortedEigen(l, null, descend: false, partial) : SortedEigen(Symmetric(l, rw, prescaled: false), rw, descend: false, partial);
        var (k2, gap2) = NumberOfClusters(lv, maxK, Options.StopEigenvalue, Options.EigenGap, descend: false, ltop);
        return new Eigen(lv, lvec, k2, gap2);
    }

    /// <summary>Number of leading eigenpairs for the partial solver, or null for the dense one. The eigengap reads
    /// eigenvalues 0 … max clusters and the embedding at most max clusters vectors, so max clusters + 1 suffice.</summary>
    private int? PartialCount(int n, int? maxK)
    {
        if (Options.Eigensolver == SpectralEigensolver.Dense) return null;
        if (maxK is not int mc || mc <= 0)
        {
            if (Options.Eigensolver == SpectralEigensolver.Lanczos)
                throw new InvalidParameterException("eigensolver", "the Lanczos solver needs max clusters (it computes only max clusters + 1 eigenpairs); set MaxClusters or use Dense.");
            return null;
        }
        int m = Math.Min(n, mc + 1);
        if (Options.Eigensolver == SpectralEigensolver.Lanczos) return m;
        // Few wanted eigenpairs converge in a basis of a few times their number; the eigenvalues ~100 deep of an
        // affinity lie in a dense bulk that needs most of ℝⁿ (measured), so large max clusters stay dense.
        return n >= 1000 && m <= 32 ? m : null;
    }

    /// <summary>For A = D·S (D diagonal > 0, S symmetric): the symmetric D^½ S D^½. If <paramref name="prescaled"/>,
    /// <paramref name="a"/> is A itself, otherwise it is S.</summary>
    private static double[,] Symmetric(double[,] a, double[] d, bool prescaled = true)
    {
        int n = a.GetLength(0);
        var r = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double s = prescaled ? a[i, j] / d[i] : a[i, j];
                r[i, j] = Math.Sqrt(d[i]) * s * Math.Sqrt(d[j]);
            }
        // Average out rounding so the solver sees an exactly symmetric matrix.
        AverageWithTranspose(r);
        return r;
    }

    /// <summary>In place: a ← (a + aᵀ)/2.</summary>
    private static void AverageWithTranspose(double[,] a)
    {
        int n = a.GetLength(0);
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++) { double m = 0.5 * (a[i, j] + a[j, i]); a[i, j] = m; a[j, i] = m; }
    }

    /// <summary>Eigenpairs sorted by eigenvalue (all, or the <paramref name="partial"/> leading ones), plus the largest
    /// eigenvalue. With <paramref name="scale"/>, <paramref name="m"/> is the symmetric D^½ S D^½ and the returned
    /// vectors are those of D·S: D^½ u, renormalised to unit length like LAPACK's.</summary>
    private (double[] Values, double[,] Vectors, double Largest) SortedEigen(double[,] m, double[]? scale, bool descend, int? partial)
    {
        int n = m.GetLength(0);
        bool symmetric = scale is not null || IsSymmetric(m);
        // A Laplacian that is symmetric only up to rounding (D^−½ L D^−½ products) is its symmetric part to the Lanczos solver.
        if (partial is int count && (symmetric || NearlySymmetric(m)))
        {
            // Auto: past n/3 basis vectors the full decomposition is cheaper, so fall back to it.
            int? cap = Options.Eigensolver == SpectralEigensolver.Auto ? Math.Max(count + 32, n / 3) : null;
            if (PartialEigen.Compute(m, count, largest: descend, maxDimension: cap) is { } p)
                return (p.Values, Rescaled(p.Vectors, scale), p.Largest);
        }
        double[] vals;
        Func<int, int, double> vecs;
        if (Options.DenseSolver is { } solver && (symmetric || NearlySymmetric(m)))
        {
            // As for the Lanczos solver: a Laplacian symmetric only up to rounding is decomposed as its symmetric part.
            var part = m;
            if (!symmetric) AverageWithTranspose(part = (double[,])m.Clone());
            var (sv, svec) = solver.Decompose(part);
            (vals, vecs) = (sv, (r, c) => svec[r, c]);
        }
        else
        {
            var evd = Matrix<double>.Build.DenseOfArray(m).Evd(symmetric ? Symmetricity.Symmetric : Symmetricity.Asymmetric);
            vals = evd.EigenValues.Select(c => c.Real).ToArray();
            var ev = evd.EigenVectors;
            vecs = (r, c) => ev[r, c];
        }
        var order = Enumerable.Range(0, n).ToArray();
        var keys = vals.Select(v => descend ? -v : v).ToArray();
        Array.Sort(keys, order);
        var values = order.Select(i => vals[i]).ToArray();
        var vectors = new double[n, n];
        for (int c = 0; c < n; c++)
            for (int r = 0; r < n; r++) vectors[r, c] = vecs(r, order[c]);
        return (values, Rescaled(vectors, scale), vals.Max());
    }

    /// <summary>Columns multiplied by D^½ (when scaled) and normalised to unit length.</summary>
    private static double[,] Rescaled(double[,] vectors, double[]? scale)
    {
        int n = vectors.GetLength(0), k = vectors.GetLength(1);
        for (int c = 0; c < k; c++)
        {
            double norm = 0;
            for (int r = 0; r < n; r++)
            {
                double v = vectors[r, c] * (scale is null ? 1 : Math.Sqrt(scale[r]));
                vectors[r, c] = v;
                norm += v * v;
            }
            norm = Math.Sqrt(norm);
            for (int r = 0; r < n; r++) vectors[r, c] /= norm;
        }
        return vectors;
    }

    private static bool NearlySymmetric(double[,] a)
    {
        int n = a.GetLength(0);
        double max = 0;
        foreach (var v in a) max = Math.Max(max, Math.Abs(v));
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                if (Math.Abs(a[i, j] - a[j, i]) > 1e-12 * max) return false;
        return true;
    }

    /// <summary>spectralcluster <c>utils.compute_number_of_clusters</c>.</summary>
    /// <remarks>evMax: the largest eigenvalue when ev holds only the leading ones (NormalizedDiff divides by it).</remarks>
    internal static (int K, double Gap) NumberOfClusters(double[] ev, int? maxClusters, double stopEigenvalue, EigenGapType type, bool descend, double? evMax = null)
    {
        double maxDelta = 0;
        int maxIndex = 0;
        int rangeEnd = ev.Length;
        if (maxClusters is int mc && mc > 0 && mc + 1 < rangeEnd) rangeEnd = mc + 1;
        double evMaxValue = evMax ?? ev.Max();
        if (!descend)
        {
            for (int i = 1; i < rangeEnd - 1; i++)
            {
                double delta = type == EigenGapType.Ratio ? ev[i + 1] / (ev[i] + Eps) : (ev[i + 1] - ev[i]) / evMaxValue;
                if (delta > maxDelta) { maxDelta = delta; maxIndex = i + 1; }
            }
        }
        else
        {
            for (int i = 1; i < rangeEnd; i++)
            {
                if (ev[i - 1] < stopEigenvalue) break;
                double delta = type == EigenGapType.Ratio ? ev[i - 1] / (ev[i] + Eps) : (ev[i - 1] - ev[i]) / evMaxValue;
                if (delta > maxDelta) { maxDelta = delta; maxIndex = i; }
            }
        }
        return (maxIndex, maxDelta);
    }

    /// <summary>spectralcluster <c>AutoTune.tune</c> with <c>p_percentile_to_ratio</c>.</summary>
    private (Eigen Best, double P) Tune(double[,] affinity, RefinementOptions o, AutoTuneOptions at, int? maxK, List<AutoTuneTrial> trace)
    {
        double pMin = at.PMin, pMax = at.PMax, step = at.InitSearchStep;
        var range = PercentileRange(pMin, pMax, step);
        var searched = new HashSet<double>();
        Eigen? best = null;
        double bestP = double.NaN;
        int bestIndex = 0;
        for (int level = 0; level < at.SearchLevel; level++)
        {
            double minRatio = double.PositiveInfinity;
            for (int idx = 0; idx < range.Length; idx++)
            {
                double p = range[idx];
                if (!searched.Add(p)) continue;
                var (refined, _, scale) = Refine(affinity, o with { PPercentile = p }, false);
                var e = Decompose(refined, scale, maxK);
                double ratio = at.Proxy == AutoTuneProxy.PercentileSqrtOverNME ? Math.Sqrt(1 - p) / e.Gap : (1 - p) / e.Gap;
                trace.Add(new AutoTuneTrial(p, e.K, e.Gap, ratio));
                if (ratio < minRatio) { minRatio = ratio; best = e; bestP = p; bestIndex = idx; }
            }
            if (range.Length <= 1 || step < 1e-4) break;
            int dist = Math.Max(2, range.Length / 8);
            int start = Math.Max(0, bestIndex - dist), end = Math.Min(range.Length - 1, bestIndex + dist);
            (pMin, pMax) = (range[start], range[end]);
            step /= 2;
            range = PercentileRange(pMin, pMax, step);
        }
        if (best is null) throw new InvalidParameterException("autotune", "the p_percentile grid is empty; check p-min < p-max and the search step.");
        return (best, bestP);
    }

    /// <summary><c>np.linspace(pMin, pMax, int(np.ceil((pMax − pMin) / step)))</c>, numpy's arithmetic (i·step + start, last = stop).</summary>
    internal static double[] PercentileRange(double pMin, double pMax, double step)
    {
        int num = (int)Math.Ceiling((pMax - pMin) / step);
        if (num <= 0) return [];
        if (num == 1) return [pMin];
        var r = new double[num];
        double delta = pMax - pMin, s = delta / (num - 1);
        for (int i = 0; i < num; i++) r[i] = i * s + pMin;
        r[num - 1] = pMax;
        return r;
    }

    /// <summary>spectralcluster <c>CustomKMeans.predict</c>: cdist assignment, stop when the mean distance stops
    /// decreasing by more than tol 0.001, centroid = mean of its rows.</summary>
    internal static int[] CustomKMeans(double[,] emb, double[,] init, int maxIter, SpectralKMeansDistance dist)
    {
        int n = emb.GetLength(0), d = emb.GetLength(1), k = init.GetLength(0);
        var c = (double[,])init.Clone();
        var labels = new int[n];
        double prev = 0;
        const double tol = 0.001;
        for (int it = 0; it <= maxIter; it++)
        {
            double total = 0;
            var dmin = new double[n];
            for (int i = 0; i < n; i++)
            {
                var xi = AffinityRefinement.Row(emb, i);
                double best = double.PositiveInfinity;
                int bl = 0;
                for (int j = 0; j < k; j++)
                {
                    var cj = AffinityRefinement.Row(c, j);
                    double v = dist == SpectralKMeansDistance.Cosine ? Vectors.CosineDistance(xi, cj) : Vectors.Euclidean(xi, cj);
                    if (v < best) { best = v; bl = j; }
                }
                labels[i] = bl;
                dmin[i] = best;
            }
            total = TensorPrimitives.Sum<double>(dmin) / n;
            if ((total <= prev && total >= (1 - tol) * prev) || it == maxIter) break;
            prev = total;
            for (int j = 0; j < k; j++)
            {
                // The library tests np.where(labels == j)[0].any(): a cluster whose only member is row 0 is not updated.
                int count = 0;
                bool anyNonZeroIndex = false;
                var sum = new double[d];
                for (int i = 0; i < n; i++)
                {
                    if (labels[i] != j) continue;
                    count++;
                    if (i != 0) anyNonZeroIndex = true;
                    for (int q = 0; q < d; q++) sum[q] += emb[i, q];
                }
                if (!anyNonZeroIndex) continue;
                for (int q = 0; q < d; q++) c[j, q] = sum[q] / count;
            }
        }
        return labels;
    }
}
