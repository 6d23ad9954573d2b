using System.Numerics.Tensors;
using ResearchKit.Audio;

namespace ResearchKit.Features;

/// <summary>
/// STFT, magnitude and power spectrograms (torchaudio <c>transforms.Spectrogram</c>, <c>torch.stft</c>, librosa
/// <c>stft</c>), in float64. Output layout: (frames × NFft/2+1); torchaudio's is the transpose.
/// </summary>
public static class Spectrogram
{
    /// <summary>|STFT|^Power as a (frames × bins) matrix.</summary>
    public static double[,] Compute(Signal signal, SpectrogramOptions options)
    {
        ArgumentNullException.ThrowIfNull(signal);
        return Compute(signal.Samples, options);
    }

    /// <summary>|STFT|^Power of raw samples as a (frames × bins) matrix.</summary>
    public static double[,] Compute(ReadOnlySpan<float> samples, SpectrogramOptions options)
    {
        var st = new StftFramer(options);
        int frames = st.CheckSignal(samples);
        int bins = options.NumBins;
        var result = new double[frames, bins];
        var p = new double[bins];
        for (int t = 0; t < frames; t++)
        {
            st.Power(samples, t, p);
            for (int k = 0; k < bins; k++) result[t, k] = p[k];
        }
        return result;
    }

    /// <summary>The complex STFT as (frames × bins) real and imaginary parts (Power and Normalized are ignored /
    /// applied as torch does: Normalized divides by the window's L2 norm).</summary>
    public static (double[,] Real, double[,] Imag) ComputeComplex(Signal signal, SpectrogramOptions options)
    {
        ArgumentNullException.ThrowIfNull(signal);
        var st = new StftFramer(options);
        var x = signal.Samples;
        int frames = st.CheckSignal(x);
        int bins = options.NumBins;
        var re = new double[frames, bins];
        var im = new double[frames, bins];
        var r = new double[bins]; var i = new double[bins];
        for (int t = 0; t < frames; t++)
        {
            st.Complex(x, t, r, i);
            for (int k = 0; k < bins; k++) { re[t, k] = r[k]; im[t, k] = i[k]; }
        }
        return (re, im);
    }
}

/// <summary>Frames, windows and transforms one STFT frame at a time (one instance per thread).</summary>
internal sealed class StftFramer
{
    private readonly SpectrogramOptions _o;
    private readonly double[] _window;   // NFft long, zero outside the centred window
    private readonly double[] _frame;
    private readonly RealFft _fft;
    private readonly int _hop, _winLen, _winOffset;
    private readonly double _norm;

    public StftFramer(SpectrogramOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        o.Validate();
        _o = o;
        _hop = o.EffectiveHopLength;
        _winLen = o.EffectiveWinLength;
        _winOffset = (o.NFft - _winLen) / 2;
        _window = new double[o.NFft];
        Windows.Create(o.Window, _winLen, o.PeriodicWindow).CopyTo(_window, _winOffset);
        _frame = new double[o.NFft];
        _fft = new RealFft(o.NFft);
        _norm = o.Normalized ? 1.0 / Math.Sqrt(TensorPrimitives.SumOfSquares<double>(_window)) : 1.0;
    }

    public int CheckSignal(ReadOnlySpan<float> x)
    {
        KaldiFrontEnd.CheckFinite(x, "signal");
        int frames = _o.NumFrames(x.Length);
        if (frames < 1 || x.Length == 0)
            throw new InvalidParameterException("signal",
                $"{x.Length} samples is shorter than one {_o.NFft}-sample frame; give a longer signal or set Center = true.");
        return frames;
    }

    private void Load(ReadOnlySpan<float> x, int t)
    {
        long start = (long)t * _hop - (_o.Center ? _o.NFft / 2 : 0);
        // only the window's support matters; the rest of the frame stays zero
        Framing.Extract(x, start + _winOffset, _frame.AsSpan(_winOffset, _winLen), _o.PadMode);
        TensorPrimitives.Multiply(_frame.AsSpan(_winOffset, _winLen), _window.AsSpan(_winOffset, _winLen), _frame.AsSpan(_winOffset, _winLen));
    }

    public void Power(ReadOnlySpan<float> x, int t, Span<double> power)
    {
        Load(x, t);
        PowerOfFrame(power);
    }

    /// <summary>As <see cref="Power(ReadOnlySpan{float}, int, Span{double})"/> for a float64 signal (e.g. pre-emphasised in double).</summary>
    public void Power(ReadOnlySpan<double> x, int t, Span<double> power)
    {
        long start = (long)t * _hop - (_o.Center ? _o.NFft / 2 : 0);
        Framing.Extract(x, start + _winOffset, _frame.AsSpan(_winOffset, _winLen), _o.PadMode);
        TensorPrimitives.Multiply(_frame.AsSpan(_winOffset, _winLen), _window.AsSpan(_winOffset, _winLen), _frame.AsSpan(_winOffset, _winLen));
        PowerOfFrame(power);
    }

    private void PowerOfFrame(Span<double> power)
    {
        _fft.PowerSpectrum(_frame, power);
        int bins = _o.NumBins;
        if (_norm != 1.0) TensorPrimitives.Multiply(power[..bins], _norm * _norm, power[..bins]);
        if (_o.Power == 1.0) TensorPrimitives.Sqrt(power[..bins], power[..bins]);
        else if (_o.Power != 2.0)
            for (int k = 0; k < bins; k++) power[k] = Math.Pow(power[k], _o.Power / 2.0);
    }

    public void Complex(ReadOnlySpan<float> x, int t, Span<double> re, Span<double> im)
    {
        Load(x, t);
        _fft.Forward(_frame, re, im);
        if (_norm != 1.0)
        {
            TensorPrimitives.Multiply(re[.._o.NumBins], _norm, re[.._o.NumBins]);
            TensorPrimitives.Multiply(im[.._o.NumBins], _norm, im[.._o.NumBins]);
        }
    }
}
