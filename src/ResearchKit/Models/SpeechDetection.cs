using ResearchKit.Annotations;

namespace ResearchKit.Models;

/// <summary>
/// How frame scores become speech regions (shared by <see cref="SileroVad"/> and <see cref="EnergyVad"/>).
/// The semantics follow Silero's <c>get_speech_timestamps</c> (utils_vad.py): onset/offset hysteresis, a speech
/// region ends only after <see cref="MinSilenceSeconds"/> below the offset threshold, regions shorter than
/// <see cref="MinSpeechSeconds"/> are dropped, then each region is padded by <see cref="SpeechPadSeconds"/> on both
/// sides (a gap shorter than twice the padding is split in its middle, so regions never overlap).
/// </summary>
/// <param name="Onset">A region starts at the first frame with score ≥ Onset (Silero <c>threshold</c>, 0.5).</param>
/// <param name="Offset">Frames with score &lt; Offset count as silence inside a region (Silero <c>neg_threshold</c> = threshold − 0.15).</param>
/// <param name="MinSpeechSeconds">Shortest kept region before padding (Silero <c>min_speech_duration_ms</c> = 250).</param>
/// <param name="MinSilenceSeconds">Silence that ends a region (Silero <c>min_silence_duration_ms</c> = 100).</param>
/// <param name="SpeechPadSeconds">Padding added on both sides (Silero <c>speech_pad_ms</c> = 30).</param>
public sealed record SpeechDetection(
    double Onset = 0.5,
    double Offset = 0.35,
    double MinSpeechSeconds = 0.25,
    double MinSilenceSeconds = 0.1,
    double SpeechPadSeconds = 0.03)
{
    /// <summary>Silero VAD's own defaults (<c>get_speech_timestamps</c>, silero-vad v5/v6).</summary>
    public static SpeechDetection Silero { get; } = new();

    /// <summary>Throws <see cref="InvalidParameterException"/> on an invalid setting.</summary>
    public void Validate()
    {
        if (!(Offset <= Onset))
            throw new InvalidParameterException(nameof(Offset), $"offset threshold {Offset} must not exceed the onset threshold {Onset} (hysteresis).");
        if (MinSpeechSeconds < 0 || MinSilenceSeconds < 0 || SpeechPadSeconds < 0)
            throw new InvalidParameterException(nameof(MinSpeechSeconds), "durations must be ≥ 0 seconds.");
    }

    /// <summary>
    /// Converts per-frame scores into a speech timeline. Frame <c>i</c> covers
    /// [<paramref name="frameStartSeconds"/> + i·<paramref name="hopSeconds"/>, … + hop); the result is clamped to
    /// [0, <paramref name="durationSeconds"/>].
    /// </summary>
    public Timeline Regions(ReadOnlySpan<float> scores, double hopSeconds, double durationSeconds, double frameStartSeconds = 0)
    {
        Validate();
        var raw = new List<(double Start, double End)>();
        bool inSpeech = false;
        double start = 0, silenceStart = -1;
        for (int i = 0; i < scores.Length; i++)
        {
            double t = frameStartSeconds + i * hopSeconds;
            float p = scores[i];
            if (p >= Onset)
            {
                silenceStart = -1;
                if (!inSpeech) { inSpeech = true; start = t; }
                continue;
            }
            if (!inSpeech || p >= Offset) continue;
            if (silenceStart < 0) silenceStart = t;
            // Silero compares the silence run measured up to the current frame's start against min_silence.
            if (t - silenceStart >= MinSilenceSeconds)
            {
                if (silenceStart - start >= MinSpeechSeconds) raw.Add((start, silenceStart));
                inSpeech = false;
                silenceStart = -1;
            }
        }
        if (inSpeech)
        {
            double end = Math.Min(durationSeconds, frameStartSeconds + scores.Length * hopSeconds);
            if (end - start >= MinSpeechSeconds) raw.Add((start, end));
        }
        return Pad(raw, durationSeconds);
    }

    private Timeline Pad(List<(double Start, double End)> r, double duration)
    {
        var o = new List<Segment>(r.Count);
        for (int i = 0; i < r.Count; i++)
        {
            double s = r[i].Start - SpeechPadSeconds, e = r[i].End + SpeechPadSeconds;
            if (i > 0)
            {
                double gap = r[i].Start - r[i - 1].End;
                if (gap < 2 * SpeechPadSeconds) s = r[i].Start - gap / 2;
            }
            if (i + 1 < r.Count)
            {
                double gap = r[i + 1].Start - r[i].End;
                if (gap < 2 * SpeechPadSeconds) e = r[i].End + gap / 2;
            }
            s = Math.Max(0, s);
            e = Math.Min(duration, e);
            if (e > s) o.Add(new Segment(s, e));
        }
        return new Timeline(o);
    }
}
