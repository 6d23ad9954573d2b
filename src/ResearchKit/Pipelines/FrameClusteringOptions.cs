namespace ResearchKit.Pipelines;

/// <summary>Per-frame features the frame-clustering pipeline can cluster.</summary>
public enum FrameFeature
{
    /// <summary>Kaldi MFCC (<see cref="Features.KaldiMfcc"/>) with <see cref="FrameClusteringOptions.NumCoefficients"/> cepstra.</summary>
    Mfcc,
    /// <summary>Kaldi log-mel filterbank (<see cref="Features.KaldiFbank"/>) with <see cref="FrameClusteringOptions.NumCoefficients"/> bins.</summary>
    LogMel,
}

/// <summary>
/// Options of <see cref="FrameClusteringPipeline"/>, the malaya-speech "Speaker Diarization using Features" method
/// (seed 001): features per frame (frame_ms / stride_ms), an optional VAD mask, normalisation, one clustering over all
/// speech frames, frame labels arranged in time, then min duration on/off smoothing.
/// </summary>
public sealed record FrameClusteringOptions
{
    /// <summary>Feature kind.</summary>
    public FrameFeature Feature { get; init; } = FrameFeature.Mfcc;

    /// <summary>Frame length in milliseconds (malaya's <c>frame_ms</c>; its notebook: 50).</summary>
    public double FrameMs { get; init; } = 50;

    /// <summary>Frame step in milliseconds (malaya's <c>stride_ms</c>; its notebook: 30).</summary>
    public double StrideMs { get; init; } = 30;

    /// <summary>Cepstra (MFCC) or mel bins (log-mel).</summary>
    public int NumCoefficients { get; init; } = 20;

    /// <summary>Drop MFCC c0 (frame energy), which tracks loudness rather than the speaker.</summary>
    public bool DropC0 { get; init; } = true;

    /// <summary>Subtract the mean and divide by the standard deviation of each coefficient over the file's speech frames.</summary>
    public bool Standardize { get; init; } = true;

    /// <summary>Average features over this many consecutive frames before clustering (1 = none); smooths per-frame noise and
    /// cuts the clustering cost by the same factor.</summary>
    public int PoolFrames { get; init; } = 1;

    /// <summary>L2-normalise each (pooled) frame vector before clustering (malaya normalises its frames).</summary>
    public bool L2Normalize { get; init; } = true;

    /// <summary>Speech detector; frames outside speech are not clustered.</summary>
    public VadChoice Vad { get; init; } = new();

    /// <summary>Clusterer (any; average-linkage cosine AHC by default).</summary>
    public ClustererChoice Clustering { get; init; } = ClustererChoice.AverageCosine(1.0);

    /// <summary>Remove turns shorter than this many seconds (pyannote's min_duration_on); 0 = off.</summary>
    public double MinDurationOn { get; init; } = 0.3;

    /// <summary>Fill same-speaker gaps shorter than this many seconds (min_duration_off); 0 = off.</summary>
    public double MinDurationOff { get; init; } = 0.3;

    /// <summary>malaya-speech's notebook setting: 50-ms log-mel frames every 30 ms, 80 bins (spectral clustering there).</summary>
    public static FrameClusteringOptions Malaya { get; } = new() { Feature = FrameFeature.LogMel, NumCoefficients = 80, DropC0 = false };

    /// <summary>Frame MFCC (20 cepstra, c0 dropped, standardised) pooled over 10 frames (0.3 s): the baseline of <c>researchkit compare</c>.</summary>
    public static FrameClusteringOptions Mfcc { get; } = new() { PoolFrames = 10 };

    /// <summary>Checks ranges.</summary>
    public void Validate()
    {
        if (!(FrameMs > 0) || !(StrideMs > 0)) throw new InvalidParameterException("frame_ms", $"frame and stride must be positive milliseconds, got {FrameMs}/{StrideMs}.");
        if (NumCoefficients < 2) throw new InvalidParameterException("num_coefficients", $"must be ≥ 2, got {NumCoefficients}.");
        if (PoolFrames < 1) throw new InvalidParameterException("pool_frames", $"must be ≥ 1, got {PoolFrames}.");
        if (MinDurationOn < 0 || MinDurationOff < 0) throw new InvalidParameterException("min_duration_on", "min durations must be ≥ 0 seconds.");
    }
}
