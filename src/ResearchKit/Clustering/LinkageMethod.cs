namespace ResearchKit.Clustering;

/// <summary>Agglomerative linkage criteria with scipy's names and Lance–Williams updates
/// (<c>scipy/cluster/_hierarchy_distance_update.pxi</c>).</summary>
public enum LinkageMethod
{
    /// <summary>Nearest point (minimum spanning tree).</summary>
    Single,
    /// <summary>Farthest point.</summary>
    Complete,
    /// <summary>UPGMA: mean of all pairwise distances.</summary>
    Average,
    /// <summary>WPGMA: mean of the two merged clusters' distances.</summary>
    Weighted,
    /// <summary>UPGMC: distance between centroids (Euclidean input); the tree may have inversions.</summary>
    Centroid,
    /// <summary>WPGMC: distance between the merged clusters' midpoints; the tree may have inversions.</summary>
    Median,
    /// <summary>Ward's minimum-variance criterion (Euclidean input).</summary>
    Ward,
}
