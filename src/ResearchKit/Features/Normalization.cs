namespace ResearchKit.Features;

/// <summary>Options of <see cref="Normalization.SlidingCmvn"/> (Kaldi <c>apply-cmvn-sliding</c>, torchaudio <c>sliding_window_cmn</c>).</summary>
public sealed record SlidingCmvnOptions
{
    /// <summary>Window in frames (<c>--cmn-window</c>, default 600 = 6 s at 10 ms).</summary>
    public int CmnWindow { get; init; } = 600;

    /// <summary>Minimum window at the start when not centred (<c>--min-cmn-window</c>, default 100).</summary>
    public int MinCmnWindow { get; init; } = 100;

    /// <summary>Centre the window on the frame (<c>--center</c>, default false: the window ends at the frame).</summary>
    public bool Center { get; init; }

    /// <summary>Also divide by the window's standard deviation (<c>--norm-vars</c>, default false).</summary>
    public bool NormVars { get; init; }

    /// <summary>Kaldi's defaults: 600-frame trailing window, min 100, means only.</summary>
    public static SlidingCmvnOptions Kaldi { get; } = new();
}

/// <summary>Cepstral mean (and variance) normalisation of (frames × features) matrices; pure, returns new matrices.</summary>
public static class Normalization
{
    /// <summary>Utterance-level CMN/CMVN: subtract each column's mean over all frames and, with
    /// <paramref name="normVars"/>, divide by its (population) standard deviation (Kaldi <c>apply-cmvn</c> with
    /// per-utterance stats; WeSpeaker/pyannote's mean subtraction is <c>normVars: false</c>).</summary>
    public static double[,] Cmvn(double[,] x, bool normVars = false)
    {
        int t = x.GetLength(0), d = x.GetLength(1);
        var y = (double[,])x.Clone();
        if (t == 0) return y;
        for (int j = 0; j < d; j++)
        {
            double s = 0, s2 = 0;
            for (int i = 0; i < t; i++) { s += x[i, j]; s2 += x[i, j] * x[i, j]; }
            double mean = s / t, var = Math.Max(s2 / t - mean * mean, 0);
            double scale = normVars && var > 0 ? 1.0 / Math.Sqrt(var) : 1.0;
            for (int i = 0; i < t; i++) y[i, j] = (x[i, j] - mean) * scale;
        }
        return y;
    }

    /// <summary>Sliding-window CMN/CMVN with Kaldi's window placement (<c>apply-cmvn-sliding</c>,
    /// torchaudio <c>sliding_window_cmn</c>): each frame is normalised by the statistics of its window, shifted to stay
    /// inside the utterance.</summary>
    public static double[,] SlidingCmvn(double[,] x, SlidingCmvnOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.CmnWindow < 1) throw new InvalidParameterException("SlidingCmvnOptions.CmnWindow", $"must be ≥ 1 frame, got {options.CmnWindow}.");
        int n = x.GetLength(0), d = x.GetLength(1);
        var y = new double[n, d];
        // prefix sums per column
        var s = new double[n + 1, d];
        var s2 = new double[n + 1, d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++) { s[i + 1, j] = s[i, j] + x[i, j]; s2[i + 1, j] = s2[i, j] + x[i, j] * x[i, j]; }
        for (int t = 0; t < n; t++)
        {
            int start, end;
            if (options.Center) { start = t - options.CmnWindow / 2; end = start + options.CmnWindow; }
            else { start = t - options.CmnWindow; end = t + 1; }
            if (start < 0) { end -= start; start = 0; }
            if (!options.Center && end > t) end = Math.Max(t + 1, options.MinCmnWindow);
            if (end > n) { start -= end - n; end = n; if (start < 0) start = 0; }
            int w = end - start;
            for (int j = 0; j < d; j++)
            {
                double mean = (s[end, j] - s[start, j]) / w;
                double v = x[t, j] - mean;
                if (options.NormVars)
                {
                    double var = (s2[end, j] - s2[start, j]) / w - mean * mean;
                    if (var > 0) v /= Math.Sqrt(var);
                }
                y[t, j] = v;
            }
        }
        return y;
    }
}
