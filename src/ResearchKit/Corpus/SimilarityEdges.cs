using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ResearchKit.Corpus;

/// <summary>
/// The sparse cosine-similarity graph over unit-length rows: every pair i &lt; j with cos ≥ a minimum, as three plain
/// arrays sorted by (i, j). Built block by block so memory is O(edges), never the M×M matrix (100 000 speakers
/// would need 40 GB as a dense float32 matrix); this is what lets <c>link-speakers</c> handle 10⁵ speakers.
/// </summary>
/// <param name="NodeCount">Number of rows M.</param>
/// <param name="Source">Row i of each edge.</param>
/// <param name="Target">Row j &gt; i of each edge.</param>
/// <param name="Similarity">cos(i, j) of each edge (float32 dot product of the unit rows).</param>
public sealed record SimilarityEdges(int NodeCount, int[] Source, int[] Target, float[] Similarity)
{
    /// <summary>Number of edges.</summary>
    public int Count => Source.Length;

    /// <summary>The edges with similarity ≥ <paramref name="threshold"/> (same order).</summary>
    public SimilarityEdges AtLeast(double threshold)
    {
        var keep = new List<int>();
        for (int e = 0; e < Similarity.Length; e++) if (Similarity[e] >= threshold) keep.Add(e);
        return new SimilarityEdges(NodeCount, keep.Select(e => Source[e]).ToArray(), keep.Select(e => Target[e]).ToArray(), keep.Select(e => Similarity[e]).ToArray());
    }

    /// <summary>
    /// All pairs of rows of <paramref name="unitRows"/> (M×D, each row unit length) whose dot product is ≥
    /// <paramref name="minSimilarity"/>. Rows are processed in blocks of 4 against all later rows with a register-blocked
    /// SIMD kernel, on all cores; the result does not depend on the number of threads.
    /// </summary>
    public static SimilarityEdges Build(float[,] unitRows, double minSimilarity)
    {
        int m = unitRows.GetLength(0), d = unitRows.GetLength(1);
        if (!(minSimilarity >= -1 && minSimilarity <= 1))
            throw new InvalidParameterException("threshold", $"cosine similarity threshold {minSimilarity} is outside [-1, 1]; give a value in that range (malaya's (cos+1)/2 scale maps to cos = 2s − 1).");
        if (m == 0) return new SimilarityEdges(0, [], [], []);
        float min = (float)minSimilarity;
        int blocks = (m + 3) / 4;
        var perBlock = new List<(int I, int J, float S)>[blocks];
        Parallel.For(0, blocks, b =>
        {
            var found = new List<(int, int, float)>();
            Scan(unitRows, m, d, b * 4, min, found);
            found.Sort((x, y) => x.Item1 != y.Item1 ? x.Item1.CompareTo(y.Item1) : x.Item2.CompareTo(y.Item2));
            perBlock[b] = found;
        });
        int total = perBlock.Sum(l => l.Count);
        var src = new int[total];
        var dst = new int[total];
        var sim = new float[total];
        int k = 0;
        foreach (var list in perBlock)
            foreach (var (i, j, s) in list) { src[k] = i; dst[k] = j; sim[k++] = s; }
        return new SimilarityEdges(m, src, dst, sim);
    }

    private static unsafe void Scan(float[,] rows, int m, int d, int i0, float min, List<(int, int, float)> found)
    {
        int ni = Math.Min(4, m - i0);
        fixed (float* basePtr = &rows[0, 0])
        {
            if (ni < 4 || !Vector256.IsHardwareAccelerated)
            {
                for (int i = i0; i < i0 + ni; i++)
                {
                    var a = new ReadOnlySpan<float>(basePtr + (long)i * d, d);
                    for (int j = i + 1; j < m; j++)
                    {
                        float s = TensorPrimitives.Dot(a, new ReadOnlySpan<float>(basePtr + (long)j * d, d));
                        if (s >= min) found.Add((i, j, s));
                    }
                }
                return;
            }
            float* a0 = basePtr + (long)i0 * d, a1 = a0 + d, a2 = a1 + d, a3 = a2 + d;
            Span<float> dots = stackalloc float[8];
            int jStart = i0 + 1;
            int j0 = jStart;
            for (; j0 + 1 < m; j0 += 2)
            {
                Dot4x2(a0, a1, a2, a3, basePtr + (long)j0 * d, basePtr + (long)(j0 + 1) * d, d, dots);
                for (int r = 0; r < 4; r++)
                {
                    int i = i0 + r;
                    if (j0 > i && dots[2 * r] >= min) found.Add((i, j0, dots[2 * r]));
                    if (j0 + 1 > i && dots[2 * r + 1] >= min) found.Add((i, j0 + 1, dots[2 * r + 1]));
                }
            }
            for (; j0 < m; j0++)
            {
                var b = new ReadOnlySpan<float>(basePtr + (long)j0 * d, d);
                for (int r = 0; r < 4; r++)
                {
                    int i = i0 + r;
                    if (j0 <= i) continue;
                    float s = TensorPrimitives.Dot(new ReadOnlySpan<float>(basePtr + (long)i * d, d), b);
                    if (s >= min) found.Add((i, j0, s));
                }
            }
        }
    }

    // 4 rows of A against 2 rows of B: 8 accumulators + 6 loads per step fit the 16 AVX registers.
    private static unsafe void Dot4x2(float* a0, float* a1, float* a2, float* a3, float* b0, float* b1, int d, Span<float> dots)
    {
        var c00 = Vector256<float>.Zero; var c01 = Vector256<float>.Zero;
        var c10 = Vector256<float>.Zero; var c11 = Vector256<float>.Zero;
        var c20 = Vector256<float>.Zero; var c21 = Vector256<float>.Zero;
        var c30 = Vector256<float>.Zero; var c31 = Vector256<float>.Zero;
        int k = 0;
        for (; k + 8 <= d; k += 8)
        {
            var x0 = Vector256.Load(b0 + k); var x1 = Vector256.Load(b1 + k);
            var y = Vector256.Load(a0 + k); c00 = Fmadd(y, x0, c00); c01 = Fmadd(y, x1, c01);
            y = Vector256.Load(a1 + k); c10 = Fmadd(y, x0, c10); c11 = Fmadd(y, x1, c11);
            y = Vector256.Load(a2 + k); c20 = Fmadd(y, x0, c20); c21 = Fmadd(y, x1, c21);
            y = Vector256.Load(a3 + k); c30 = Fmadd(y, x0, c30); c31 = Fmadd(y, x1, c31);
        }
        float s00 = Vector256.Sum(c00), s01 = Vector256.Sum(c01), s10 = Vector256.Sum(c10), s11 = Vector256.Sum(c11);
        float s20 = Vector256.Sum(c20), s21 = Vector256.Sum(c21), s30 = Vector256.Sum(c30), s31 = Vector256.Sum(c31);
        for (; k < d; k++)
        {
            s00 += a0[k] * b0[k]; s01 += a0[k] * b1[k];
            s10 += a1[k] * b0[k]; s11 += a1[k] * b1[k];
            s20 += a2[k] * b0[k]; s21 += a2[k] * b1[k];
            s30 += a3[k] * b0[k]; s31 += a3[k] * b1[k];
        }
        dots[0] = s00; dots[1] = s01; dots[2] = s10; dots[3] = s11;
        dots[4] = s20; dots[5] = s21; dots[6] = s30; dots[7] = s31;
    }

    private static Vector256<float> Fmadd(Vector256<float> a, Vector256<float> b, Vector256<float> c) =>
        Fma.IsSupported ? Fma.MultiplyAdd(a, b, c) : a * b + c;
}
