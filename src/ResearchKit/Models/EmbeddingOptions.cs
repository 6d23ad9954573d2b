namespace ResearchKit.Models;

/// <summary>
/// How <see cref="OnnxSpeakerEmbedder"/> batches segments.
/// </summary>
/// <param name="BatchSize">Most segments per ONNX Runtime call (≥ 1; capped by a model with a fixed batch size).</param>
/// <param name="FixedSeconds">Crop/pad policy. <c>null</c> (default): every segment is embedded at its own length, and
/// only segments with the same number of frames (samples for raw-waveform models) share a batch, so the result is
/// identical to embedding them one at a time. A value: every segment is first brought to exactly this duration —
/// a longer one is centre-cropped, a shorter one is repeated cyclically (tiled) up to it — so all segments batch together.</param>
/// <param name="MinDurationSeconds">Segments shorter than this are rejected (never silently padded).</param>
public sealed record EmbeddingOptions(int BatchSize = 16, double? FixedSeconds = null, double MinDurationSeconds = 0.1)
{
    /// <summary>Batch 16, own lengths, 0.1 s minimum.</summary>
    public static EmbeddingOptions Default { get; } = new();

    /// <summary>Throws <see cref="InvalidParameterException"/> on an invalid setting.</summary>
    public void Validate()
    {
        if (BatchSize < 1)
            throw new InvalidParameterException(nameof(BatchSize), $"must be at least 1, got {BatchSize}.");
        if (FixedSeconds is { } f && !(f > 0))
            throw new InvalidParameterException(nameof(FixedSeconds), $"must be a positive duration in seconds, got {f}.");
        if (!(MinDurationSeconds >= 0))
            throw new InvalidParameterException(nameof(MinDurationSeconds), $"must be ≥ 0 seconds, got {MinDurationSeconds}.");
    }
}
