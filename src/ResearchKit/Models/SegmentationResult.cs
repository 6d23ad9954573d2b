namespace ResearchKit.Models;

/// <summary>
/// Output of <see cref="PyannoteSegmentation.Run"/>: per-chunk, per-frame powerset log-probabilities plus the timing
/// needed to place every frame on the signal's time axis (pyannote's <c>SlidingWindowFeature</c> of chunks).
/// </summary>
/// <param name="ChunkStarts">Start time of each chunk in seconds.</param>
/// <param name="WindowSeconds">Chunk duration in seconds.</param>
/// <param name="LogProbabilities">[chunks, frames, classes] powerset log-probabilities (raw model output).</param>
/// <param name="FrameStepSeconds">Step between frame starts inside a chunk.</param>
/// <param name="FrameDurationSeconds">Duration of one frame.</param>
/// <param name="Powerset">The powerset the classes refer to.</param>
public sealed record SegmentationResult(double[] ChunkStarts, double WindowSeconds, float[,,] LogProbabilities,
    double FrameStepSeconds, double FrameDurationSeconds, Powerset Powerset)
{
    /// <summary>Number of chunks.</summary>
    public int Chunks => ChunkStarts.Length;

    /// <summary>Frames per chunk.</summary>
    public int FramesPerChunk => LogProbabilities.GetLength(1);

    /// <summary>Start of frame <paramref name="frame"/> of chunk <paramref name="chunk"/>, in seconds.</summary>
    public double FrameStart(int chunk, int frame) => ChunkStarts[chunk] + frame * FrameStepSeconds;

    /// <summary>Centre of a frame, in seconds.</summary>
    public double FrameCentre(int chunk, int frame) => FrameStart(chunk, frame) + FrameDurationSeconds / 2;

    /// <summary>Multilabel activations [chunks, frames, speakers] (see <see cref="Powerset.ToMultilabel"/>).</summary>
    public float[,,] Multilabel(bool soft = false) => Powerset.ToMultilabel(LogProbabilities, soft);
}
