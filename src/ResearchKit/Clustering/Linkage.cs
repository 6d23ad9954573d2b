using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ResearchKit.Clustering;

/// <summary>
/// Hierarchical agglomerative clustering producing scipy's linkage matrix: (n−1)×4 rows
/// [cluster a, cluster b, height, size], a &lt; b, original points 0..n−1, the cluster formed by row k numbered n+k.
/// Identical to <c>scipy.cluster.hierarchy.linkage</c> 1.10 (same algorithms, hence the same merge order and
/// tie handling): minimum spanning tree for single; nearest-neighbour chain for complete, average, weighted and
/// ward (rows stably sorted by height, then relabelled); Müllner's generic algorithm with scipy's heap for
/// centroid and median (rows in merge order, which may be non-monotonic).
/// </summary>
public static class Linkage
{
    /// <summary>Linkage matrix of the rows of <paramref name="x"/> (n×d), like <c>linkage(x, method, metric)</c>.</summary>
    /// <param name="x">n×d data, one observation per row.</param>
    /// <param name="method">Linkage criterion.</param>
    /// <param name="metric">Distance between rows; centroid, median and ward need <see cref="DistanceMetric.Euclidean"/>, as in scipy.</param>
    /// <param name="precision">Storage precision of the one condensed distance matrix this uses.</param>
    /// <exception cref="InvalidParameterException">Bad data (see <see cref="PairwiseDistances.Condensed"/>) or a metric the method does not support.</exception>
    public static double[,] Compute(double[,] x, LinkageMethod method, DistanceMetric metric = DistanceMetric.Euclidean,
        DistancePrecision precision = DistancePrecision.Auto)
    {
        if (metric != DistanceMetric.Euclidean && method is LinkageMethod.Centroid or LinkageMethod.Median or LinkageMethod.Ward)
            throw new InvalidParameterException("metric",
                $"linkage '{method.ToString().ToLowerInvariant()}' is defined for the euclidean metric only (as in scipy); L2-normalise the vectors and use euclidean, or pick average/complete/single/weighted.");
        long len = PairwiseDistances.Validate(x, metric, "x");
        int n = x.GetLength(0);
        bool single = precision == DistancePrecision.Float32 || (precision == DistancePrecision.Auto && n > AutoFloat64MaxRows);
        if (single)
        {
            using var d = new NativeBuffer<float>(len);
            PairwiseDistances.Fill(x, metric, d, exactEuclidean: false);
            return Run(d, n, method);
        }
        else
        {
            using var d = new NativeBuffer<double>(len);
            PairwiseDistances.Fill(x, metric, d, exactEuclidean: precision == DistancePrecision.Float64 || n <= AutoFloat64MaxRows);
            return Run(d, n, method);
        }
    }

    /// <summary>With <see cref="DistancePrecision.Auto"/>, up to this many rows use float64 storage and scipy's exact
    /// euclidean formula; above it float32 storage and the faster Gram-matrix formula.</summary>
    public const int AutoFloat64MaxRows = 4096;

    /// <summary>Linkage matrix from a condensed distance matrix (length n(n−1)/2, as <c>pdist</c> returns); the input is not modified.</summary>
    /// <exception cref="InvalidParameterException">The length is not n(n−1)/2 for an n ≥ 2, or a distance is negative, NaN or infinite.</exception>
    public static double[,] FromCondensed(ReadOnlySpan<double> condensed, LinkageMethod method)
    {
        int n = CondensedSize(condensed.Length, "condensed");
        for (int i = 0; i < condensed.Length; i++)
            if (!double.IsFinite(condensed[i]) || condensed[i] < 0)
                throw new InvalidParameterException("condensed", $"distance {i} is {condensed[i]}; distances must be finite and non-negative.");
        using var d = new NativeBuffer<double>(condensed.Length);
        condensed.CopyTo(d.Span);
        return Run(d, n, method);
    }

    /// <summary>The n for which n(n−1)/2 = <paramref name="length"/>, or an error naming <paramref name="name"/>.</summary>
    internal static int CondensedSize(long length, string name)
    {
        long n = (long)Math.Round((1 + Math.Sqrt(1 + 8.0 * length)) / 2);
        if (n < 2 || n * (n - 1) / 2 != length)
            throw new InvalidParameterException(name,
                $"length {length} is not n(n−1)/2 for any n ≥ 2; pass the condensed upper triangle (scipy pdist layout) of a square distance matrix.");
        return (int)n;
    }

