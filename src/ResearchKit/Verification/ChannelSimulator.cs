using ResearchKit.Audio;

namespace ResearchKit.Verification;

/// <summary>
/// Passes a signal through a seeded random recording channel (<see cref="ChannelOptions"/>): peaking-EQ biquads,
/// an exponentially decaying noise impulse response mixed with the direct path, coloured additive noise at a random
/// SNR and a gain. Used by <c>eval-embedding --channel-randomise</c> (each utterance its own channel, so recording
/// cues shared by same-chapter LibriSpeech utterances cannot decide a trial) and as training augmentation.
/// Deterministic for a given seed.
/// </summary>
public static class ChannelSimulator
{
    /// <summary>Applies a random channel drawn from <paramref name="rng"/>.</summary>
    public static Signal Apply(Signal signal, ChannelOptions options, Random rng)
    {
        var x = signal.ToArray();
        int sr = signal.SampleRate;
        double rms0 = Rms(x);
        // 1. Equalisation: peaking biquads at log-uniform centre frequencies 100 Hz … 0.45·sr.
        for (int b = 0; b < options.EqBands; b++)
        {
            double f0 = Math.Exp(Math.Log(100) + rng.NextDouble() * (Math.Log(0.45 * sr) - Math.Log(100)));
            double gain = (rng.NextDouble() * 2 - 1) * options.EqMaxGainDb;
            double q = 0.5 + rng.NextDouble() * 1.5;
            Peaking(x, sr, f0, gain, q);
        }
        // 2. Reverberation: Schroeder's reverberator (4 parallel feedback combs + 2 all-passes; Schroeder 1962), comb
        //    gains 10^(−3·delay/RT60) for the drawn RT60, wet path mixed at a direct-to-reverberant ratio of 0–10 dB.
        if (rng.NextDouble() < options.ReverbProbability)
        {
            double rt60 = options.Rt60Seconds.Min + rng.NextDouble() * (options.Rt60Seconds.Max - options.Rt60Seconds.Min);
            var wet = new float[x.Length];
            foreach (double ms in new[] { 29.7, 37.1, 41.1, 43.7 })
            {
                int d = (int)(ms * (0.9 + 0.2 * rng.NextDouble()) * sr / 1000);
                double fb = Math.Pow(10, -3.0 * d / sr / rt60);
                var c = new float[x.Length];
                for (int n = 0; n < x.Length; n++) c[n] = (float)(x[n] + (n >= d ? fb * c[n - d] : 0));
                for (int n = 0; n < x.Length; n++) wet[n] += 0.25f * c[n];
            }
            foreach (double ms in new[] { 5.0, 1.7 })
                AllPass(wet, (int)(ms * sr / 1000), 0.7);
            double rx = Rms(x), rw = Rms(wet);
            double drr = Math.Pow(10, -(rng.NextDouble() * 10) / 20);
            double scale = rw > 0 ? drr * rx / rw : 0;
            for (int n = 0; n < x.Length; n++) x[n] = (float)(x[n] + scale * wet[n]);
        }
        // 3. Additive noise, coloured by a random one-pole low-pass (white … brown-ish), at the drawn SNR.
        double snr = options.SnrDb.Min + rng.NextDouble() * (options.SnrDb.Max - options.SnrDb.Min);
        double pole = rng.NextDouble() * 0.98;
        var noise = new float[x.Length];
        double prev = 0;
        for (int n = 0; n < noise.Length; n++) { prev = pole * prev + (1 - pole) * Gauss(rng); noise[n] = (float)prev; }
        double rs = Rms(x), rn = Rms(noise);
        double nScale = rn > 0 ? rs / rn * Math.Pow(10, -snr / 20) : 0;
        // 4. Gain relative to the input level.
        double g = Math.Pow(10, (options.GainDb.Min + rng.NextDouble() * (options.GainDb.Max - options.GainDb.Min)) / 20);
        double level = rs > 0 ? rms0 / rs : 1;
        for (int n = 0; n < x.Length; n++)
            x[n] = (float)(Math.Clamp((x[n] + nScale * noise[n]) * level * g, -1.0, 1.0));
        return new Signal(x, sr);
    }

    /// <summary>A generator for utterance <paramref name="index"/> under <paramref name="seed"/> (independent of evaluation order).</summary>
    public static Random UtteranceRng(int seed, int index) => new(unchecked(seed * 1_000_003 + index * 7919 + 17));

    private static void Peaking(float[] x, int sr, double f0, double gainDb, double q)
    {
        // RBJ Audio EQ Cookbook peaking filter.
        double a = Math.Pow(10, gainDb / 40), w0 = 2 * Math.PI * f0 / sr, alpha = Math.Sin(w0) / (2 * q), cw = Math.Cos(w0);
        double b0 = 1 + alpha * a, b1 = -2 * cw, b2 = 1 - alpha * a, a0 = 1 + alpha / a, a1 = -2 * cw, a2 = 1 - alpha / a;
        b0 /= a0; b1 /= a0; b2 /= a0; a1 /= a0; a2 /= a0;
        double x1 = 0, x2 = 0, y1 = 0, y2 = 0;
        for (int n = 0; n < x.Length; n++)
        {
            double y = b0 * x[n] + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
            x2 = x1; x1 = x[n]; y2 = y1; y1 = y;
            x[n] = (float)y;
        }
    }

    private static void AllPass(float[] x, int d, double g)
    {
        // y[n] = −g·x[n] + x[n−d] + g·y[n−d]
        var y = new float[x.Length];
        for (int n = 0; n < x.Length; n++)
            y[n] = (float)(-g * x[n] + (n >= d ? x[n - d] + g * y[n - d] : 0));
        Array.Copy(y, x, x.Length);
    }

    private static double Rms(float[] x)
    {
        double s = 0;
        foreach (var v in x) s += v * v;
        return x.Length == 0 ? 0 : Math.Sqrt(s / x.Length);
    }

    private static double Gauss(Random rng)
    {
        double u1 = 1 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
