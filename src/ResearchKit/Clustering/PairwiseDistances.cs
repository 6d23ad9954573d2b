using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ResearchKit.Clustering;

/// <summary>
/// Pairwise distances in scipy's condensed layout: for n rows, the n(n−1)/2 distances d(i, j), i &lt; j, row by
/// row (<c>scipy.spatial.distance.pdist</c>). Computed in float64 on all cores.
/// </summary>
public static class PairwiseDistances
{
    /// <summary>Position of d(i, j) (i ≠ j) in a condensed matrix of <paramref name="n"/> rows.</summary>
    public static long CondensedIndex(int n, int i, int j)
    {
        if (i > j) (i, j) = (j, i);
        return (long)n * i - (long)i * (i + 1) / 2 + (j - i - 1);
    }

    /// <summary>The condensed distance matrix of the rows of <paramref name="x"/> (n×d), like <c>pdist(x, metric)</c>.</summary>
    /// <exception cref="InvalidParameterException">Fewer than 2 rows, NaN/Inf values, or an all-zero row with the cosine metric.</exception>
    public static double[] Condensed(double[,] x, DistanceMetric metric)
    {
        var d = new double[Validate(x, metric, "x")];
        Fill(x, metric, d);
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
        long len = (long)n * (n - 1) / 2;
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

    /// <summary>Fills <paramref name="dst"/> (condensed, length n(n−1)/2) in parallel, blocks of rows at a time so that
    /// each row j is read from memory once per block.</summary>
    internal static void Fill<T>(double[,] x, DistanceMetric metric, T[] dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = x.GetLength(0), dim = x.GetLength(1);
        double[]? norms = null;
        if (metric == DistanceMetric.Cosine)
        {
            norms = new double[n];
            var f = Flat(x);
            for (int i = 0; i < n; i++) norms[i] = Math.Sqrt(TensorPrimitives.Dot(f.Slice(i * dim, dim), f.Slice(i * dim, dim)));
        }
        const int Block = 16;
        int blocks = (n + Block - 1) / Block;
        // Early blocks carry more pairs; interleaving keeps the two halves of the work balanced.
        Parallel.For(0, blocks, b =>
        {
            var f = Flat(x);
            int i0 = b * Block, i1 = Math.Min(n, i0 + Block);
            for (int j = i0 + 1; j < n; j++)
            {
                var v = f.Slice(j * dim, dim);
                int iEnd = Math.Min(i1, j);
                for (int i = i0; i < iEnd; i++)
                {
                    var u = f.Slice(i * dim, dim);
                    double dist;
                    if (norms is null) dist = TensorPrimitives.Distance(u, v);
                    else
                    {
                        // scipy's cosine_distance: clip the cosine to [-1, 1] before 1 - cos.
                        double c = TensorPrimitives.Dot(u, v) / (norms[i] * norms[j]);
                        if (Math.Abs(c) > 1) c = Math.CopySign(1.0, c);
                        dist = 1.0 - c;
                    }
                    dst[(long)n * i - (long)i * (i + 1) / 2 + (j - i - 1)] = T.CreateTruncating(dist);
                }
            }
        });
    }
}
