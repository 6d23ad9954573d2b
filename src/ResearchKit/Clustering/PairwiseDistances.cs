using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ResearchKit.Clustering;

/// <summary>
/// Pairwise distances in scipy's condensed layout: for n rows, the n(n−1)/2 distances d(i, j), i &lt; j, row by
/// row (<c>scipy.spatial.distance.pdist</c>). Computed in float64 on all cores.
/// </summary>
public static class PairwiseDistances
{
    /// <summary>Position of d(i, j) (i ≠ j) in a condensed matrix of <paramref name="n"/> rows.</summary>
    public static long CondensedIndex(int n, int i, int j) => i < j ? new CondensedLayout(n).Index(i, j) : new CondensedLayout(n).Index(j, i);

    /// <summary>The condensed distance matrix of the rows of <paramref name="x"/> (n×d), like <c>pdist(x, metric)</c>.</summary>
    /// <exception cref="InvalidParameterException">Fewer than 2 rows, NaN/Inf values, or an all-zero row with the cosine metric.</exception>
    public static double[] Condensed(double[,] x, DistanceMetric metric)
    {
        var d = new double[Validate(x, metric, "x")];
        FillInto(x, metric, d);
        return d;
    }

    /// <summary>Checks an n×d data matrix and returns the length of its condensed distance matrix.</summary>
    internal static long Validate(double[,] x, DistanceMetric metric, string name)
    {
        int n = x.GetLength(0), dim = x.GetLength(1);
        if (n < 2)
            throw new InvalidParameterException(name, $"{n} row(s) given; clustering needs at least 2 rows (one vector per row).");
        if (dim < 1)
            throw new InvalidParameterException(name, "the vectors have 0 dimensions; pass an n×d matrix with d ≥ 1.");
        long len = new CondensedLayout(n).Length;
        if (len > Array.MaxLength)
            throw new InvalidParameterException(name,
                $"{n} rows need {len} pairwise distances, more than one array holds (at most about 65 000 rows); cluster a subset or use k-means/online clustering.");
        var flat = Flat(x);
        for (int i = 0; i < n; i++)
        {
            var row = flat.Slice(i * dim, dim);
            foreach (var v in row)
                if (!double.IsFinite(v))
                    throw new InvalidParameterException(name, $"row {i} contains NaN or infinity; remove or repair that vector before clustering.");
            if (metric == DistanceMetric.Cosine && TensorPrimitives.Dot(row, row) == 0)
                throw new InvalidParameterException(name, $"row {i} is an all-zero vector, whose cosine distance is undefined; drop that row or use the euclidean metric.");
        }
        return len;
    }

