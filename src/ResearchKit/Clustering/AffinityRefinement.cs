using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ResearchKit.Clustering;

/// <summary>
/// Affinity construction and refinement operations of Google's spectralcluster 0.2.22
/// (<c>utils.compute_affinity_matrix</c>, <c>refinement.py</c>). Pure functions: each returns a new n×n matrix.
/// </summary>
public static class AffinityRefinement
{
    /// <summary>(cos + 1)/2 between L2-normalised rows: the affinity spectralcluster and malaya-speech use, in [0, 1].</summary>
    /// <exception cref="InvalidParameterException">Fewer than 2 rows, NaN/Inf, or an all-zero row.</exception>
    public static double[,] CosineAffinity(double[,] x)
    {
        PairwiseDistances.Validate(x, DistanceMetric.Cosine, "x");
        var xn = Vectors.L2Normalized(x);
        int n = x.GetLength(0), d = x.GetLength(1);
        var a = new double[n, n];
        var f = PairwiseDistances.Flat(xn).ToArray();
        Parallel.For(0, n, i =>
        {
            var ri = new ReadOnlySpan<double>(f, i * d, d);
            for (int j = i; j < n; j++)
            {
                double v = (TensorPrimitives.Dot(ri, new ReadOnlySpan<double>(f, j * d, d)) + 1.0) / 2.0;
                a[i, j] = v;
                a[j, i] = v;
            }
        });
        return a;
    }

    /// <summary>Applies one step with the given options.</summary>
    public static double[,] Apply(RefinementStep step, double[,] a, RefinementOptions o) => step switch
    {
        RefinementStep.CropDiagonal => CropDiagonal(a),
        RefinementStep.GaussianBlur => GaussianBlur(a, o.GaussianBlurSigma),
        RefinementStep.RowWiseThreshold => RowWiseThreshold(a, o.PPercentile, o.SoftMultiplier, o.ThresholdType, o.Binarize, o.PreserveDiagonal),
        RefinementStep.Symmetrize => Symmetrize(a, o.Symmetrize),
        RefinementStep.Diffuse => Diffuse(a),
        _ => RowWiseNormalize(a),
    };

    /// <summary>Diagonal ← maximum of its row, computed with the diagonal set to 0.</summary>
    public static double[,] CropDiagonal(double[,] a)
    {
        int n = Check(a);
        var r = (double[,])a.Clone();
        for (int i = 0; i < n; i++) r[i, i] = 0;
        for (int i = 0; i < n; i++) r[i, i] = TensorPrimitives.Max(Row(r, i));
        return r;
    }

    /// <summary><c>scipy.ndimage.gaussian_filter(a, sigma)</c>: 1-D kernel exp(−x²/2σ²) normalised, radius ⌊4σ + 0.5⌋,
    /// applied along axis 0 then axis 1 with 'reflect' (half-sample symmetric) borders.</summary>
    public static double[,] GaussianBlur(double[,] a, double sigma)
    {
        int n = Check(a);
        if (!(sigma > 0)) throw new InvalidParameterException("gaussian-blur-sigma", $"is {sigma}; use a positive σ.");
        int radius = (int)(4.0 * sigma + 0.5);
        var w = new double[2 * radius + 1];
        double sum = 0;
        for (int x = -radius; x <= radius; x++) { w[x + radius] = Math.Exp(-0.5 / (sigma * sigma) * x * x); sum += w[x + radius]; }
        for (int i = 0; i < w.Length; i++) w[i] /= sum;
        int Reflect(int i)
        {
            // 'reflect': d c b a | a b c d | d c b a
            while (i < 0 || i >= n)
            {
                if (i < 0) i = -i - 1;
                if (i >= n) i = 2 * n - i - 1;
            }
            return i;
        }
        var tmp = new double[n, n];
        Parallel.For(0, n, j =>
        {
            for (int i = 0; i < n; i++)
            {
                double t = a[Reflect(i), j] * w[radius];
                for (int k = 1; k <= radius; k++) t += (a[Reflect(i + k), j] + a[Reflect(i - k), j]) * w[radius + k];
                tmp[i, j] = t;
            }
        });
        var r = new double[n, n];
        Parallel.For(0, n, i =>
        {
            for (int j = 0; j < n; j++)
            {
                double t = tmp[i, j] * w[radius];
                for (int k = 1; k <= radius; k++) t += (tmp[i, Reflect(j + k)] + tmp[i, Reflect(j - k)]) * w[radius + k];
                r[i, j] = t;
            }
        });
        return r;
    }

