namespace ResearchKit.Clustering;

/// <summary>Options of <see cref="AgglomerativeClustering"/>.</summary>
/// <param name="Method">Linkage criterion (scipy's names).</param>
/// <param name="Metric">Distance. With <see cref="DistanceMetric.Cosine"/> and centroid/median/ward the rows are
/// L2-normalised and clustered with the euclidean metric, as pyannote.audio's AgglomerativeClustering does.</param>
/// <param name="Threshold">Cut height for <c>fcluster(Z, t, 'distance')</c>; null means the speaker count decides.</param>
/// <param name="MinClusterSize">pyannote.audio 3.1 rule: clusters smaller than this (capped at max(1, round(0.1·n)))
/// are merged into the nearest large cluster by centroid distance; 1 disables it.</param>
/// <param name="Precision">Storage precision of the condensed distance matrix.</param>
public sealed record AhcOptions(
    LinkageMethod Method = LinkageMethod.Average,
    DistanceMetric Metric = DistanceMetric.Euclidean,
    double? Threshold = null,
    int MinClusterSize = 1,
    DistancePrecision Precision = DistancePrecision.Auto)
{
    /// <summary>pyannote/speaker-diarization-3.1: centroid linkage on L2-normalised embeddings ("cosine"),
    /// threshold 0.7045654963945799, min_cluster_size 12.</summary>
    public static AhcOptions Pyannote31 { get; } = new(LinkageMethod.Centroid, DistanceMetric.Cosine, 0.7045654963945799, 12);

    /// <summary>Checks the values.</summary>
    /// <exception cref="InvalidParameterException">A negative or NaN threshold, or MinClusterSize &lt; 1.</exception>
    public void Validate()
    {
        if (Threshold is double t && (double.IsNaN(t) || t < 0))
            throw new InvalidParameterException("threshold", $"is {t}; give a distance threshold ≥ 0.");
        if (MinClusterSize < 1)
            throw new InvalidParameterException("min-cluster-size", $"is {MinClusterSize}; use 1 to disable the rule or a larger size.");
    }
}