    /// <summary>Row-major (C order) view of the elements of a matrix.</summary>
    public static ReadOnlySpan<double> Flat(double[,] x) =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<byte, double>(ref MemoryMarshal.GetArrayDataReference(x)), x.Length);

    /// <summary>Fills <paramref name="dst"/> (the upper triangle in <paramref name="layout"/>) on all cores. With
    /// <paramref name="exact"/> every distance is computed with the arithmetic of scipy 1.10's <c>pdist</c> as built
    /// for Debian 12 (the reference build), so the values are bit-identical: euclidean √Σ(uₖ−vₖ)² summed in index order;
    /// cosine 1 − u·v/(‖u‖‖v‖) with every dot product summed as two interleaved partial sums (even and odd k, then
    /// added, an odd last term after), which is how that build's vectorised loop rounds. Otherwise both metrics go
    /// through blocked Gram-matrix dot products (‖u‖² + ‖v‖² − 2u·v for euclidean), several times faster, exact to
    /// ~1e-15 relative except between near-duplicate rows.</summary>
    internal static unsafe void Fill<T, TLayout>(double[,] x, DistanceMetric metric, T* dst, TLayout layout, bool exact)
        where T : unmanaged, IFloatingPointIeee754<T> where TLayout : struct, ITriangleLayout
    {
        if (exact) FillExact(x, metric, dst, layout);
        else FillGram(x, metric, dst, layout);
    }

    /// <summary>The condensed matrix as a managed array (scipy's exact arithmetic).</summary>
    private static unsafe void FillInto(double[,] x, DistanceMetric metric, double[] dst)
    {
        fixed (double* p = dst) Fill(x, metric, p, new CondensedLayout(x.GetLength(0)), exact: true);
    }

    /// <summary>Rows packed in blocks of 4, transposed (element k of row 4J + b at [J·dim + k]·4 + b, missing rows 0), so
    /// one vector load gives element k of 4 rows and each lane can follow scipy's sequential summation order.</summary>
    private static double[] Interleave4(ReadOnlySpan<double> f, int n, int dim)
    {
        int blocks = (n + 3) >> 2;
        var t = GC.AllocateArray<double>(blocks * dim * 4, pinned: true);
        for (int i = 0; i < n; i++)
            for (int k = 0; k < dim; k++)
                t[((i >> 2) * dim + k) * 4 + (i & 3)] = f[i * dim + k];
        return t;
    }

    private static unsafe void FillExact<T, TLayout>(double[,] x, DistanceMetric metric, T* dst, TLayout layout)
        where T : unmanaged, IFloatingPointIeee754<T> where TLayout : struct, ITriangleLayout
    {
        int n = x.GetLength(0), dim = x.GetLength(1), blocks = (n + 3) >> 2;
        var tr = Interleave4(Flat(x), n, dim);
        bool cosine = metric == DistanceMetric.Cosine;
        var norms = new double[blocks * 4];
        if (cosine)
            fixed (double* pt = tr)
                for (int b = 0; b < blocks; b++)
                    Vector256.Sqrt(DotPairwise(pt + (long)b * dim * 4, pt + (long)b * dim * 4, dim)).CopyTo(norms, b * 4);
        nint pd = (nint)dst;
        // Row i against the 4-row blocks after it; rows of the triangle shrink, so dynamic partitioning balances.
        Parallel.For(0, n - 1, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (i) =>
        {
            var f = Flat(x);
            var u = GC.AllocateUninitializedArray<double>(dim * 4);
            for (int k = 0; k < dim; k++) Vector256.Create(f[i * dim + k]).CopyTo(u, k * 4); // u broadcast per k
            double* r = stackalloc double[16];
            fixed (double* pu = u, pt = tr, pn = norms)
            {
                int first = (i + 1) >> 2;
                for (int b = first; b < blocks; b += 4)
                {
                    int count = Math.Min(4, blocks - b);
                    long stride = (long)dim * 4;
                    double* v = pt + b * stride;
                    // Four blocks at once: four independent add chains hide the add latency of the sequential sums.
                    if (cosine)
                    {
                        if (count == 4) DotPairwise4(pu, v, stride, dim, r);
                        else for (int q = 0; q < count; q++) DotPairwise(pu, v + q * stride, dim).Store(r + q * 4);
                        var ni = Vector256.Create(pn[i]);
                        for (int q = 0; q < count; q++)
                        {
                            CosineDistance(Vector256.Load(r + q * 4) / (ni * Vector256.Load(pn + (b + q) * 4))).Store(r + q * 4);
                        }
                    }
                    else
                    {
                        if (count == 4) SquaredSequential4(pu, v, stride, dim, r);
                        else for (int q = 0; q < count; q++) SquaredSequential(pu, v + q * stride, dim).Store(r + q * 4);
                        for (int q = 0; q < count; q++) Vector256.Sqrt(Vector256.Load(r + q * 4)).Store(r + q * 4);
                    }
                    for (int lane = 0; lane < count * 4; lane++)
                    {
                        int j = b * 4 + lane;
                        if (j > i && j < n) ((T*)pd)[layout.Index(i, j)] = T.CreateTruncating(r[lane]);
                    }
                }
            }
        });
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void SquaredSequential4(double* u, double* v, long stride, int dim, double* result)
    {
        Vector256<double> s0 = default, s1 = default, s2 = default, s3 = default;
        double* v1 = v + stride, v2 = v1 + stride, v3 = v2 + stride;
        for (int k = 0; k < dim; k++)
        {
            var a = Vector256.Load(u + k * 4);
            var d0 = a - Vector256.Load(v + k * 4); var d1 = a - Vector256.Load(v1 + k * 4);
            var d2 = a - Vector256.Load(v2 + k * 4); var d3 = a - Vector256.Load(v3 + k * 4);
            s0 += d0 * d0; s1 += d1 * d1; s2 += d2 * d2; s3 += d3 * d3;
        }
        s0.Store(result); s1.Store(result + 4); s2.Store(result + 8); s3.Store(result + 12);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void DotPairwise4(double* u, double* v, long stride, int dim, double* result)
    {
        Vector256<double> e0 = default, e1 = default, e2 = default, e3 = default, o0 = default, o1 = default, o2 = default, o3 = default;
        double* v1 = v + stride, v2 = v1 + stride, v3 = v2 + stride;
        int k = 0;
        for (; k + 1 < dim; k += 2)
        {
            var a = Vector256.Load(u + k * 4);
            var b = Vector256.Load(u + k * 4 + 4);
            e0 += a * Vector256.Load(v + k * 4); o0 += b * Vector256.Load(v + k * 4 + 4);
            e1 += a * Vector256.Load(v1 + k * 4); o1 += b * Vector256.Load(v1 + k * 4 + 4);
            e2 += a * Vector256.Load(v2 + k * 4); o2 += b * Vector256.Load(v2 + k * 4 + 4);
            e3 += a * Vector256.Load(v3 + k * 4); o3 += b * Vector256.Load(v3 + k * 4 + 4);
        }
        Vector256<double> s0 = e0 + o0, s1 = e1 + o1, s2 = e2 + o2, s3 = e3 + o3;
        if (k < dim)
        {
            var a = Vector256.Load(u + k * 4);
            s0 += a * Vector256.Load(v + k * 4); s1 += a * Vector256.Load(v1 + k * 4);
            s2 += a * Vector256.Load(v2 + k * 4); s3 += a * Vector256.Load(v3 + k * 4);
        }
        s0.Store(result); s1.Store(result + 4); s2.Store(result + 8); s3.Store(result + 12);
    }

    /// <summary>Per lane: Σₖ (u[k] − v[k])² in index order, multiply and add rounded separately (no FMA), as scipy's C
    /// loop. <paramref name="u"/> and <paramref name="v"/> hold 4 values per k.</summary>
    private static unsafe Vector256<double> SquaredSequential(double* u, double* v, int dim)
    {
        var s = Vector256<double>.Zero;
        for (int k = 0; k < dim; k++)
        {
            var d = Vector256.Load(u + k * 4) - Vector256.Load(v + k * 4);
            s += d * d;
        }
        return s;
    }

    /// <summary>Per lane: the dot product as Debian's scipy build sums it — even-k and odd-k partial sums added at the
    /// end, then an odd last term.</summary>
    private static unsafe Vector256<double> DotPairwise(double* u, double* v, int dim)
    {
        Vector256<double> even = Vector256<double>.Zero, odd = Vector256<double>.Zero;
        int k = 0;
        for (; k + 1 < dim; k += 2)
        {
            even += Vector256.Load(u + k * 4) * Vector256.Load(v + k * 4);
            odd += Vector256.Load(u + k * 4 + 4) * Vector256.Load(v + k * 4 + 4);
        }
        var s = even + odd;
        if (k < dim) s += Vector256.Load(u + k * 4) * Vector256.Load(v + k * 4);
        return s;
    }

    /// <summary>Row norms and dot products from a 4×4 register-blocked kernel over 64-row tiles (cache reuse of both
    /// operands). Each dot product is accumulated lane-wise then summed in a fixed order, so ‖u‖² computed alone equals
    /// u·u inside a block bit for bit and duplicate rows get distance exactly 0.</summary>
    private static unsafe void FillGram<T, TLayout>(double[,] x, DistanceMetric metric, T* dst, TLayout layout)
        where T : unmanaged, IFloatingPointIeee754<T> where TLayout : struct, ITriangleLayout
    {
        int n = x.GetLength(0), d = x.GetLength(1);
        int dp = (d + 3) / 4 * 4, np = (n + 3) / 4 * 4;
        var xp = GC.AllocateArray<double>(np * dp, pinned: true);
        var f = Flat(x);
        for (int i = 0; i < n; i++) f.Slice(i * d, d).CopyTo(xp.AsSpan(i * dp, d));
        nint outp = (nint)dst;
        const int Tile = 64;
        int tiles = (np + Tile - 1) / Tile;
        bool cosine = metric == DistanceMetric.Cosine;
        // Per row: the norm (cosine) or squared norm (euclidean), padded to a multiple of 4 for vector loads.
        var vn = GC.AllocateArray<double>(np + 4, pinned: true);
        fixed (double* px = xp)
        {
            for (int i = 0; i < n; i++)
            {
                double sq = Dot1(px + (long)i * dp, dp);
                vn[i] = cosine ? Math.Sqrt(sq) : sq;
            }
        }
        // Whole interior tiles of a float32 tiled matrix are written 4 values at a time (vectorised epilogue).
        bool wholeTiles = typeof(T) == typeof(float) && typeof(TLayout) == typeof(TiledLayout) && Avx.IsSupported;
        Parallel.For(0, tiles, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (ti) =>
        {
            double* dots = stackalloc double[16];
            fixed (double* px = xp, pvn = vn)
            {
                int iStart = ti * Tile, iEnd = Math.Min(np, iStart + Tile);
                for (int tj = ti; tj < tiles; tj++)
                {
                    int jStart = tj * Tile, jEnd = Math.Min(np, jStart + Tile);
                    for (int i4 = iStart; i4 < iEnd; i4 += 4)
                    {
                        if (i4 >= n) break;
                        for (int j4 = Math.Max(jStart, i4); j4 < jEnd; j4 += 4)
                        {
                            if (j4 >= n) break;
                            Kernel4x4(px + (long)i4 * dp, px + (long)j4 * dp, dp, dots);
                            if (wholeTiles && j4 > i4 && j4 + 4 <= n)
                            {
                                // A whole float32 tile (one cache line): same formulas, 4 columns at a time.
                                float* tile = (float*)outp + layout.Index(i4, j4);
                                for (int a = 0; a < 4; a++)
                                    TileRow(dots + a * 4, cosine, pvn[i4 + a], Vector256.Load(pvn + j4)).Store(tile + a * 4);
                                continue;
                            }
                            for (int a = 0; a < 4; a++)
                            {
                                int i = i4 + a;
                                if (i >= n) break;
                                for (int b = 0; b < 4; b++)
                                {
                                    int j = j4 + b;
                                    if (j <= i || j >= n) continue;
                                    double dot = dots[a * 4 + b], v;
                                    if (cosine)
                                    {
                                        double c = dot / (pvn[i] * pvn[j]);
                                        if (Math.Abs(c) > 1) c = Math.CopySign(1.0, c);
                                        v = 1.0 - c;
                                    }
                                    else
                                    {
                                        double s2 = pvn[i] + pvn[j] - 2 * dot;
                                        v = s2 > 0 ? Math.Sqrt(s2) : 0;
                                    }
                                    ((T*)outp)[layout.Index(i, j)] = T.CreateTruncating(v);
                                }
                            }
                        }
                    }
                }
            }
        });
    }

    /// <summary>One tile row from its 4 dot products: cosine 1 − clip(dot/(‖u‖‖v‖)) or euclidean √(‖u‖²+‖v‖²−2dot), 0 where that is not positive,
    /// the scalar formulas lane by lane, rounded to float32. <paramref name="u"/> is the row's norm or squared norm,
    /// <paramref name="v"/> the 4 columns'.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector128<float> TileRow(double* dots, bool cosine, double u, Vector256<double> v)
    {
        var dot = Vector256.Load(dots);
        Vector256<double> r;
        if (cosine)
        {
            r = CosineDistance(dot / (Vector256.Create(u) * v));
        }
        else
        {
            var s2 = Vector256.Create(u) + v - Vector256.Create(2.0) * dot;
            r = Vector256.ConditionalSelect(Vector256.GreaterThan(s2, Vector256<double>.Zero), Vector256.Sqrt(s2), Vector256<double>.Zero);
        }
        return Avx.ConvertToVector128Single(r);
    }

    /// <summary>1 − c per lane after clipping |c| &gt; 1 to ±1 (scipy's rounding guard), c = u·v/(‖u‖‖v‖).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> CosineDistance(Vector256<double> c) =>
        Vector256<double>.One - Vector256.ConditionalSelect(Vector256.GreaterThan(Vector256.Abs(c), Vector256<double>.One),
            Vector256.CopySign(Vector256<double>.One, c), c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Fmadd(Vector256<double> a, Vector256<double> b, Vector256<double> c) =>
        Fma.IsSupported ? Fma.MultiplyAdd(a, b, c) : a * b + c;

    private static unsafe double Dot1(double* a, int dp)
    {
        var acc = Vector256<double>.Zero;
        for (int k = 0; k < dp; k += 4)
        {
            var v = Vector256.Load(a + k);
            acc = Fmadd(v, v, acc);
        }
        return Vector256.Sum(acc);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Kernel4x4(double* a, double* b, int dp, double* dots)
    {
        Vector256<double> c00 = default, c01 = default, c02 = default, c03 = default,
            c10 = default, c11 = default, c12 = default, c13 = default,
            c20 = default, c21 = default, c22 = default, c23 = default,
            c30 = default, c31 = default, c32 = default, c33 = default;
        double* a1 = a + dp, a2 = a1 + dp, a3 = a2 + dp, b1 = b + dp, b2 = b1 + dp, b3 = b2 + dp;
        for (int k = 0; k < dp; k += 4)
        {
            var x0 = Vector256.Load(a + k); var x1 = Vector256.Load(a1 + k); var x2 = Vector256.Load(a2 + k); var x3 = Vector256.Load(a3 + k);
            var y0 = Vector256.Load(b + k); var y1 = Vector256.Load(b1 + k); var y2 = Vector256.Load(b2 + k); var y3 = Vector256.Load(b3 + k);
            c00 = Fmadd(x0, y0, c00); c01 = Fmadd(x0, y1, c01); c02 = Fmadd(x0, y2, c02); c03 = Fmadd(x0, y3, c03);
            c10 = Fmadd(x1, y0, c10); c11 = Fmadd(x1, y1, c11); c12 = Fmadd(x1, y2, c12); c13 = Fmadd(x1, y3, c13);
            c20 = Fmadd(x2, y0, c20); c21 = Fmadd(x2, y1, c21); c22 = Fmadd(x2, y2, c22); c23 = Fmadd(x2, y3, c23);
            c30 = Fmadd(x3, y0, c30); c31 = Fmadd(x3, y1, c31); c32 = Fmadd(x3, y2, c32); c33 = Fmadd(x3, y3, c33);
        }
        dots[0] = Vector256.Sum(c00); dots[1] = Vector256.Sum(c01); dots[2] = Vector256.Sum(c02); dots[3] = Vector256.Sum(c03);
        dots[4] = Vector256.Sum(c10); dots[5] = Vector256.Sum(c11); dots[6] = Vector256.Sum(c12); dots[7] = Vector256.Sum(c13);
        dots[8] = Vector256.Sum(c20); dots[9] = Vector256.Sum(c21); dots[10] = Vector256.Sum(c22); dots[11] = Vector256.Sum(c23);
        dots[12] = Vector256.Sum(c30); dots[13] = Vector256.Sum(c31); dots[14] = Vector256.Sum(c32); dots[15] = Vector256.Sum(c33);
    }
}
