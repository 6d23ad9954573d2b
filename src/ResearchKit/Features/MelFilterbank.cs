namespace ResearchKit.Features;

/// <summary>Mel scale formulas (torchaudio <c>mel_scale</c>, librosa <c>htk=</c>).</summary>
public enum MelScale
{
    /// <summary>HTK: mel = 2595·log10(1 + f/700) (torchaudio default, librosa <c>htk=True</c>).</summary>
    Htk,
    /// <summary>Slaney (Auditory Toolbox): linear below 1 kHz (f / (200/3)), logarithmic above with step ln(6.4)/27
    /// (librosa default, torchaudio <c>mel_scale='slaney'</c>).</summary>
    Slaney,
}

/// <summary>Normalisation of the triangular mel filters.</summary>
public enum MelNorm
{
    /// <summary>Peak 1, no area normalisation (torchaudio default <c>norm=None</c>).</summary>
    None,
    /// <summary>Slaney area normalisation: each triangle × 2/(f_right − f_left) (librosa default, <c>norm='slaney'</c>).</summary>
    Slaney,
}

/// <summary>
/// Triangular mel filterbanks as librosa (<c>filters.mel</c>) and torchaudio (<c>functional.melscale_fbanks</c>) build
/// them: n_mels+2 points equally spaced in mel between fMin and fMax, converted to Hz, triangles evaluated in Hz on
/// the FFT bin frequencies k·sr/n_fft. (Kaldi's variant, triangles in mel, is <see cref="KaldiMelBanks"/>.)
/// </summary>
public static class MelFilterbank
{
    /// <summary>Hz → mel on the given scale.</summary>
    public static double HzToMel(double hz, MelScale scale)
    {
        if (scale == MelScale.Htk) return 2595.0 * Math.Log10(1.0 + hz / 700.0);
        const double fSp = 200.0 / 3, minLogHz = 1000.0, minLogMel = minLogHz / fSp;
        double logStep = Math.Log(6.4) / 27.0;
        return hz >= minLogHz ? minLogMel + Math.Log(hz / minLogHz) / logStep : hz / fSp;
    }

    /// <summary>mel → Hz on the given scale.</summary>
    public static double MelToHz(double mel, MelScale scale)
    {
        if (scale == MelScale.Htk) return 700.0 * (Math.Pow(10.0, mel / 2595.0) - 1.0);
        const double fSp = 200.0 / 3, minLogHz = 1000.0, minLogMel = minLogHz / fSp;
        double logStep = Math.Log(6.4) / 27.0;
        return mel >= minLogMel ? minLogHz * Math.Exp(logStep * (mel - minLogMel)) : fSp * mel;
    }

    /// <summary>The filterbank as an (nMels, nFft/2 + 1) matrix (librosa layout; torchaudio's melscale_fbanks is its transpose).</summary>
    /// <param name="nFft">FFT length (frequencies are k·sampleRate/nFft, k ≤ nFft/2).</param>
    /// <param name="nMels">Number of filters.</param>
    /// <param name="sampleRate">Sample rate in Hz.</param>
    /// <param name="fMin">Lowest edge in Hz.</param>
    /// <param name="fMax">Highest edge in Hz; null = sampleRate/2.</param>
    /// <param name="scale">Mel scale.</param>
    /// <param name="norm">Filter normalisation.</param>
    public static double[,] Create(int nFft, int nMels, double sampleRate, double fMin = 0.0, double? fMax = null,
        MelScale scale = MelScale.Htk, MelNorm norm = MelNorm.None)
    {
        if (nFft < 2) throw new InvalidParameterException("nFft", $"must be ≥ 2, got {nFft}.");
        if (nMels < 1) throw new InvalidParameterException("nMels", $"must be ≥ 1, got {nMels}.");
        double hi = fMax ?? sampleRate / 2.0;
        if (!(fMin >= 0 && fMin < hi && hi <= sampleRate / 2.0 + 1e-9))
            throw new InvalidParameterException("fMin/fMax", $"need 0 ≤ fMin < fMax ≤ sampleRate/2 = {sampleRate / 2} Hz; got {fMin} and {hi} Hz.");
        int nFreqs = nFft / 2 + 1;
        var freqs = new double[nFreqs];
        for (int k = 0; k < nFreqs; k++) freqs[k] = k * sampleRate / nFft;
        double mMin = HzToMel(fMin, scale), mMax = HzToMel(hi, scale);
        var f = new double[nMels + 2];
        for (int i = 0; i < f.Length; i++) f[i] = MelToHz(mMin + (mMax - mMin) * i / (nMels + 1), scale);
        var w = new double[nMels, nFreqs];
        for (int m = 0; m < nMels; m++)
        {
            double lower = f[m], center = f[m + 1], upper = f[m + 2];
            double enorm = norm == MelNorm.Slaney ? 2.0 / (upper - lower) : 1.0;
            for (int k = 0; k < nFreqs; k++)
            {
                double up = (freqs[k] - lower) / (center - lower);
                double down = (upper - freqs[k]) / (upper - center);
                w[m, k] = Math.Max(0.0, Math.Min(up, down)) * enorm;
            }
        }
        return w;
    }

    /// <summary>Parses "htk" or "slaney".</summary>
    public static MelScale ParseScale(string s) => s.Trim().ToLowerInvariant() switch
    {
        "htk" => MelScale.Htk,
        "slaney" => MelScale.Slaney,
        _ => throw new InvalidParameterException("mel-scale", $"unknown mel scale '{s}'; use htk or slaney."),
    };
}