    /// <summary>spectralcluster <c>RowWiseThreshold</c>: entries below the row threshold (p·row max, or the row's
    /// p-percentile) are multiplied by <paramref name="softMultiplier"/>; the others kept (or set to 1 when binarising).</summary>
    public static double[,] RowWiseThreshold(double[,] a, double p, double softMultiplier, ThresholdType type, bool binarize, bool preserveDiagonal)
    {
        int n = Check(a);
        if (!(p >= 0 && p <= 1)) throw new InvalidParameterException("p-percentile", $"is {p}; use a value in [0, 1].");
        var r = (double[,])a.Clone();
        if (preserveDiagonal) for (int i = 0; i < n; i++) r[i, i] = 0;
        Parallel.For(0, n, i =>
        {
            var row = Row(r, i);
            double threshold = type == ThresholdType.RowMax ? TensorPrimitives.Max(row) * p : Percentile(row, p * 100);
            for (int j = 0; j < n; j++)
            {
                double v = row[j];
                bool smaller = v < threshold;
                row[j] = smaller ? v * softMultiplier : binarize ? 1.0 : v;
            }
        });
        if (preserveDiagonal) for (int i = 0; i < n; i++) r[i, i] = 1.0;
        return r;
    }

    /// <summary><c>numpy.percentile(row, q)</c> with the default 'linear' method (numpy 1.24 <c>_quantile</c> and <c>_lerp</c>).</summary>
    internal static double Percentile(ReadOnlySpan<double> row, double q)
    {
        var s = row.ToArray();
        Array.Sort(s);
        int n = s.Length;
        double quantile = q / 100;
        double virt = (n - 1) * quantile;
        int prev = (int)Math.Floor(virt);
        int next = Math.Min(prev + 1, n - 1);
        prev = Math.Clamp(prev, 0, n - 1);
        double gamma = virt - Math.Floor(virt);
        double a = s[prev], b = s[next], diff = b - a;
        return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
    }

    /// <summary>max(A, Aᵀ) or 0.5·(A + Aᵀ).</summary>
    public static double[,] Symmetrize(double[,] a, SymmetrizeType type)
    {
        int n = Check(a);
        var r = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                r[i, j] = type == SymmetrizeType.Max ? Math.Max(a[i, j], a[j, i]) : 0.5 * (a[i, j] + a[j, i]);
        return r;
    }

    /// <summary>A·Aᵀ (row dot products, parallel). Tiles of 16 rows i meet each row j ≥ i, so a row j is read from
    /// memory once per tile rather than once per row; every entry is still the same single dot product.</summary>
    public static double[,] Diffuse(double[,] a)
    {
        int n = Check(a);
        var f = PairwiseDistances.Flat(a).ToArray();
        var r = new double[n, n];
        const int tile = 16;
        Parallel.For(0, (n + tile - 1) / tile, t =>
        {
            int i0 = t * tile, i1 = Math.Min(n, i0 + tile);
            for (int j = i0; j < n; j++)
            {
                var rj = new ReadOnlySpan<double>(f, j * n, n);
                for (int i = i0, e = Math.Min(i1, j + 1); i < e; i++)
                {
                    double v = TensorPrimitives.Dot(new ReadOnlySpan<double>(f, i * n, n), rj);
                    r[i, j] = v;
                    r[j, i] = v;
                }
            }
        });
        return r;
    }

    /// <summary>Each row divided by its maximum.</summary>
    public static double[,] RowWiseNormalize(double[,] a)
    {
        int n = Check(a);
        var r = (double[,])a.Clone();
        for (int i = 0; i < n; i++)
        {
            var row = Row(r, i);
            TensorPrimitives.Divide(row, TensorPrimitives.Max(row), row);
        }
        return r;
    }

    internal static Span<double> Row(double[,] m, int i)
    {
        int c = m.GetLength(1);
        return MemoryMarshal.CreateSpan(ref Unsafe.Add(ref Unsafe.As<byte, double>(ref MemoryMarshal.GetArrayDataReference(m)), i * c), c);
    }

    /// <summary>Checks that an affinity is a non-empty square matrix of finite values; returns n.</summary>
    internal static int Check(double[,] a, string name = "affinity")
    {
        int n = a.GetLength(0);
        if (n != a.GetLength(1))
            throw new InvalidParameterException(name, $"is {a.GetLength(0)}×{a.GetLength(1)}; an affinity matrix must be square (n×n).");
        if (n < 2) throw new InvalidParameterException(name, $"is {n}×{n}; clustering needs at least 2 items.");
        return n;
    }
}
