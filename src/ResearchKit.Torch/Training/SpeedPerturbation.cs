using ResearchKit.Audio;

namespace ResearchKit.Torch.Training;

/// <summary>
/// Speed perturbation as Kaldi (<c>utils/data/perturb_data_dir_speed.sh</c>, sox <c>speed</c>) and WeSpeaker
/// (wespeaker/dataset/processor.py <c>speed_perturb</c>: sox effects <c>speed s</c> then <c>rate sr</c>) do it: the samples
/// are read as if recorded at s·sr and resampled back to sr, so duration scales by 1/s and pitch and formants by s.
/// Resampling uses ResearchKit's band-limited <see cref="Resampler"/> (sox uses its own filter, so results agree
/// with sox within the filters' difference, not bit for bit).
/// </summary>
public static class SpeedPerturbation
{
    /// <summary>WeSpeaker's speeds in its order [1.0, 0.9, 1.1]; with new labels, speed index k maps speaker label l to l + k·speakers.</summary>
    public static IReadOnlyList<double> Speeds { get; } = [1.0, 0.9, 1.1];

    // Input samples kept on each side of a crop so the resampling filter (half-width ≤ 38 input samples for 0.9–1.1
    // with the default options) sees real signal rather than zero padding at the crop's edges.
    private const int Margin = 64;

    /// <summary>The whole signal at <paramref name="speed"/> (0.5–2; s·sampleRate must be a whole number of Hz). Length round(N / s) as sox.</summary>
    public static Signal Apply(Signal signal, double speed)
    {
        ArgumentNullException.ThrowIfNull(signal);
        int source = SourceRate(signal.SampleRate, speed);
        if (source == signal.SampleRate) return signal;
        var y = Resampler.Resample(signal.Samples, source, signal.SampleRate);
        int n = (int)Math.Round(signal.Length / speed);
        return new Signal(y.Length == n ? y : y.AsSpan(0, Math.Min(n, y.Length)).ToArray(), signal.SampleRate);
    }

    /// <summary>
    /// A random crop of <paramref name="length"/> samples from <paramref name="signal"/> played at <paramref name="speed"/>.
    /// Only the needed stretch (plus a filter margin) is resampled. When the perturbed signal is shorter than the crop it
    /// is repeated, as WeSpeaker's <c>get_random_chunk</c> pads short utterances (numpy 'wrap').
    /// </summary>
    public static Signal RandomCrop(Signal signal, double speed, int length, Random rng)
    {
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentNullException.ThrowIfNull(rng);
        if (length < 1) throw new InvalidParameterException("length", $"crop length must be positive, got {length}.");
        int sr = signal.SampleRate, source = SourceRate(sr, speed);
        int need = (int)Math.Ceiling(length * speed) + 2 * Margin;
        if (signal.Length >= need)
        {
            // Output sample n of a piece starting at input p sits at input time p + n·down/up. Starting the piece at a
            // multiple of `down` puts the crop on the whole perturbed signal's sample grid, so a crop equals the same
            // stretch of Apply(signal, speed) (the margin keeps the filter off the piece's edges).
            int g = Gcd(source, sr), up = sr / g, down = source / g;
            var piece = signal.Slice(down * rng.Next((signal.Length - need) / down + 1), need);
            var y = source == sr ? piece.ToArray() : Resampler.Resample(piece.Samples, source, sr);
            int offset = (Margin * up + down - 1) / down;
            return new Signal(y.AsSpan(offset, length).ToArray(), sr);
        }
        var whole = Apply(signal, speed);
        if (whole.Length >= length) return whole.Slice(rng.Next(whole.Length - length + 1), length);
        var tiled = new float[length];
        var src = whole.Samples;
        if (src.Length == 0) return new Signal(tiled, sr);
        for (int i = 0; i < length; i++) tiled[i] = src[i % src.Length];
        return new Signal(tiled, sr);
    }

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);

    private static int SourceRate(int sampleRate, double speed)
    {
        if (!(speed >= 0.5 && speed <= 2))
            throw new InvalidParameterException("speed", $"speed factor must be between 0.5 and 2, got {speed}.");
        double source = sampleRate * speed;
        int rounded = (int)Math.Round(source);
        if (Math.Abs(source - rounded) > 1e-6)
            throw new InvalidParameterException("speed", $"speed {speed} × {sampleRate} Hz = {source} Hz is not a whole number of Hz; use a factor such as 0.9 or 1.1.");
        return rounded;
    }
}