    /// <summary>Runs the algorithm scipy uses for <paramref name="method"/>; <paramref name="buffer"/> is overwritten.</summary>
    internal static unsafe double[,] Run<T>(NativeBuffer<T> buffer, int n, LinkageMethod method) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T* d = buffer.Pointer;
        var z = new double[n - 1, 4];
        switch (method)
        {
            case LinkageMethod.Single:
                MstSingle(d, n, z);
                SortAndLabel(z, n);
                break;
            case LinkageMethod.Centroid:
            case LinkageMethod.Median:
                Generic(d, n, method, z);
                break;
            default:
                NnChain(d, n, method, z);
                SortAndLabel(z, n);
                break;
        }
        return z;
    }

    /// <summary>Lance–Williams update: distance from cluster i to x∪y, with scipy's operation order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Update(LinkageMethod m, double dxi, double dyi, double dxy, int sx, int sy, int si) => m switch
    {
        LinkageMethod.Single => Math.Min(dxi, dyi),
        LinkageMethod.Complete => Math.Max(dxi, dyi),
        LinkageMethod.Average => (sx * dxi + sy * dyi) / (sx + sy),
        LinkageMethod.Weighted => 0.5 * (dxi + dyi),
        LinkageMethod.Centroid => Math.Sqrt((((sx * dxi * dxi) + (sy * dyi * dyi)) - ((double)(sx * sy) * dxy * dxy) / (sx + sy)) / (sx + sy)),
        LinkageMethod.Median => Math.Sqrt(0.5 * (dxi * dxi + dyi * dyi) - 0.25 * dxy * dxy),
        _ => WardUpdate(dxi, dyi, dxy, sx, sy, si),
    };

    private static double WardUpdate(double dxi, double dyi, double dxy, int sx, int sy, int si)
    {
        double t = 1.0 / (sx + sy + si);
        return Math.Sqrt((si + sx) * t * dxi * dxi + (si + sy) * t * dyi * dyi - si * t * dxy * dxy);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Idx(int n, int i, int j) => (long)n * i - (long)i * (i + 1) / 2 + (j - i - 1); // requires i < j

    /// <summary>Index of the first minimum of d(x, i) over i &gt; x and its value (contiguous in the condensed layout).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe (int Index, double Value) RowMinAbove<T>(T* d, int n, int x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x >= n - 1) return (-1, double.PositiveInfinity);
        var span = new ReadOnlySpan<T>(d + Idx(n, x, x + 1), n - x - 1);
        int k = TensorPrimitives.IndexOfMin(span);
        double v = double.CreateTruncating(span[k]);
        return double.IsPositiveInfinity(v) ? (-1, v) : (x + 1 + k, v);
    }

    /// <summary>scipy's <c>mst_single_linkage</c>: Prim's algorithm from point 0; ties go to the lowest index.</summary>
    private static unsafe void MstSingle<T>(T* d, int n, double[,] z) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var best = new double[n];
        Array.Fill(best, double.PositiveInfinity);
        var open = new int[n - 1]; // points not yet in the tree, ascending
        for (int i = 0; i < n - 1; i++) open[i] = i + 1;
        int count = n - 1, x = 0;
        for (int k = 0; k < n - 1; k++)
        {
            double cur = double.PositiveInfinity;
            int y = 0, yPos = 0;
            for (int p = 0; p < count; p++)
            {
                int i = open[p];
                long id = i < x ? Idx(n, i, x) : Idx(n, x, i);
                double dist = double.CreateTruncating(*(d + id));
                if (best[i] > dist) best[i] = dist;
                if (best[i] < cur) { cur = best[i]; y = i; yPos = p; }
            }
            z[k, 0] = x; z[k, 1] = y; z[k, 2] = cur;
            Array.Copy(open, yPos + 1, open, yPos, count - yPos - 1);
            count--;
            x = y;
        }
    }

    /// <summary>scipy's <c>nn_chain</c>. Dropped clusters get +∞ distances so the row minimum needs no mask.</summary>
    private static unsafe void NnChain<T>(T* d, int n, LinkageMethod method, double[,] z) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var size = new int[n];
        Array.Fill(size, 1);
        var active = new int[n]; // active clusters, ascending
        for (int i = 0; i < n; i++) active[i] = i;
        int nActive = n;
        var chain = new int[n];
        int chainLength = 0;
        for (int k = 0; k < n - 1; k++)
        {
            if (chainLength == 0) { chain[0] = active[0]; chainLength = 1; }
            int x, y;
            double cur;
            while (true)
            {
                x = chain[chainLength - 1];
                // Minimum over i < x (strided) then i > x (contiguous); ties go to the lowest index.
                (y, cur) = ColumnMin(d, n, x, active, nActive);
                var (ya, va) = RowMinAbove(d, n, x);
                if (va < cur) { cur = va; y = ya; }
                // scipy starts from the previous chain element, so it wins ties (avoids cycles).
                if (chainLength > 1)
                {
                    int prev = chain[chainLength - 2];
                    double dp = double.CreateTruncating(*(d + (prev < x ? Idx(n, prev, x) : Idx(n, x, prev))));
                    if (!(cur < dp)) { cur = dp; y = prev; }
                    if (y == prev) break;
                }
                chain[chainLength++] = y;
            }
            chainLength -= 2;
            if (x > y) (x, y) = (y, x);
            int nx = size[x], ny = size[y];
            z[k, 0] = x; z[k, 1] = y; z[k, 2] = cur; z[k, 3] = nx + ny;
            size[x] = 0;
            size[y] = nx + ny;
            MergeUpdate(d, n, method, active, nActive, size, x, y, cur, nx, ny, null);
            RemoveActive(active, ref nActive, x);
        }
    }

    /// <summary>d(i, y) ← update for every active i; d(i, x) ← +∞. Optionally records the new d(i, y) for i &lt; y.
    /// Each i touches only its own entries, so large updates are split over the cores.</summary>
    private static unsafe void MergeUpdate<T>(T* d, int n, LinkageMethod method, int[] active, int nActive, int[] size,
        int x, int y, double dxy, int nx, int ny, double[]? newBelowY) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (nActive >= ParallelUpdateMin)
        {
            nint pd = (nint)d;
            const int Parts = 2;
            Parallel.For(0, Parts, part =>
                MergeRange((T*)pd, n, method, active, nActive * part / Parts, nActive * (part + 1) / Parts, size, x, y, dxy, nx, ny, newBelowY));
        }
        else MergeRange(d, n, method, active, 0, nActive, size, x, y, dxy, nx, ny, newBelowY);
        *(d + Idx(n, x, y)) = T.PositiveInfinity;
    }

    /// <summary>First minimum of d(i, x) over active i &lt; x (a strided column of the condensed layout), split over
    /// two cores when long; (−1, +∞) when there is none.</summary>
    private static unsafe (int Index, double Value) ColumnMin<T>(T* d, int n, int x, int[] active, int nActive) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int count = Array.BinarySearch(active, 0, nActive, x);
        if (count < 0) count = ~count;
        if (count < ParallelUpdateMin) return ColumnMinRange(d, n, x, active, 0, count);
        nint pd = (nint)d;
        int half = count / 2;
        (int, double) lo = default, hi = default;
        Parallel.Invoke(
            () => lo = ColumnMinRange((T*)pd, n, x, active, 0, half),
            () => hi = ColumnMinRange((T*)pd, n, x, active, half, count));
        return hi.Item2 < lo.Item2 ? hi : lo;
    }

    private static unsafe (int Index, double Value) ColumnMinRange<T>(T* d, int n, int x, int[] active, int from, int to) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double cur = double.PositiveInfinity;
        int y = -1;
        for (int p = from; p < to; p++)
        {
            int i = active[p];
            double v = double.CreateTruncating(*(d + Idx(n, i, x)));
            if (v < cur) { cur = v; y = i; }
        }
        return (y, cur);
    }

    /// <summary>Below this many active clusters a merge update runs on one core (thread hand-off would cost more).</summary>
    internal static int ParallelUpdateMin = 4000;

    private static unsafe void MergeRange<T>(T* d, int n, LinkageMethod method, int[] active, int from, int to, int[] size,
        int x, int y, double dxy, int nx, int ny, double[]? newBelowY) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T inf = T.PositiveInfinity;
        for (int p = from; p < to; p++)
        {
            int i = active[p];
            if (i == x || i == y) continue;
            T* rx = d + (i < x ? Idx(n, i, x) : Idx(n, x, i));
            T* ry = d + (i < y ? Idx(n, i, y) : Idx(n, y, i));
            T tv = T.CreateTruncating(Update(method, double.CreateTruncating(*rx), double.CreateTruncating(*ry), dxy, nx, ny, size[i]));
            *ry = tv;
            *rx = inf;
            if (newBelowY is not null && i < y) newBelowY[i] = double.CreateTruncating(tv);
        }
    }

    private static void RemoveActive(int[] active, ref int nActive, int x)
    {
        int pos = Array.BinarySearch(active, 0, nActive, x);
        Array.Copy(active, pos + 1, active, pos, nActive - pos - 1);
        nActive--;
    }

    /// <summary>scipy's <c>fast_linkage</c> (Müllner's generic algorithm) with its nearest-neighbour candidates and heap.</summary>
    private static unsafe void Generic<T>(T* d, int n, LinkageMethod method, double[,] z) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var size = new int[n];
        Array.Fill(size, 1);
        var clusterId = new int[n];
        for (int i = 0; i < n; i++) clusterId[i] = i;
        var active = new int[n];
        for (int i = 0; i < n; i++) active[i] = i;
        int nActive = n;
        var neighbor = new int[n - 1];
        var minDist = new double[n - 1];
        var newBelowY = new double[n];
        for (int x = 0; x < n - 1; x++)
            (neighbor[x], minDist[x]) = RowMinAbove(d, n, x);
        var heap = new IndexedMinHeap(minDist);
        for (int k = 0; k < n - 1; k++)
        {
            int x = 0, y = 0;
            double dist = 0;
            for (int i = 0; i < n - k; i++)
            {
                (x, dist) = heap.Min;
                y = neighbor[x];
                if (y >= 0 && dist == double.CreateTruncating(*(d + Idx(n, x, y)))) break;
                (y, dist) = RowMinAbove(d, n, x);
                neighbor[x] = y;
                minDist[x] = dist;
                heap.ChangeValue(x, dist);
            }
            heap.RemoveMin();
            int idX = clusterId[x], idY = clusterId[y], nx = size[x], ny = size[y];
            if (idX > idY) (idX, idY) = (idY, idX);
            z[k, 0] = idX; z[k, 1] = idY; z[k, 2] = dist; z[k, 3] = nx + ny;
            size[x] = 0;
            size[y] = nx + ny;
            clusterId[y] = n + k;
            MergeUpdate(d, n, method, active, nActive, size, x, y, dist, nx, ny, newBelowY);
            RemoveActive(active, ref nActive, x);
            // Candidates that pointed at x now point at y (a guess, verified when they reach the top of the heap).
            for (int p = 0; p < nActive; p++)
            {
                int q = active[p];
                if (q >= x) break;
                if (neighbor[q] == x) neighbor[q] = y;
            }
            // Lower the bounds of clusters below y whose distance to the new cluster is smaller.
            for (int p = 0; p < nActive; p++)
            {
                int q = active[p];
                if (q >= y) break;
                double dq = newBelowY[q];
                if (dq < minDist[q])
                {
                    neighbor[q] = y;
                    minDist[q] = dq;
                    heap.ChangeValue(q, dq);
                }
            }
            if (y < n - 1)
            {
                var (ny2, nd) = RowMinAbove(d, n, y);
                if (ny2 != -1)
                {
                    neighbor[y] = ny2;
                    minDist[y] = nd;
                    heap.ChangeValue(y, nd);
                }
            }
        }
    }

    /// <summary>Stable sort of the rows by height (numpy's mergesort), then scipy's union-find relabelling.</summary>
    private static void SortAndLabel(double[,] z, int n)
    {
        int m = n - 1;
        var order = new int[m];
        for (int i = 0; i < m; i++) order[i] = i;
        var h = new double[m];
        for (int i = 0; i < m; i++) h[i] = z[i, 2];
        Array.Sort(order, (a, b) => { int c = h[a].CompareTo(h[b]); return c != 0 ? c : a.CompareTo(b); });
        var copy = (double[,])z.Clone();
        for (int r = 0; r < m; r++)
            for (int c = 0; c < 4; c++) z[r, c] = copy[order[r], c];
        // Union-find: points keep their index, the cluster formed by row k is n+k.
        var parent = new int[2 * n - 1];
        var count = new int[2 * n - 1];
        for (int i = 0; i < parent.Length; i++) { parent[i] = i; count[i] = 1; }
        int Find(int v)
        {
            int root = v;
            while (parent[root] != root) root = parent[root];
            while (parent[v] != root) { int next = parent[v]; parent[v] = root; v = next; }
            return root;
        }
        for (int k = 0; k < m; k++)
        {
            int a = Find((int)z[k, 0]), b = Find((int)z[k, 1]);
            if (a > b) (a, b) = (b, a);
            z[k, 0] = a; z[k, 1] = b;
            int label = n + k;
            parent[a] = label; parent[b] = label;
            count[label] = count[a] + count[b];
            z[k, 3] = count[label];
        }
    }
}
