using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
    public static unsafe double[,] Compute(double[,] x, LinkageMethod method, DistanceMetric metric = DistanceMetric.Euclidean,
        DistancePrecision precision = DistancePrecision.Auto)
    {
        if (metric != DistanceMetric.Euclidean && method is LinkageMethod.Centroid or LinkageMethod.Median or LinkageMethod.Ward)
            throw new InvalidParameterException("metric",
                $"linkage '{method.ToString().ToLowerInvariant()}' is defined for the euclidean metric only (as in scipy); L2-normalise the vectors and use euclidean, or pick average/complete/single/weighted.");
        PairwiseDistances.Validate(x, metric, "x");
        int n = x.GetLength(0);
        bool single = precision == DistancePrecision.Float32 || (precision == DistancePrecision.Auto && n > AutoFloat64MaxRows);
        bool exact = !single && (precision == DistancePrecision.Float64 || n <= AutoFloat64MaxRows);
        return single ? FillAndRun<float>(x, metric, method, exact: false) : FillAndRun<double>(x, metric, method, exact);
    }

    /// <summary>Distances of the rows of <paramref name="x"/> into one tiled buffer of <typeparamref name="T"/>, then the linkage.</summary>
    private static unsafe double[,] FillAndRun<T>(double[,] x, DistanceMetric metric, LinkageMethod method, bool exact)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = x.GetLength(0);
        var layout = new TiledLayout(n);
        using var d = new NativeBuffer<T>(layout.Length);
        PairwiseDistances.Fill(x, metric, d.Pointer, layout, exact);
        return Run(d, n, method);
    }

    /// <summary>With <see cref="DistancePrecision.Auto"/>, up to this many rows use float64 storage and scipy's exact
    /// distance arithmetic; above it float32 storage and the faster Gram-matrix formula.</summary>
    public const int AutoFloat64MaxRows = 4096;

    /// <summary>Linkage matrix from a condensed distance matrix (length n(n−1)/2, as <c>pdist</c> returns); the input is not modified.</summary>
    /// <exception cref="InvalidParameterException">The length is not n(n−1)/2 for an n ≥ 2, or a distance is negative, NaN or infinite.</exception>
    public static unsafe double[,] FromCondensed(ReadOnlySpan<double> condensed, LinkageMethod method)
    {
        int n = CondensedSize(condensed.Length, "condensed");
        for (int i = 0; i < condensed.Length; i++)
            if (!double.IsFinite(condensed[i]) || condensed[i] < 0)
                throw new InvalidParameterException("condensed", $"distance {i} is {condensed[i]}; distances must be finite and non-negative.");
        var layout = new TiledLayout(n);
        using var d = new NativeBuffer<double>(layout.Length);
        double* p = d.Pointer;
        for (int i = 0, k = 0; i < n - 1; i++)
            for (int j = i + 1; j < n; j++) p[layout.Index(i, j)] = condensed[k++];
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

    // The hot loops below are marked AggressiveOptimization: a linkage is usually one long call, and tiered
    // compilation would run most of it in unoptimised code before on-stack replacement catches up.

    /// <summary>Runs the algorithm scipy uses for <paramref name="method"/> on distances stored in
    /// <see cref="TiledLayout"/>; <paramref name="buffer"/> is overwritten.</summary>
    internal static unsafe double[,] Run<T>(NativeBuffer<T> buffer, int n, LinkageMethod method) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T* d = buffer.Pointer;
        PadTiles(d, n);
        // ro[i] + Col(j) is the position of d(i, j), i < j: one table load instead of the tile arithmetic per access.
        var layout = new TiledLayout(n);
        var rowOffsets = GC.AllocateUninitializedArray<long>(n, pinned: true);
        for (int i = 0; i < n; i++) rowOffsets[i] = layout.RowOffset(i);
        var z = new double[n - 1, 4];
        fixed (long* ro = rowOffsets)
        {
            var s = new Store<T>(d, ro, n);
            switch (method)
            {
                case LinkageMethod.Single: MstSingle(s, z); SortAndLabel(z, n); break;
                case LinkageMethod.Complete: NnChain<T, CompleteUpdate>(s, z); SortAndLabel(z, n); break;
                case LinkageMethod.Average: NnChain<T, AverageUpdate>(s, z); SortAndLabel(z, n); break;
                case LinkageMethod.Weighted: NnChain<T, WeightedUpdate>(s, z); SortAndLabel(z, n); break;
                case LinkageMethod.Ward: NnChain<T, WardUpdate>(s, z); SortAndLabel(z, n); break;
                case LinkageMethod.Centroid: Generic<T, CentroidUpdate>(s, z); break;
                case LinkageMethod.Median: Generic<T, MedianUpdate>(s, z); break;
                default: throw new ArgumentOutOfRangeException(nameof(method));
            }
        }
        return z;
    }

    /// <summary>The tiled distance storage and its row-offset table.</summary>
    private readonly unsafe struct Store<T>(T* d, long* ro, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        public readonly T* D = d;
        public readonly long* Ro = ro;
        public readonly int N = n;

        /// <summary>Position of d(i, j) for i ≠ j in either order.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public long At(int i, int j) => i < j ? Ro[i] + Col(j) : Ro[j] + Col(i);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public double Get(int i, int j) => double.CreateTruncating(D[At(i, j)]);
    }

    /// <summary>Column part of a tiled position (<see cref="TiledLayout.ColumnOffset"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Col(int j) => TiledLayout.ColumnOffset(j);

    /// <summary>Lance–Williams update: distance from cluster i to x∪y, with scipy's operation order. One struct per
    /// method so the merge loop is compiled once per method with the formula inlined. <see cref="Prepare"/> computes
    /// the part that is the same for every i (the identical expression scipy evaluates per i, so the same double).</summary>
    private interface ILanceWilliams
    {
        static abstract double Prepare(double dxy, int sx, int sy);

        static abstract double Update(double dxi, double dyi, double c, double dxy, int sx, int sy, int si);
    }

    private readonly struct CompleteUpdate : ILanceWilliams
    {
        public static double Prepare(double dxy, int sx, int sy) => 0;
        public static double Update(double dxi, double dyi, double c, double dxy, int sx, int sy, int si) => Math.Max(dxi, dyi);
    }

    private readonly struct AverageUpdate : ILanceWilliams
    {
        public static double Prepare(double dxy, int sx, int sy) => 0;
        public static double Update(double dxi, double dyi, double c, double dxy, int sx, int sy, int si) => (sx * dxi + sy * dyi) / (sx + sy);
    }

    private readonly struct WeightedUpdate : ILanceWilliams
    {
        public static double Prepare(double dxy, int sx, int sy) => 0;
        public static double Update(double dxi, double dyi, double c, double dxy, int sx, int sy, int si) => 0.5 * (dxi + dyi);
    }

    private readonly struct CentroidUpdate : ILanceWilliams
    {
        public static double Prepare(double dxy, int sx, int sy) => ((double)(sx * sy) * dxy * dxy) / (sx + sy);
        public static double Update(double dxi, double dyi, double c, double dxy, int sx, int sy, int si) =>
            Math.Sqrt((((sx * dxi * dxi) + (sy * dyi * dyi)) - c) / (sx + sy));
    }

    private readonly struct MedianUpdate : ILanceWilliams
    {
        public static double Prepare(double dxy, int sx, int sy) => 0.25 * dxy * dxy;
        public static double Update(double dxi, double dyi, double c, double dxy, int sx, int sy, int si) =>
            Math.Sqrt(0.5 * (dxi * dxi + dyi * dyi) - c);
    }

    private readonly struct WardUpdate : ILanceWilliams
    {
        public static double Prepare(double dxy, int sx, int sy) => 0;
        public static double Update(double dxi, double dyi, double c, double dxy, int sx, int sy, int si)
        {
            double t = 1.0 / (sx + sy + si);
            return Math.Sqrt((si + sx) * t * dxi * dxi + (si + sy) * t * dyi * dyi - si * t * dxy * dxy);
        }
    }

    /// <summary>Sets the storage slots that hold no pair — the diagonal and lower half of each diagonal tile, columns
    /// ≥ n in the last tile column — to +∞, so whole tile rows can be scanned for a minimum.</summary>
    private static unsafe void PadTiles<T>(T* d, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var layout = new TiledLayout(n);
        for (int ti = 0; ti < layout.Tiles; ti++)
        {
            T* diag = d + layout.TileRowStart(ti);
            for (int a = 0; a < 4; a++)
                for (int b = 0; b <= a; b++) diag[a * 4 + b] = T.PositiveInfinity;
            T* last = diag + ((long)(layout.Tiles - 1 - ti) << 4);
            for (int a = 0; a < 4; a++)
                for (int b = 0; b < 4; b++)
                    if ((layout.Tiles - 1) * 4 + b >= n) last[a * 4 + b] = T.PositiveInfinity;
        }
    }

    /// <summary>Index of the first minimum of d(x, j) over j &gt; x and its value: a scan of x's row through the tiles
    /// of its tile-row, 4 values per tile (the padding is +∞, so no lane needs masking).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe (int Index, double Value) RowMinAbove<T>(T* d, int n, int x) where T : unmanaged, IFloatingPointIeee754<T> =>
        x >= n - 1 ? (-1, double.PositiveInfinity) : RowMinTiles(d, n, x, 0, new TiledLayout(n).RowTiles(x));

    /// <summary>First minimum of x's row over the tiles <paramref name="from"/>..<paramref name="to"/> (counted from
    /// x's diagonal tile); (−1, +∞) when they hold only +∞.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe (int Index, double Value) RowMinTiles<T>(T* d, int n, int x, int from, int to) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var layout = new TiledLayout(n);
        int ti = x >> 2;
        T* p = d + layout.TileRowStart(ti) + ((x & 3) << 2);
        // One loop for both storage types: a float32 tile row is widened to 4 doubles (exact, so the same order and ties).
        var best = Vector256.Create(double.PositiveInfinity);
        var bestTile = Vector256<long>.Zero;
        for (int t = from; t < to; t++)
        {
            Vector256<double> cur;
            if (typeof(T) == typeof(float))
            {
                var f = Vector128.Load((float*)p + ((long)t << 4));
                cur = Vector256.Create(Vector128.WidenLower(f), Vector128.WidenUpper(f));
            }
            else cur = Vector256.Load((double*)p + ((long)t << 4));
            var lt = Vector256.LessThan(cur, best);
            best = Vector256.Min(cur, best);
            bestTile = Vector256.ConditionalSelect(lt.AsInt64(), Vector256.Create((long)t), bestTile);
        }
        var (lane, tile, v) = FirstMin(best.GetElement(0), best.GetElement(1), best.GetElement(2), best.GetElement(3),
            (int)bestTile.GetElement(0), (int)bestTile.GetElement(1), (int)bestTile.GetElement(2), (int)bestTile.GetElement(3));
        return double.IsPositiveInfinity(v) ? (-1, v) : (((ti + tile) << 2) + lane, v);
    }

    /// <summary>Among 4 lanes' (minimum, first tile) pairs: the smallest value, and of its lanes the lowest column.</summary>
    private static (int Lane, int Tile, double Value) FirstMin(double v0, double v1, double v2, double v3, int t0, int t1, int t2, int t3)
    {
        double m = Math.Min(Math.Min(v0, v1), Math.Min(v2, v3));
        int bestCol = int.MaxValue, lane = 0, tile = 0;
        Span<double> v = [v0, v1, v2, v3];
        Span<int> t = [t0, t1, t2, t3];
        for (int b = 0; b < 4; b++)
            if (v[b] == m && t[b] * 4 + b < bestCol) { bestCol = t[b] * 4 + b; lane = b; tile = t[b]; }
        return (lane, tile, m);
    }

    /// <summary>scipy's <c>mst_single_linkage</c>: Prim's algorithm from point 0; ties go to the lowest index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void MstSingle<T>(Store<T> s, double[,] z) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = s.N;
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
                double dist = s.Get(i, x);
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void NnChain<T, U>(Store<T> s, double[,] z) where T : unmanaged, IFloatingPointIeee754<T> where U : ILanceWilliams
    {
        int n = s.N;
        var size = new int[n];
        Array.Fill(size, 1);
        var active = new int[n]; // active clusters, ascending
        for (int i = 0; i < n; i++) active[i] = i;
        int nActive = n;
        var chain = new int[n];
        int chainLength = 0;
        using var halves = new Halves<T, U>(s, active, size, null);
        for (int k = 0; k < n - 1; k++)
        {
            if (chainLength == 0) { chain[0] = active[0]; chainLength = 1; }
            int x, y;
            double cur;
            while (true)
            {
                x = chain[chainLength - 1];
                // Minimum over i < x (a column) then i > x (x's row); ties go to the lowest index.
                (y, cur) = halves.Nearest(nActive, x);
                // scipy starts from the previous chain element, so it wins ties (avoids cycles).
                if (chainLength > 1)
                {
                    int prev = chain[chainLength - 2];
                    double dp = s.Get(prev, x);
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
            halves.Merge(nActive, x, y, cur, nx, ny);
            RemoveActive(active, ref nActive, x);
        }
    }

    /// <summary>
    /// The O(active) steps of a merge — the Lance–Williams update of y's column and row (d(·, x) ← +∞), with the
    /// generic algorithm's candidate bookkeeping, and the nearest-cluster search of the NN-chain's head — split over two cores
    /// while many clusters are active. Each part touches only its own rows, so the parts need no locking; the partner
    /// thread spins between merges (a thread-pool hand-off per merge cost more than the merge).
    /// </summary>
    private sealed unsafe class Halves<T, U> : IDisposable where T : unmanaged, IFloatingPointIeee754<T> where U : ILanceWilliams
    {
        private SpinPartner? _partner;
        private readonly Store<T> _s;
        private readonly int[] _active, _size;
        // Generic algorithm only: nearest-neighbour candidates, their distances, and per part the clusters whose
        // bound dropped (applied to the heap afterwards in ascending order, as scipy's sequential loop does).
        private readonly int[]? _neighbor;
        private readonly double[]? _minDist;
        private readonly int[][] _lowered = new int[2][];
        private readonly int[] _loweredAboveX = new int[2], _loweredCount = new int[2];
        private readonly Action _mergeMine, _mergeTheirs, _nearestMine, _nearestTheirs;
        private int _nActive, _x, _y, _nx, _ny, _count, _posX, _posY, _colCut, _tileCut, _rowTiles;
        private double _dxy, _c;
        private (int Index, double Value) _low, _high;
        private readonly (int Index, double Value)[] _rowMin = new (int, double)[2];
        private int _partsUsed;

        public Halves(Store<T> s, int[] active, int[] size, int[]? neighbor = null, double[]? minDist = null)
        {
            _s = s; _active = active; _size = size; _neighbor = neighbor; _minDist = minDist;
            if (neighbor is not null) { _lowered[0] = new int[s.N]; _lowered[1] = new int[s.N]; }
            _mergeMine = () => MergePart(0, 2);
            _mergeTheirs = () => MergePart(1, 2);
            _nearestMine = () => _low = NearestPart(0);
            _nearestTheirs = () => _high = NearestPart(1);
            if (s.N >= ParallelUpdateMin && Environment.ProcessorCount > 1) _partner = new SpinPartner();
        }

        /// <summary>The partner while enough clusters are active; released (stops spinning) once they are not.</summary>
        private SpinPartner? Partner(int work)
        {
            if (_partner is not null && _nActive < ParallelUpdateMin) { _partner.Dispose(); _partner = null; }
            return work >= ParallelUpdateMin / 2 ? _partner : null;
        }

        /// <summary>Merges x into y (x &lt; y, both active): d(i, y) ← update and d(i, x) ← +∞ for every active i. For
        /// the generic algorithm also redirects candidates pointing at x to y and lowers, in ascending order, the
        /// bounds of clusters below y that are now closer to y.</summary>
        public void Merge(int nActive, int x, int y, double dxy, int nx, int ny, IndexedMinHeap? heap = null)
        {
            (_nActive, _x, _y, _dxy, _nx, _ny, _c) = (nActive, x, y, dxy, nx, ny, U.Prepare(dxy, nx, ny));
            _posX = Array.BinarySearch(_active, 0, nActive, x);
            _posY = Array.BinarySearch(_active, _posX, nActive - _posX, y);
            if (Partner(nActive) is { } partner) { partner.Run(_mergeMine, _mergeTheirs); _partsUsed = 2; }
            else { MergePart(0, 1); _partsUsed = 1; }
            _s.D[_s.At(x, y)] = T.PositiveInfinity;
            if (heap is null) return;
            int parts = _partsUsed;
            // Ascending cluster order: both parts' rows above x, then both parts' rows between x and y.
            for (int pass = 0; pass < 2; pass++)
                for (int part = 0; part < parts; part++)
                {
                    int from = pass == 0 ? 0 : _loweredAboveX[part], to = pass == 0 ? _loweredAboveX[part] : _loweredCount[part];
                    for (int k = from; k < to; k++)
                    {
                        int q = _lowered[part][k];
                        heap.ChangeValue(q, _minDist![q]);
                    }
                }
        }

        /// <summary>Part <paramref name="part"/> of <paramref name="parts"/>: that share of each of the three runs of
        /// active clusters (before x, between x and y, after y), so the expensive column reads are shared evenly.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void MergePart(int part, int parts)
        {
            int a0 = Share(0, _posX, part, parts), a1 = Share(0, _posX, part + 1, parts);
            int b0 = Share(_posX + 1, _posY, part, parts), b1 = Share(_posX + 1, _posY, part + 1, parts);
            int c0 = Share(_posY + 1, _nActive, part, parts), c1 = Share(_posY + 1, _nActive, part + 1, parts);
            T inf = T.PositiveInfinity;
            T* d = _s.D;
            long* ro = _s.Ro;
            int x = _x, y = _y, nx = _nx, ny = _ny;
            double dxy = _dxy, c = _c;
            long cx = Col(x), cy = Col(y), rowX = ro[x], rowY = ro[y];
            int[] active = _active, size = _size;
            int[]? neighbor = _neighbor, lowered = _lowered[part];
            double[]? minDist = _minDist;
            int count = 0;
            // Column reads miss the cache (one line per 4 rows); prefetching a few rows ahead keeps several misses in
            // flight instead of the one or two the out-of-order window reaches.
            for (int p = a0; p < a1; p++)
            {
                int i = active[p];
                if (p + Ahead < a1)
                {
                    long ahead = ro[active[p + Ahead]];
                    Prefetch(d + ahead + cx);
                    Prefetch(d + ahead + cy);
                }
                T* rx = d + ro[i] + cx;
                T* ry = d + ro[i] + cy;
                T tv = T.CreateTruncating(U.Update(double.CreateTruncating(*rx), double.CreateTruncating(*ry), c, dxy, nx, ny, size[i]));
                *ry = tv;
                *rx = inf;
                if (neighbor is not null)
                {
                    if (neighbor[i] == x) neighbor[i] = y; // a guess, verified when i reaches the top of the heap
                    double v = double.CreateTruncating(tv);
                    if (v < minDist![i]) { neighbor[i] = y; minDist[i] = v; lowered![count++] = i; }
                }
            }
            if (neighbor is not null) _loweredAboveX[part] = count;
            for (int p = b0; p < b1; p++)
            {
                int i = active[p];
                if (p + Ahead < b1) Prefetch(d + ro[active[p + Ahead]] + cy);
                T* rx = d + rowX + Col(i);
                T* ry = d + ro[i] + cy;
                T tv = T.CreateTruncating(U.Update(double.CreateTruncating(*rx), double.CreateTruncating(*ry), c, dxy, nx, ny, size[i]));
                *ry = tv;
                *rx = inf;
                if (neighbor is not null)
                {
                    double v = double.CreateTruncating(tv);
                    if (v < minDist![i]) { neighbor[i] = y; minDist[i] = v; lowered![count++] = i; }
                }
            }
            if (neighbor is not null) _loweredCount[part] = count;
            // y's new row, tracked as it is written: the generic algorithm needs its first minimum next.
            double rowBest = double.PositiveInfinity;
            int rowArg = -1;
            for (int p = c0; p < c1; p++)
            {
                int i = active[p];
                long ci = Col(i);
                T* rx = d + rowX + ci;
                T* ry = d + rowY + ci;
                T tv = T.CreateTruncating(U.Update(double.CreateTruncating(*rx), double.CreateTruncating(*ry), c, dxy, nx, ny, size[i]));
                *ry = tv;
                *rx = inf;
                double v = double.CreateTruncating(tv);
                if (v < rowBest) { rowBest = v; rowArg = i; }
            }
            _rowMin[part] = (rowArg, rowBest);
        }

        /// <summary>After <see cref="Merge"/>: the first minimum of d(y, j) over j &gt; y (what a scan of y's row would
        /// return: dropped clusters are +∞), or (−1, +∞).</summary>
        public (int Index, double Value) RowMinOfY => _partsUsed == 2 && _rowMin[1].Value < _rowMin[0].Value ? _rowMin[1] : _rowMin[0];

        private static int Share(int from, int to, int part, int parts) => from + (int)((long)(to - from) * part / parts);

        /// <summary>x's nearest cluster: the first minimum of d(i, x) over active i ≠ x — the column above x, then x's
        /// row — split into two parts of about equal memory traffic (a column row and a row element each cost a quarter
        /// of a cache line); the lower part wins ties, as in one sequential scan. (−1, +∞) when there is none.</summary>
        public (int Index, double Value) Nearest(int nActive, int x)
        {
            int count = Array.BinarySearch(_active, 0, nActive, x);
            if (count < 0) count = ~count;
            int rowTiles = x >= _s.N - 1 ? 0 : new TiledLayout(_s.N).RowTiles(x);
            (_nActive, _x, _count, _rowTiles) = (nActive, x, count, rowTiles);
            int total = count + 4 * rowTiles;
            // Part 0: column rows [0, colCut) and row tiles [0, tileCut); part 1: the rest. On one core part 0 is all.
            if (Partner(total) is not { } partner)
            {
                (_colCut, _tileCut) = (count, rowTiles);
                return NearestPart(0);
            }
            int half = total / 2;
            (_colCut, _tileCut) = half <= count ? (half, 0) : (count, (half - count) / 4);
            partner.Run(_nearestMine, _nearestTheirs);
            return _high.Value < _low.Value ? _high : _low;
        }

        private (int Index, double Value) NearestPart(int part)
        {
            var (colFrom, colTo, tileFrom, tileTo) = part == 0 ? (0, _colCut, 0, _tileCut) : (_colCut, _count, _tileCut, _rowTiles);
            (int Index, double Value) column = colTo > colFrom ? ColumnMinRange(_s, _x, _active, colFrom, colTo) : (-1, double.PositiveInfinity);
            (int Index, double Value) row = tileTo > tileFrom ? RowMinTiles(_s.D, _s.N, _x, tileFrom, tileTo) : (-1, double.PositiveInfinity);
            return row.Value < column.Value ? row : column;
        }

        public void Dispose() => _partner?.Dispose();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe (int Index, double Value) ColumnMinRange<T>(Store<T> s, int x, int[] active, int from, int to) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double cur = double.PositiveInfinity;
        int y = -1;
        long cx = Col(x);
        T* d = s.D;
        long* ro = s.Ro;
        for (int p = from; p < to; p++)
        {
            int i = active[p];
            if (p + Ahead < to) Prefetch(d + ro[active[p + Ahead]] + cx);
            double v = double.CreateTruncating(d[ro[i] + cx]);
            if (v < cur) { cur = v; y = i; }
        }
        return (y, cur);
    }

    /// <summary>How many active rows ahead the column loops prefetch.</summary>
    private const int Ahead = 64;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Prefetch(void* p)
    {
        if (Sse.IsSupported) Sse.Prefetch0(p);
    }

    /// <summary>Below this many active clusters a merge runs on one core (the hand-off would cost more than it saves).</summary>
    internal static int ParallelUpdateMin = 1000;

    private static void RemoveActive(int[] active, ref int nActive, int x)
    {
        int pos = Array.BinarySearch(active, 0, nActive, x);
        Array.Copy(active, pos + 1, active, pos, nActive - pos - 1);
        nActive--;
    }

    /// <summary>scipy's <c>fast_linkage</c> (Müllner's generic algorithm) with its nearest-neighbour candidates and heap.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Generic<T, U>(Store<T> s, double[,] z) where T : unmanaged, IFloatingPointIeee754<T> where U : ILanceWilliams
    {
        int n = s.N;
        T* d = s.D;
        var size = new int[n];
        Array.Fill(size, 1);
        var clusterId = new int[n];
        for (int i = 0; i < n; i++) clusterId[i] = i;
        var active = new int[n];
        for (int i = 0; i < n; i++) active[i] = i;
        int nActive = n;
        var neighbor = new int[n];
        var minDist = new double[n];
        for (int x = 0; x < n - 1; x++)
            (neighbor[x], minDist[x]) = RowMinAbove(d, n, x);
        (neighbor[n - 1], minDist[n - 1]) = (-1, double.PositiveInfinity); // the last row is empty; kept out of the heap
        var heap = new IndexedMinHeap(minDist.AsSpan(0, n - 1));
        using var halves = new Halves<T, U>(s, active, size, neighbor, minDist);
        for (int k = 0; k < n - 1; k++)
        {
            int x = 0, y = 0;
            double dist = 0;
            for (int i = 0; i < n - k; i++)
            {
                (x, dist) = heap.Min;
                y = neighbor[x];
                if (y >= 0 && dist == s.Get(x, y)) break;
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
            halves.Merge(nActive, x, y, dist, nx, ny, heap);
            RemoveActive(active, ref nActive, x);
            if (y < n - 1)
            {
                var (ny2, nd) = halves.RowMinOfY;
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
