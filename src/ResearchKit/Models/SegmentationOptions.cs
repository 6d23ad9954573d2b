namespace ResearchKit.Models;

/// <summary>Where the output frames of a segmentation model sit inside its window.</summary>
public enum SegmentationFrames
{
    /// <summary>pyannote.audio 3.1.1: frame i of a chunk starting at s spans [s + i·w/F, s + (i+1)·w/F) with
    /// F = 589 frames per w = 10 s window (step = duration = 10/589 s ≈ 16.98 ms).</summary>
    Pyannote311,
    /// <summary>Later pyannote.audio releases (receptive-field based): frame i spans
    /// [s + i·270/16000, s + (i·270 + 991)/16000) — a 270-sample step and a 991-sample duration.</summary>
    ReceptiveField,
}

/// <summary>Sliding-window options of <see cref="PyannoteSegmentation"/>.</summary>
/// <param name="WindowSeconds">Chunk duration (segmentation-3.0: 10 s).</param>
/// <param name="StepSeconds">Chunk step (pyannote's default is 10 % of the window: 1 s).</param>
/// <param name="BatchSize">Chunks per ONNX Runtime call (pyannote's default segmentation batch is 32).</param>
/// <param name="Frames">Frame timing convention (the pyannote release to match).</param>
public sealed record SegmentationOptions(double WindowSeconds = 10, double StepSeconds = 1, int BatchSize = 32,
    SegmentationFrames Frames = SegmentationFrames.Pyannote311)
{
    /// <summary>pyannote.audio 3.1.1 pipeline defaults: 10 s windows every 1 s, batch 32, 10/589 s frames.</summary>
    public static SegmentationOptions Pyannote311 { get; } = new();

    /// <summary>The same with the receptive-field frame timing of later pyannote releases.</summary>
    public static SegmentationOptions PyannoteReceptiveField { get; } = new(Frames: SegmentationFrames.ReceptiveField);

    /// <summary>Throws <see cref="InvalidParameterException"/> on an invalid setting.</summary>
    public void Validate()
    {
        if (!(WindowSeconds > 0)) throw new InvalidParameterException(nameof(WindowSeconds), $"must be positive seconds, got {WindowSeconds}.");
        if (!(StepSeconds > 0) || StepSeconds > WindowSeconds)
            throw new InvalidParameterException(nameof(StepSeconds), $"must be in (0, window = {WindowSeconds}] seconds, got {StepSeconds}.");
        if (BatchSize < 1) throw new InvalidParameterException(nameof(BatchSize), $"must be at least 1, got {BatchSize}.");
    }
}
