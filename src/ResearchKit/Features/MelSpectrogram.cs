using ResearchKit.Audio;

namespace ResearchKit.Features;

/// <summary>
/// Mel spectrograms (torchaudio <c>transforms.MelSpectrogram</c>, librosa <c>feature.melspectrogram</c>), float64,
/// layout (frames × n_mels); torchaudio returns the transpose.
/// </summary>
public static class MelSpectrogram
{
    /// <summary>The filterbank the options describe, (NMels × NFft/2+1).</summary>
    public static double[,] Filterbank(MelSpectrogramOptions o) =>
        MelFilterbank.Create(o.Stft.NFft, o.NMels, o.SampleRate, o.FMin, o.FMax, o.MelScale, o.Norm);

    /// <summary>Mel spectrogram of <paramref name="signal"/> as (frames × NMels).</summary>
    /// <exception cref="InvalidParameterException">The signal's sample rate differs from <see cref="MelSpectrogramOptions.SampleRate"/>,
    /// it has non-finite samples, or an option is invalid.</exception>
    public static double[,] Compute(Signal signal, MelSpectrogramOptions options)
    {
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (signal.SampleRate != options.SampleRate)
            throw new InvalidParameterException("signal",
                $"the mel spectrogram is configured for {options.SampleRate} Hz (SampleRate) but the signal is {signal.SampleRate} Hz; " +
                $"resample it first (CLI: --resample {options.SampleRate}; library: Resampler.Resample(signal, {options.SampleRate})) or set SampleRate = {signal.SampleRate}.");
        var fb = new SparseFilterbank(Filterbank(options));
        var st = new StftFramer(options.Stft);
        var x = signal.Samples;
        int frames = st.CheckSignal(x);
        var result = new double[frames, options.NMels];
        var spec = new double[options.Stft.NumBins];
        var mel = new double[options.NMels];
        for (int t = 0; t < frames; t++)
        {
            st.Power(x, t, spec);
            fb.Apply(spec, mel);
            for (int m = 0; m < mel.Length; m++) result[t, m] = mel[m];
        }
        return result;
    }
}
