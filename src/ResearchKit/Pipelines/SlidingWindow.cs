namespace ResearchKit.Pipelines;

/// <summary>
/// A regular grid of windows in time, as pyannote.core's <c>SlidingWindow</c>: window i covers
/// [Start + i·Step, Start + i·Step + Duration) seconds. Used for segmentation chunks, model output frames and
/// the frame grid of every discrete diarization.
/// </summary>
/// <param name="Start">Start of window 0 in seconds.</param>
/// <param name="Duration">Window duration in seconds.</param>
/// <param name="Step">Step between consecutive windows in seconds.</param>
public sealed record SlidingWindow(double Start, double Duration, double Step)
{
    /// <summary>Start time of window <paramref name="i"/> in seconds.</summary>
    public double WindowStart(int i) => Start + i * Step;

    /// <summary>Middle of window <paramref name="i"/> in seconds (pyannote's frame timestamp in <c>Binarize</c>).</summary>
    public double Middle(int i) => Start + i * Step + 0.5 * Duration;

    /// <summary>
    /// Index of the window whose middle is closest to <paramref name="t"/>: <c>rint((t − Start − Duration/2) / Step)</c>
    /// with round-half-to-even, exactly as pyannote.core's <c>SlidingWindow.closest_frame</c>.
    /// </summary>
    public int ClosestFrame(double t) => (int)Math.Round((t - Start - 0.5 * Duration) / Step, MidpointRounding.ToEven);

    /// <summary>Number of whole windows that fit in [Start, Start + <paramref name="totalDuration"/>] (at least 1 when it fits once).</summary>
    public int Count(double totalDuration) =>
        totalDuration < Duration ? 0 : (int)Math.Floor((totalDuration - Duration) / Step + 1e-9) + 1;
}
