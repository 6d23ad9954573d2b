namespace ResearchKit.Features;

/// <summary>
/// Kaldi's triangular mel filterbank (Kaldi <c>MelBanks</c>, torchaudio <c>kaldi.get_mel_banks</c>): mel = 1127·ln(1 + f/700),
/// bins equally spaced in mel between the low and high edges, triangles evaluated on the mel value of each FFT bin,
/// no area normalisation, optional VTLN warping of the bin edges.
/// </summary>
public static class KaldiMelBanks
{
    /// <summary>Kaldi's mel scale: 1127·ln(1 + f/700).</summary>
    public static double MelScale(double hz) => 1127.0 * Math.Log(1.0 + hz / 700.0);

    /// <summary>Inverse of <see cref="MelScale"/>: 700·(e^(mel/1127) − 1).</summary>
    public static double InverseMelScale(double mel) => 700.0 * (Math.Exp(mel / 1127.0) - 1.0);

    /// <summary>
    /// The filterbank as a dense (numBins, paddedWindowSize/2 + 1) matrix; the last (Nyquist) column is zero, as
    /// Kaldi's and torchaudio's fbank pad it.
    /// </summary>
    /// <param name="numBins">Number of mel bins (≥ 3).</param>
    /// <param name="paddedWindowSize">FFT length.</param>
    /// <param name="sampleFrequency">Sample rate in Hz.</param>
    /// <param name="lowFreq">Low edge in Hz.</param>
    /// <param name="highFreq">High edge in Hz; ≤ 0 means Nyquist + highFreq.</param>
    /// <param name="vtlnLow">VTLN lower inflection point in Hz.</param>
    /// <param name="vtlnHigh">VTLN upper inflection point in Hz; &lt; 0 means Nyquist + vtlnHigh.</param>
    /// <param name="vtlnWarp">VTLN warp factor (1 = none).</param>
    public static double[,] Create(int numBins, int paddedWindowSize, double sampleFrequency, double lowFreq = 20.0,
        double highFreq = 0.0, double vtlnLow = 100.0, double vtlnHigh = -500.0, double vtlnWarp = 1.0)
    {
        if (numBins < 3) throw new InvalidParameterException("numBins", $"Kaldi mel banks need at least 3 bins, got {numBins}.");
        if (paddedWindowSize < 2) throw new InvalidParameterException("paddedWindowSize", $"must be ≥ 2, got {paddedWindowSize}.");
        int numFftBins = paddedWindowSize / 2;
        double nyquist = 0.5 * sampleFrequency;
        if (highFreq <= 0.0) highFreq += nyquist;
        if (!(lowFreq >= 0 && lowFreq < nyquist && highFreq > 0 && highFreq <= nyquist && lowFreq < highFreq))
            throw new InvalidParameterException("lowFreq/highFreq", $"need 0 ≤ low < high ≤ Nyquist ({nyquist} Hz); got {lowFreq} and {highFreq} Hz.");
        if (vtlnHigh < 0.0) vtlnHigh += nyquist;
        double binWidth = sampleFrequency / paddedWindowSize;
        double melLow = MelScale(lowFreq), melHigh = MelScale(highFreq);
        double delta = (melHigh - melLow) / (numBins + 1);
        var banks = new double[numBins, numFftBins + 1];
        var mel = new double[numFftBins];
        for (int i = 0; i < numFftBins; i++) mel[i] = MelScale(binWidth * i);
        for (int b = 0; b < numBins; b++)
        {
            double left = melLow + b * delta, center = melLow + (b + 1) * delta, right = melLow + (b + 2) * delta;
            if (vtlnWarp != 1.0)
            {
                left = VtlnWarpMelFreq(vtlnLow, vtlnHigh, lowFreq, highFreq, vtlnWarp, left);
                center = VtlnWarpMelFreq(vtlnLow, vtlnHigh, lowFreq, highFreq, vtlnWarp, center);
                right = VtlnWarpMelFreq(vtlnLow, vtlnHigh, lowFreq, highFreq, vtlnWarp, right);
            }
            for (int i = 0; i < numFftBins; i++)
            {
                double m = mel[i];
                // Kaldi: up-slope on (left, center], down-slope on (center, right), zero elsewhere.
                if (m > left && m <= center) banks[b, i] = (m - left) / (center - left);
                else if (m > center && m < right) banks[b, i] = (right - m) / (right - center);
            }
        }
        return banks;
    }

    /// <summary>Kaldi's piecewise-linear VTLN frequency warp (MelBanks::VtlnWarpFreq) applied in the mel domain.</summary>
    public static double VtlnWarpMelFreq(double vtlnLow, double vtlnHigh, double lowFreq, double highFreq, double warp, double mel)
    {
        double f = InverseMelScale(mel);
        return MelScale(VtlnWarpFreq(vtlnLow, vtlnHigh, lowFreq, highFreq, warp, f));
    }

    /// <summary>Kaldi's VTLN warp of one frequency in Hz: scale by 1/warp between the inflection points, linear to the edges.</summary>
    public static double VtlnWarpFreq(double vtlnLow, double vtlnHigh, double lowFreq, double highFreq, double warp, double freq)
    {
        if (freq < lowFreq || freq > highFreq) return freq;
        double l = vtlnLow * Math.Max(1.0, warp), h = vtlnHigh * Math.Min(1.0, warp);
        double scale = 1.0 / warp, fl = scale * l, fh = scale * h;
        if (freq < l) return lowFreq + (fl - lowFreq) / (l - lowFreq) * (freq - lowFreq);
        if (freq < h) return scale * freq;
        return highFreq + (highFreq - fh) / (highFreq - h) * (freq - highFreq);
    }
}

/// <summary>A filterbank stored as one contiguous run of non-zero weights per filter, applied to spectra quickly.</summary>
internal sealed class SparseFilterbank
{
    private readonly int[] _start;
    private readonly double[][] _weights;

    /// <summary>Builds from a dense (filters, bins) matrix.</summary>
    public SparseFilterbank(double[,] dense)
    {
        int nf = dense.GetLength(0), nb = dense.GetLength(1);
        Bins = nb;
        _start = new int[nf];
        _weights = new double[nf][];
        for (int f = 0; f < nf; f++)
        {
            int a = 0, b = nb - 1;
            while (a < nb && dense[f, a] == 0) a++;
            while (b >= a && dense[f, b] == 0) b--;
            _start[f] = Math.Min(a, nb);
            var w = new double[Math.Max(0, b - a + 1)];
            for (int i = 0; i < w.Length; i++) w[i] = dense[f, a + i];
            _weights[f] = w;
        }
    }

    public int Filters => _start.Length;
    public int Bins { get; }

    /// <summary>out[f] = Σ_i spectrum[i]·W[f, i].</summary>
    public void Apply(ReadOnlySpan<double> spectrum, Span<double> output)
    {
        for (int f = 0; f < _start.Length; f++)
        {
            var w = _weights[f];
            output[f] = w.Length == 0 ? 0.0 : System.Numerics.Tensors.TensorPrimitives.Dot<double>(spectrum.Slice(_start[f], w.Length), w);
        }
    }
}
