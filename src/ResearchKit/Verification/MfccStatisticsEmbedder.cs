using ResearchKit.Audio;
using ResearchKit.Features;
using ResearchKit.Models;

namespace ResearchKit.Verification;

/// <summary>
/// The MFCC-statistics baseline of issue 17: Kaldi MFCC-13 (<see cref="MfccOptions.Kaldi"/>), c0 dropped, per-utterance
/// mean and standard deviation of c1…c12 → a 24-dimensional vector. No training; it mostly captures the recording
/// channel, which is why it scores well on same-chapter LibriSpeech trials and poorly on channel-randomised ones.
/// </summary>
public sealed class MfccStatisticsEmbedder : ISpeakerEmbedder
{
    /// <inheritdoc />
    public string Name => "mfcc-statistics";

    /// <inheritdoc />
    public int Dimension => 24;

    /// <inheritdoc />
    public int SampleRate => 16000;

    /// <inheritdoc />
    public double MinDurationSeconds => 0.1;

    /// <inheritdoc />
    public float[,] Embed(IReadOnlyList<Signal> segments)
    {
        var result = new float[segments.Count, Dimension];
        for (int s = 0; s < segments.Count; s++)
        {
            var m = KaldiMfcc.Compute(segments[s], MfccOptions.Kaldi);
            int t = m.GetLength(0);
            if (t < 2)
                throw new InvalidParameterException("segments", $"segment {s} is {segments[s].Duration:0.###} s: too short for MFCC statistics (needs ≥ 2 frames, 0.035 s).");
            for (int c = 1; c < 13; c++)
            {
                double sum = 0, sq = 0;
                for (int i = 0; i < t; i++) { sum += m[i, c]; sq += (double)m[i, c] * m[i, c]; }
                double mean = sum / t;
                result[s, c - 1] = (float)mean;
                result[s, 12 + c - 1] = (float)Math.Sqrt(Math.Max(0, sq / t - mean * mean));
            }
        }
        return result;
    }
}
