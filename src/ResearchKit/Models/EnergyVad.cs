using ResearchKit.Annotations;
using ResearchKit.Audio;

namespace ResearchKit.Models;

/// <summary>
/// Options of the model-free energy VAD: frame log-energy compared with an adaptive threshold
/// (the noise floor, estimated as a low percentile of frame energies, plus a margin), never below an absolute floor.
/// </summary>
/// <param name="FrameSeconds">Analysis frame length in seconds.</param>
/// <param name="HopSeconds">Frame hop in seconds.</param>
/// <param name="NoisePercentile">Percentile (0–100) of frame energies taken as the noise floor.</param>
/// <param name="MarginDb">Onset threshold above the noise floor, dB.</param>
/// <param name="HysteresisDb">The offset threshold is this many dB below the onset threshold.</param>
/// <param name="MinOnsetDbfs">The onset threshold is never below this level (dBFS), so digital silence is not speech.</param>
/// <param name="Detection">Minimum durations and padding (its Onset/Offset are replaced: frames are scored 1 above the onset threshold, 0.5 between the thresholds, 0 below the offset one).</param>
public sealed record EnergyVadOptions(
    double FrameSeconds = 0.03,
    double HopSeconds = 0.01,
    double NoisePercentile = 10,
    double MarginDb = 15,
    double HysteresisDb = 6,
    double MinOnsetDbfs = -55,
    SpeechDetection? Detection = null)
{
    /// <summary>Defaults: 30 ms frames every 10 ms, onset 15 dB above the 10th-percentile floor, 6 dB hysteresis,
    /// regions ≥ 0.25 s, silences ≥ 0.2 s end a region, 0.05 s padding.</summary>
    public static EnergyVadOptions Default { get; } = new();

    /// <summary>The post-processing in effect: <see cref="Detection"/>, or regions ≥ 0.25 s, silences ≥ 0.2 s, 0.05 s padding.</summary>
    public SpeechDetection DetectionOrDefault => Detection ?? new SpeechDetection(MinSilenceSeconds: 0.2, SpeechPadSeconds: 0.05);
}

/// <summary>A VAD without a model: frame energy against an adaptive noise-floor threshold, with hysteresis.</summary>
public static class EnergyVad
{
    /// <summary>Frame energies in dBFS (10·log10 of the mean square, full scale = 1.0); frame i starts at sample i·hop.</summary>
    public static float[] FrameEnergiesDb(Signal signal, EnergyVadOptions options)
    {
        ArgumentNullException.ThrowIfNull(signal);
        int frame = Math.Max(1, (int)Math.Round(options.FrameSeconds * signal.SampleRate));
        int hop = Math.Max(1, (int)Math.Round(options.HopSeconds * signal.SampleRate));
        var x = signal.Samples;
        int n = x.Length == 0 ? 0 : 1 + Math.Max(0, (x.Length - frame + hop - 1) / hop);
        var db = new float[n];
        for (int i = 0; i < n; i++)
        {
            int s = i * hop, e = Math.Min(x.Length, s + frame);
            double acc = 0;
            for (int k = s; k < e; k++) acc += (double)x[k] * x[k];
            db[i] = (float)(10 * Math.Log10(acc / Math.Max(1, e - s) + 1e-12));
        }
        return db;
    }

    /// <summary>Speech regions of a signal.</summary>
    public static Timeline Detect(Signal signal, EnergyVadOptions? options = null)
    {
        options ??= EnergyVadOptions.Default;
        if (options.HopSeconds <= 0 || options.FrameSeconds <= 0)
            throw new InvalidParameterException(nameof(options.HopSeconds), "frame and hop must be positive seconds.");
        if (options.NoisePercentile is < 0 or > 100)
            throw new InvalidParameterException(nameof(options.NoisePercentile), $"must be in [0, 100], got {options.NoisePercentile}.");
        var db = FrameEnergiesDb(signal, options);
        if (db.Length == 0) return Timeline.Empty;
        var sorted = (float[])db.Clone();
        Array.Sort(sorted);
        double floor = sorted[(int)Math.Round(options.NoisePercentile / 100.0 * (sorted.Length - 1))];
        double on = Math.Max(options.MinOnsetDbfs, floor + options.MarginDb), off = on - options.HysteresisDb;
        // Map to the 1 / 0.5 / 0 scores SpeechDetection's 0.5-onset / 0.35-offset hysteresis expects.
        var scores = new float[db.Length];
        for (int i = 0; i < db.Length; i++) scores[i] = db[i] >= on ? 1f : db[i] >= off ? 0.5f : 0f;
        var d = options.DetectionOrDefault with { Onset = 0.75, Offset = 0.25 };
        // Score of frame i is attributed to the hop starting at its centre minus half a hop (frames are longer than hops).
        double shift = Math.Max(0, (options.FrameSeconds - options.HopSeconds) / 2);
        return d.Regions(scores, options.HopSeconds, signal.Duration, shift);
    }
}
