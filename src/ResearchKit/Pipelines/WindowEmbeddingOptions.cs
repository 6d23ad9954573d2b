namespace ResearchKit.Pipelines;

/// <summary>
/// Options of <see cref="WindowEmbeddingPipeline"/>, the d-vector method of the GhostVLAD/UIS-RNN seed (003): VAD →
/// sliding windows over speech → one speaker embedding per window → clustering → segments.
/// The seed's trade-off: a large overlap makes consecutive embeddings change smoothly, so clustering tends to find
/// fewer speakers; a short window gives weak, noisy embeddings (more speakers, more confusion). Sweep both.
/// </summary>
public sealed record WindowEmbeddingOptions
{
    /// <summary>Window length in seconds.</summary>
    public double WindowSeconds { get; init; } = 1.5;

    /// <summary>Overlap rate between consecutive windows in [0, 1): step = window × (1 − overlap).</summary>
    public double OverlapRate { get; init; } = 0.5;

    /// <summary>Speech detector.</summary>
    public VadChoice Vad { get; init; } = new();

    /// <summary>Windows given to the embedder per call (bounds memory on long inputs).</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Subtract the file's mean embedding before clustering (removes what all windows share: channel, language).</summary>
    public bool CenterEmbeddings { get; init; } = true;

    /// <summary>Clusterer (average-linkage cosine AHC by default).</summary>
    public ClustererChoice Clustering { get; init; } = ClustererChoice.AverageCosine(1.0);

    /// <summary>Remove turns shorter than this (seconds); 0 = off.</summary>
    public double MinDurationOn { get; init; } = 0.0;

    /// <summary>Fill same-speaker gaps shorter than this (seconds); 0 = off.</summary>
    public double MinDurationOff { get; init; } = 0.3;

    /// <summary>The defaults, tuned for the MFCC-statistics baseline (<see cref="MfccStatisticsEmbedder"/>): average-linkage
    /// cosine AHC cut at 1.0 on mean-centred embeddings.</summary>
    public static WindowEmbeddingOptions MfccStatistics { get; } = new();

    /// <summary>
    /// For the bundled neural model (<c>data/models/researchkit-xvector-*</c>, any version): the defaults with the AHC
    /// threshold tuned for it. The distance scale is the model's own, so its threshold differs from the baseline's; it
    /// was chosen with <c>researchkit sweep --pipeline windows --embedder … --param clustering.threshold=…</c> on the
    /// bundled conversations (README, "Quality").
    /// </summary>
    public static WindowEmbeddingOptions ResearchKitXVector { get; } = new() { Clustering = ClustererChoice.AverageCosine(XVectorThreshold) };

    /// <summary>AHC threshold of <see cref="ResearchKitXVector"/>: the best of a 0.3…1.5 sweep (step 0.05) of
    /// researchkit-xvector-v2 over data/conversations (DER 42.77 % at collar 0 vs 47.10 % at 1.0). The same six files
    /// are the compare set, so this is tuned on the evaluation data; re-sweep on your own data.</summary>
    public const double XVectorThreshold = 1.05;

    /// <summary>The default options for an embedder, chosen by its name: <see cref="ResearchKitXVector"/> for the bundled
    /// models (names starting with <c>researchkit-xvector</c>), otherwise <see cref="MfccStatistics"/>.</summary>
    public static WindowEmbeddingOptions ForEmbedder(string embedderName) =>
        embedderName.StartsWith("researchkit-xvector", StringComparison.Ordinal) ? ResearchKitXVector : MfccStatistics;

    /// <summary>Step between window starts, seconds.</summary>
    public double StepSeconds => WindowSeconds * (1 - OverlapRate);

    /// <summary>Checks ranges.</summary>
    public void Validate()
    {
        if (!(WindowSeconds > 0)) throw new InvalidParameterException("window", $"must be > 0 seconds, got {WindowSeconds}.");
        if (!(OverlapRate >= 0 && OverlapRate < 1)) throw new InvalidParameterException("overlap", $"must be in [0, 1), got {OverlapRate}.");
        if (BatchSize < 1) throw new InvalidParameterException("batch_size", $"must be ≥ 1, got {BatchSize}.");
        if (MinDurationOn < 0 || MinDurationOff < 0) throw new InvalidParameterException("min_duration_on", "min durations must be ≥ 0 seconds.");
    }
}
