namespace ResearchKit.Audio;

/// <summary>Options of <see cref="Resampler"/>: a Kaiser-windowed sinc low-pass (torchaudio <c>sinc_interp_kaiser</c> style).</summary>
public sealed record ResamplerOptions
{
    /// <summary>Filter half-width in zero crossings of the low-pass sinc (default 32; torchaudio 6 — more is sharper).</summary>
    public int ZeroCrossings { get; init; } = 32;

    /// <summary>Cut-off as a fraction of the lower Nyquist frequency (default 0.95; torchaudio 0.99).</summary>
    public double Rolloff { get; init; } = 0.95;

    /// <summary>Kaiser window β (default 9.0, ≈ 90 dB side lobes).</summary>
    public double Beta { get; init; } = 9.0;

    /// <summary>Defaults: 32 zero crossings, roll-off 0.95, β 9 — stop band ≥ 80 dB above the new Nyquist.</summary>
    public static ResamplerOptions Default { get; } = new();
}

/// <summary>
/// Explicit, band-limited sample-rate conversion by a polyphase Kaiser-windowed sinc filter at the exact rational
/// ratio (e.g. 44100 → 16000 = 160/441). Output sample n sits at input time n·in/out; output length ⌈N·out/in⌉
/// (torchaudio's convention). Nothing in ResearchKit resamples implicitly.
/// </summary>
public static class Resampler
{
    /// <summary>Resamples <paramref name="signal"/> to <paramref name="targetRate"/> Hz (returns the same signal if equal).</summary>
    public static Signal Resample(Signal signal, int targetRate, ResamplerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(signal);
        if (targetRate <= 0) throw new InvalidParameterException("targetRate", $"must be > 0 Hz, got {targetRate}.");
        if (targetRate == signal.SampleRate) return signal;
        return new Signal(Resample(signal.Samples, signal.SampleRate, targetRate, options), targetRate);
    }

    /// <summary>Resamples raw samples from <paramref name="sourceRate"/> to <paramref name="targetRate"/> Hz.</summary>
    public static float[] Resample(ReadOnlySpan<float> x, int sourceRate, int targetRate, ResamplerOptions? options = null)
    {
        var o = options ?? ResamplerOptions.Default;
        if (sourceRate <= 0 || targetRate <= 0)
            throw new InvalidParameterException("sampleRate", $"rates must be > 0 Hz, got {sourceRate} → {targetRate}.");
        if (o.ZeroCrossings < 1 || !(o.Rolloff > 0 && o.Rolloff <= 1) || !(o.Beta >= 0))
            throw new InvalidParameterException("ResamplerOptions", "need ZeroCrossings ≥ 1, 0 < Rolloff ≤ 1, Beta ≥ 0.");
        int g = Gcd(sourceRate, targetRate);
        int up = targetRate / g, down = sourceRate / g;   // output n ↔ input time n·down/up
        // cut-off relative to the input rate's Nyquist
        double cutoff = Math.Min(1.0, (double)up / down) * o.Rolloff;
        double halfWidth = o.ZeroCrossings / cutoff;       // in input samples
        int taps = (int)Math.Ceiling(halfWidth);
        long outLen = (long)Math.Ceiling((double)x.Length * up / down);
        var y = new float[outLen];
        // phase p = (n·down mod up)/up: fractional input offset of output n. Filters cached per phase when few.
        bool cache = up <= 4096;
        var bank = cache ? new double[up][] : null;
        double i0b = BesselI0(o.Beta);
        for (long n = 0; n < outLen; n++)
        {
            long num = n * down;
            long k0 = num / up;
            int phase = (int)(num % up);
            double frac = (double)phase / up;
            double[] h = cache ? bank![phase] ??= Kernel(frac, taps, cutoff, halfWidth, o.Beta, i0b) : Kernel(frac, taps, cutoff, halfWidth, o.Beta, i0b);
            double acc = 0;
            long lo = k0 - taps + 1;
            for (int j = 0; j < h.Length; j++)
            {
                long k = lo + j;
                if (k >= 0 && k < x.Length) acc += x[(int)k] * h[j];
            }
            y[n] = (float)acc;
        }
        return y;
    }

    // h[j] = weight of input sample k0 − taps + 1 + j for an output at k0 + frac.
    private static double[] Kernel(double frac, int taps, double cutoff, double halfWidth, double beta, double i0b)
    {
        var h = new double[2 * taps];
        for (int j = 0; j < h.Length; j++)
        {
            double t = (j - taps + 1) - frac;      // input position minus output position, in input samples
            if (Math.Abs(t) >= halfWidth) continue;
            double arg = Math.PI * cutoff * t;
            double sinc = t == 0 ? 1.0 : Math.Sin(arg) / arg;
            double r = t / halfWidth;
            double w = BesselI0(beta * Math.Sqrt(1 - r * r)) / i0b;
            h[j] = cutoff * sinc * w;
        }
        return h;
    }

    private static double BesselI0(double x)
    {
        double sum = 1, term = 1, q = x * x / 4;
        for (int k = 1; k < 200 && term > 1e-17 * sum; k++) { term *= q / ((double)k * k); sum += term; }
        return sum;
    }

    private static int Gcd(int a, int b) { while (b != 0) (a, b) = (b, a % b); return a; }
}
