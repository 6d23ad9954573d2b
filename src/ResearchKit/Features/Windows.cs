namespace ResearchKit.Features;

/// <summary>Analysis window shapes (Kaldi's <c>--window-type</c>, torch's <c>*_window</c> functions).</summary>
public enum WindowType
{
    /// <summary>All ones (Kaldi "rectangular").</summary>
    Rectangular,
    /// <summary>Hann: 0.5 − 0.5·cos(2πn/D) (Kaldi "hanning", torch <c>hann_window</c>, scipy "hann").</summary>
    Hann,
    /// <summary>Hamming: 0.54 − 0.46·cos(2πn/D) (Kaldi "hamming", torch <c>hamming_window</c>).</summary>
    Hamming,
    /// <summary>Povey: Hann^0.85, Kaldi's default ("povey"); like Hamming but goes to zero at the edges.</summary>
    Povey,
    /// <summary>Blackman: c − 0.5·cos(2πn/D) + (0.5 − c)·cos(4πn/D), c = blackman coefficient (Kaldi 0.42).</summary>
    Blackman,
    /// <summary>Sine: sin(πn/D) (Kaldi "sine").</summary>
    Sine,
}

/// <summary>Window functions. D = length − 1 for symmetric windows (Kaldi, <c>periodic=False</c>) and D = length for
/// periodic ones (torch's and scipy's default for spectral analysis, <c>periodic=True</c> / <c>fftbins=True</c>).</summary>
public static class Windows
{
    /// <summary>Creates a window of <paramref name="length"/> samples.</summary>
    /// <param name="type">Window shape.</param>
    /// <param name="length">Number of samples (≥ 1).</param>
    /// <param name="periodic">True for a periodic window (denominator = length), false for symmetric (length − 1).</param>
    /// <param name="blackmanCoeff">The Blackman coefficient (Kaldi <c>--blackman-coeff</c>, default 0.42).</param>
    public static double[] Create(WindowType type, int length, bool periodic = false, double blackmanCoeff = 0.42)
    {
        if (length < 1) throw new InvalidParameterException("length", $"window length must be ≥ 1 sample, got {length}.");
        var w = new double[length];
        if (length == 1) { w[0] = 1.0; return w; }
        double d = periodic ? length : length - 1;
        double a = 2.0 * Math.PI / d;
        for (int n = 0; n < length; n++)
        {
            w[n] = type switch
            {
                WindowType.Rectangular => 1.0,
                WindowType.Hann => 0.5 - 0.5 * Math.Cos(a * n),
                WindowType.Hamming => 0.54 - 0.46 * Math.Cos(a * n),
                WindowType.Povey => Math.Pow(0.5 - 0.5 * Math.Cos(a * n), 0.85),
                WindowType.Blackman => blackmanCoeff - 0.5 * Math.Cos(a * n) + (0.5 - blackmanCoeff) * Math.Cos(2 * a * n),
                WindowType.Sine => Math.Sin(0.5 * a * n),
                _ => throw new InvalidParameterException("type", $"unknown window type {type}."),
            };
        }
        return w;
    }

    /// <summary>Parses a window name as Kaldi, torch or scipy spell it (povey, hamming, hanning/hann, rectangular, blackman, sine).</summary>
    public static WindowType Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "rectangular" or "rect" or "boxcar" or "ones" => WindowType.Rectangular,
        "hann" or "hanning" => WindowType.Hann,
        "hamming" => WindowType.Hamming,
        "povey" => WindowType.Povey,
        "blackman" => WindowType.Blackman,
        "sine" => WindowType.Sine,
        _ => throw new InvalidParameterException("window", $"unknown window '{name}'; use povey, hamming, hann, rectangular, blackman or sine."),
    };
}
