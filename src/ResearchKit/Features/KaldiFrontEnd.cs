using System.Numerics.Tensors;
using ResearchKit.Audio;

namespace ResearchKit.Features;

/// <summary>
/// The per-frame part shared by Kaldi fbank and MFCC (Kaldi <c>ExtractWindow</c> + <c>ProcessWindow</c>,
/// torchaudio <c>_get_window</c>): extract, dither, remove DC, raw log energy, pre-emphasis, window, zero-pad,
/// power spectrum. Works in float64. One instance per thread (holds scratch buffers).
/// </summary>
internal sealed class KaldiFrontEnd
{
    /// <summary>ln(FLT_EPSILON): Kaldi's and torchaudio's floor for logs of energies.</summary>
    public const double LogEpsilon = -15.942385152878742;
    public const double Epsilon = 1.1920928955078125e-07;

    private readonly KaldiOptions _o;
    private readonly double[] _window;
    private readonly RealFft _fft;
    private readonly double[] _frame, _tmp;
    private readonly Random? _rng;
    public readonly int Size, Shift, Padded;
    public readonly SparseFilterbank MelBanks;

    public KaldiFrontEnd(KaldiOptions options)
    {
        options.Validate();
        _o = options;
        Size = options.WindowSize;
        Shift = options.WindowShift;
        Padded = options.PaddedWindowSize;
        _window = Windows.Create(options.WindowType, Size, periodic: false, options.BlackmanCoeff);
        _fft = new RealFft(Padded);
        _frame = new double[Padded];
        _tmp = new double[Size];
        if (options.Dither > 0) _rng = new Random(options.DitherSeed);
        MelBanks = new SparseFilterbank(KaldiMelBanks.Create(options.NumMelBins, Padded, options.SampleFrequency,
            options.LowFreq, options.HighFreq, options.VtlnLow, options.VtlnHigh, options.VtlnWarp));
    }

    public int SpectrumBins => Padded / 2 + 1;

    /// <summary>Checks that the signal suits the options; returns the number of frames (≥ 1).</summary>
    public static int CheckSignal(Signal signal, KaldiOptions o, string what)
    {
        ArgumentNullException.ThrowIfNull(signal);
        if (signal.SampleRate != o.SampleFrequency)
            throw new InvalidParameterException("signal",
                $"{what} is configured for {o.SampleFrequency} Hz (SampleFrequency) but the signal is {signal.SampleRate} Hz; " +
                $"resample it first (CLI: --resample {o.SampleFrequency}; library: Resampler.Resample(signal, {o.SampleFrequency})) or set SampleFrequency = {signal.SampleRate}.");
        CheckFinite(signal.Samples, "signal");
        int frames = o.NumFrames(signal.Length);
        if (frames < 1)
            throw new InvalidParameterException("signal",
                $"{signal.Length} samples ({signal.Duration:0.###} s) is shorter than one {o.FrameLengthMs} ms frame ({o.WindowSize} samples); " +
                "give a longer signal or set SnipEdges = false.");
        return frames;
    }

    /// <summary>Throws when a sample is NaN or infinite (a corrupt file or an upstream bug).</summary>
    public static void CheckFinite(ReadOnlySpan<float> x, string name)
    {
        // Sum is NaN/Inf iff some element is NaN/Inf (or the sum overflows float, impossible for audio-range data).
        if (float.IsFinite(TensorPrimitives.Sum(x))) return;
        for (int i = 0; i < x.Length; i++)
            if (!float.IsFinite(x[i]))
                throw new InvalidParameterException(name,
                    $"sample {i} is {x[i]}; audio must be finite. Check the file or the processing that produced it.");
    }

    /// <summary>Fills the power (or magnitude) spectrum of frame <paramref name="f"/>; returns its log energy.</summary>
    public double Process(ReadOnlySpan<float> x, int f, Span<double> spectrum, bool power = true)
    {
        var fr = _frame.AsSpan(0, Size);
        double scale = _o.WaveformScale;
        long start = _o.SnipEdges ? (long)f * Shift : (long)f * Shift + Shift / 2 - Size / 2;
        if (start >= 0 && start + Size <= x.Length)
        {
            var src = x.Slice((int)start, Size);
            for (int i = 0; i < Size; i++) fr[i] = src[i] * scale;
        }
        else
        {
            // Kaldi ExtractWindow: mirror at both ends (s < 0 → −s − 1; s ≥ N → 2N − 1 − s).
            int n = x.Length;
            for (int i = 0; i < Size; i++)
            {
                long s = start + i;
                while (s < 0 || s >= n)
                {
                    if (s < 0) s = -s - 1;
                    if (s >= n) s = 2L * n - 1 - s;
                }
                fr[i] = x[(int)s] * scale;
            }
        }

        if (_rng is not null)
        {
            double d = _o.Dither;
            for (int i = 0; i < Size; i++) fr[i] += d * Gaussian(_rng);
        }
        if (_o.RemoveDcOffset)
            TensorPrimitives.Subtract(fr, TensorPrimitives.Sum<double>(fr) / Size, fr);

        double logEnergy = 0;
        if (_o.RawEnergy) logEnergy = LogEnergy(fr);

        double c = _o.PreemphasisCoefficient;
        if (c != 0)
        {
            // y[i] = x[i] − c·x[i−1], y[0] = x[0] − c·x[0] (torchaudio pads with the first sample); vectorised into _tmp
            var y = _tmp.AsSpan(0, Size);
            TensorPrimitives.MultiplyAdd(fr[..^1], -c, fr[1..], y[1..]);
            y[0] = fr[0] - c * fr[0];
            TensorPrimitives.Multiply(y, _window, fr);
        }
        else TensorPrimitives.Multiply(fr, _window, fr);
        _frame.AsSpan(Size).Clear();
        if (!_o.RawEnergy) logEnergy = LogEnergy(fr);

        _fft.PowerSpectrum(_frame, spectrum);
        if (!power) TensorPrimitives.Sqrt(spectrum[..SpectrumBins], spectrum);
        return logEnergy;
    }

    private double LogEnergy(ReadOnlySpan<double> fr)
    {
        double e = Math.Log(Math.Max(TensorPrimitives.SumOfSquares(fr), Epsilon));
        return _o.EnergyFloor == 0.0 ? e : Math.Max(e, Math.Log(_o.EnergyFloor));
    }

    private static double Gaussian(Random r)
    {
        // Box–Muller; Kaldi uses RandGauss(), torchaudio torch.randn — dithered values never match bit for bit.
        double u1 = 1.0 - r.NextDouble(), u2 = r.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Subtracts each column's mean over rows (torchaudio <c>_subtract_column_mean</c>).</summary>
    public static void SubtractColumnMean(double[,] m)
    {
        int rows = m.GetLength(0), cols = m.GetLength(1);
        if (rows == 0) return;
        var mean = new double[cols];
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) mean[c] += m[r, c];
        for (int c = 0; c < cols; c++) mean[c] /= rows;
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) m[r, c] -= mean[c];
    }

    public static float[,] ToFloat(double[,] m)
    {
        int rows = m.GetLength(0), cols = m.GetLength(1);
        var f = new float[rows, cols];
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) f[r, c] = (float)m[r, c];
        return f;
    }
}
