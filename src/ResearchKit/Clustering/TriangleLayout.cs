using System.Runtime.CompilerServices;

namespace ResearchKit.Clustering;

/// <summary>Where entry (i, j), i &lt; j, of the upper triangle of a symmetric n×n matrix is stored.</summary>
internal interface ITriangleLayout
{
    /// <summary>Number of elements the storage needs.</summary>
    long Length { get; }

    /// <summary>Position of (i, j); requires 0 ≤ i &lt; j &lt; n.</summary>
    long Index(int i, int j);
}

/// <summary>scipy's condensed layout (<c>pdist</c>): row i holds d(i, i+1) … d(i, n−1), rows one after another.</summary>
internal readonly struct CondensedLayout(int n) : ITriangleLayout
{
    public long Length => (long)n * (n - 1) / 2;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Index(int i, int j) => (long)n * i - (long)i * (i + 1) / 2 + (j - i - 1);
}

/// <summary>
/// The same upper triangle in 4×4 tiles: tile (I, J), I ≤ J, holds rows 4I…4I+3 × columns 4J…4J+3 in 16
/// consecutive elements (row-major), and the tiles of one tile-row follow each other. A float32 tile is one 64-byte
/// cache line, so reading a column d(·, x) — which agglomerative linkage does for every merge — touches one line per
/// 4 rows instead of one per row as in the condensed layout, while a row still streams through consecutive lines.
/// Size: about n²/2 elements plus the unused halves of the n/4 diagonal tiles.
/// </summary>
internal readonly struct TiledLayout(int n) : ITriangleLayout
{
    /// <summary>Tiles per side, ⌈n/4⌉.</summary>
    public readonly int Tiles = (n + 3) >> 2;

    public long Length => (long)Tiles * (Tiles + 1) / 2 * 16;

    /// <summary>Position of the first element of diagonal tile (I, I); the tile-rows before it hold
    /// Tiles + (Tiles − 1) + … + (Tiles − I + 1) tiles.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long TileRowStart(int tileRow) => ((long)tileRow * (2 * Tiles + 1 - tileRow) >> 1) << 4;

    /// <summary>Row part of a position: <see cref="Index"/>(i, j) = RowOffset(i) + <see cref="ColumnOffset"/>(j).
    /// Linkage tabulates it once per row so every access is one load plus a constant.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long RowOffset(int i)
    {
        int ti = i >> 2;
        return TileRowStart(ti) - ((long)ti << 4) + ((i & 3) << 2);
    }

    /// <summary>Column part of a position (see <see cref="RowOffset"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long ColumnOffset(int j) => ((long)(j >> 2) << 4) + (j & 3);

    /// <summary>Tiles in row i's tile-row from its diagonal tile to the last column.</summary>
    public int RowTiles(int i) => Tiles - (i >> 2);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Index(int i, int j) => RowOffset(i) + ColumnOffset(j);
}
