namespace ResearchKit.Clustering;

/// <summary>Distance between two row vectors, as <c>scipy.spatial.distance.pdist</c> defines it.</summary>
public enum DistanceMetric
{
    /// <summary>‖u − v‖₂ (scipy <c>'euclidean'</c>).</summary>
    Euclidean,
    /// <summary>1 − u·v / (‖u‖‖v‖), the cosine clipped to [−1, 1] first (scipy <c>'cosine'</c>).</summary>
    Cosine,
}

/// <summary>Storage precision of the condensed distance matrix an agglomerative clustering works on.</summary>
public enum DistancePrecision
{
    /// <summary>float64 up to 16 384 rows (≤ 1 GiB), float32 above.</summary>
    Auto,
    /// <summary>float64, as scipy; needed for linkage heights identical to scipy's (rtol 1e-9).</summary>
    Float64,
    /// <summary>float32: half the memory (800 MB at 20 000 rows); heights then agree with scipy to about 1e-7.</summary>
    Float32,
}
