using ResearchKit.Clustering;

namespace ResearchKit.Pipelines;

/// <summary>The clustering methods a pipeline can use.</summary>
public enum ClusteringMethod
{
    /// <summary>Agglomerative (scipy linkage + fcluster), <see cref="AhcOptions"/>.</summary>
    Ahc,
    /// <summary>k-means (scikit-learn 1.2), <see cref="KMeansOptions"/>; needs a number of clusters.</summary>
    KMeans,
    /// <summary>Spectral clustering (Google's spectralcluster 0.2.22), <see cref="SpectralOptions"/>.</summary>
    Spectral,
}

/// <summary>Which clusterer a pipeline uses, with its options (data, so it prints into fingerprints and reports).</summary>
/// <param name="Method">The method.</param>
/// <param name="Ahc">Options when <see cref="Method"/> is <see cref="ClusteringMethod.Ahc"/>.</param>
/// <param name="KMeans">Options when <see cref="Method"/> is <see cref="ClusteringMethod.KMeans"/>.</param>
/// <param name="Spectral">Options when <see cref="Method"/> is <see cref="ClusteringMethod.Spectral"/>.</param>
public sealed record ClustererChoice(ClusteringMethod Method, AhcOptions? Ahc = null, KMeansOptions? KMeans = null, SpectralOptions? Spectral = null)
{
    /// <summary>Average-linkage cosine AHC cut at <paramref name="threshold"/> (cosine distance).</summary>
    public static ClustererChoice AverageCosine(double threshold) =>
        new(ClusteringMethod.Ahc, new AhcOptions(LinkageMethod.Average, DistanceMetric.Cosine, threshold));

    /// <summary>spectralcluster as the malaya-speech notebook configures it (<see cref="SpectralOptions.Malaya"/>).</summary>
    public static ClustererChoice SpectralMalaya { get; } = new(ClusteringMethod.Spectral, Spectral: SpectralOptions.Malaya);

    /// <summary>The distance threshold of the AHC options (what a threshold sweep varies), or null.</summary>
    public double? Threshold => Ahc?.Threshold;

    /// <summary>A copy with the AHC threshold replaced.</summary>
    public ClustererChoice WithThreshold(double threshold) => this with { Ahc = (Ahc ?? new AhcOptions()) with { Threshold = threshold } };

    /// <summary>Creates the clusterer.</summary>
    public IClusterer Create() => Method switch
    {
        ClusteringMethod.Ahc => new AgglomerativeClustering(Ahc ?? throw new InvalidParameterException("clustering.ahc", "AHC chosen without options; give AhcOptions.")),
        ClusteringMethod.KMeans => new KMeans(KMeans ?? KMeansOptions.Sklearn12),
        ClusteringMethod.Spectral => new SpectralClustering(Spectral ?? SpectralOptions.Malaya),
        _ => throw new InvalidParameterException("clustering.method", $"unknown method {Method}."),
    };

    /// <inheritdoc />
    public override string ToString() => Method switch
    {
        ClusteringMethod.Ahc => $"ahc({Ahc?.Method}, {Ahc?.Metric}, t={Ahc?.Threshold?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}, mcs={Ahc?.MinClusterSize})",
        ClusteringMethod.Spectral => $"spectral({Spectral ?? SpectralOptions.Malaya})",
        _ => $"kmeans(k={KMeans?.NumClusters}, seed={KMeans?.Seed})",
    };

    /// <summary>
    /// Clusters the rows of <paramref name="x"/> under <paramref name="count"/>: 0 or 1 rows give one cluster; a count hint
    /// larger than the number of rows is clamped (<see cref="SpeakerCountHints.ForItems"/>).
    /// </summary>
    public ClusteringResult Cluster(double[,] x, SpeakerCount? count)
    {
        int n = x.GetLength(0);
        if (n <= 1) return new ClusteringResult(new int[n]);
        var c = SpeakerCountHints.ForItems(count ?? SpeakerCount.Unknown, n);
        if (c.Max == 1) return new ClusteringResult(new int[n]);
        if (Method == ClusteringMethod.KMeans && !c.IsExact)
        {
            // k-means needs k: the options' k, clamped into the hint.
            int k = Math.Clamp((KMeans ?? KMeansOptions.Sklearn12).NumClusters, c.Min ?? 1, c.Max ?? n);
            c = SpeakerCount.Exactly(Math.Min(k, n));
        }
        return Create().Cluster(x, c);
    }
}
