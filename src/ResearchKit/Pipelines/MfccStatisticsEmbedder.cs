using ResearchKit.Audio;
using ResearchKit.Features;
using ResearchKit.Models;

namespace ResearchKit.Pipelines;

/// <summary>
/// The no-training baseline speaker embedding: Kaldi MFCC (25/10 ms) of the segment, c0 dropped, then the mean and
/// standard deviation of each remaining cepstrum over the segment's frames (2·(NumCeps−1) dimensions). The issue's
/// quality comparison needs it: a trained embedding model must beat these statistics (issue 17 measured them at
/// ≈ 1 % EER on LibriSpeech but 9–17 % on 4persons, i.e. they capture the channel as much as the speaker).
/// </summary>
public sealed class MfccStatisticsEmbedder : ISpeakerEmbedder
{
    private readonly MfccOptions _mfcc;

    /// <summary>Creates the embedder for <paramref name="sampleRate"/> Hz audio with <paramref name="numCeps"/> cepstra.</summary>
    public MfccStatisticsEmbedder(int numCeps = 20, int sampleRate = 16000)
    {
        if (numCeps < 2) throw new InvalidParameterException("numCeps", $"must be ≥ 2, got {numCeps}.");
        _mfcc = MfccOptions.Kaldi with { NumCeps = numCeps, NumMelBins = Math.Max(23, numCeps + 3), SampleFrequency = sampleRate };
        SampleRate = sampleRate;
        Dimension = 2 * (numCeps - 1);
    }

    /// <inheritdoc />
    public string Name => $"mfcc-stats{_mfcc.NumCeps}";

    /// <inheritdoc />
    public int Dimension { get; }

    /// <inheritdoc />
    public int SampleRate { get; }

    /// <inheritdoc />
    public double MinDurationSeconds => 0.1;

    /// <inheritdoc />
    public float[,] Embed(IReadOnlyList<Signal> segments)
    {
        SpeakerEmbedderSegments.Check(this, segments);
        var y = new float[segments.Count, Dimension];
        int h = Dimension / 2;
        for (int i = 0; i < segments.Count; i++)
        {
            var f = KaldiMfcc.Compute(segments[i], _mfcc);
            int n = f.GetLength(0);
            for (int j = 0; j < h; j++)
            {
                double m = 0, v = 0;
                for (int t = 0; t < n; t++) m += f[t, j + 1];
                m /= n;
                for (int t = 0; t < n; t++) v += (f[t, j + 1] - m) * (f[t, j + 1] - m);
                y[i, j] = (float)m;
                y[i, h + j] = (float)Math.Sqrt(v / n);
            }
        }
        return y;
    }
}
