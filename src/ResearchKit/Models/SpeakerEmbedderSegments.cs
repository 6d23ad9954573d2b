using System.Globalization;
using ResearchKit.Audio;

namespace ResearchKit.Models;

/// <summary>
/// The input contract of <see cref="ISpeakerEmbedder.Embed"/>, checked in one place for every embedder: each segment is
/// at the model's <see cref="ISpeakerEmbedder.SampleRate"/> (callers resample explicitly) and lasts at least its
/// <see cref="ISpeakerEmbedder.MinDurationSeconds"/> (shorter ones are rejected, never silently padded).
/// </summary>
public static class SpeakerEmbedderSegments
{
    /// <summary>Checks every segment before any is embedded.</summary>
    /// <param name="embedder">The embedder whose sample rate (Hz) and minimum duration (seconds) apply; named in the messages.</param>
    /// <param name="segments">The segments given to <see cref="ISpeakerEmbedder.Embed"/>.</param>
    /// <param name="minimumSetting">The option that sets the minimum duration, when the caller can lower it (named in the fix).</param>
    /// <exception cref="InvalidParameterException">Parameter <c>segments</c>: a segment at another sample rate, or shorter than the minimum.</exception>
    public static void Check(ISpeakerEmbedder embedder, IReadOnlyList<Signal> segments, string? minimumSetting = null)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(segments);
        for (int i = 0; i < segments.Count; i++)
        {
            var s = segments[i];
            if (s.SampleRate != embedder.SampleRate)
                throw new InvalidParameterException("segments", string.Create(CultureInfo.InvariantCulture,
                    $"segment {i} is at {s.SampleRate} Hz but {embedder.Name} expects {embedder.SampleRate} Hz; resample it first (Resampler.Resample)."));
            if (s.Duration < embedder.MinDurationSeconds)
                throw new InvalidParameterException("segments", string.Create(CultureInfo.InvariantCulture,
                    $"segment {i} lasts {s.Duration:0.###} s, shorter than the minimum {embedder.MinDurationSeconds} s of {embedder.Name}; drop it or give a longer segment{(minimumSetting is null ? "" : $" (or lower {minimumSetting})")}."));
        }
    }
}
