using ResearchKit.Audio;

namespace ResearchKit.Features;

/// <summary>NeMo log-mel features of one signal.</summary>
/// <param name="Features">(frames × NMels) — NeMo's <c>processed_signal</c> is the transpose. Frames ≥ <paramref name="Length"/>
/// hold <see cref="NeMoMelOptions.PadValue"/>; the frame count is a multiple of <see cref="NeMoMelOptions.PadTo"/>.</param>
/// <param name="Length">Valid frames (NeMo's <c>processed_signal_length</c>).</param>
public sealed record NeMoMelFeatures(double[,] Features, int Length);

/// <summary>
/// NeMo's log-mel front end (<c>FilterbankFeatures.forward</c> in eval mode, the preprocessor of TitaNet and the other NeMo
/// ASR/speaker models): pre-emphasis → centred STFT (symmetric window zero-padded to n_fft) → |X|^mag_power → Slaney mel
/// (librosa filters) → ln(· + 2^-24) → per-feature normalisation over the valid frames → frames beyond the valid length set
/// to pad_value → padded to a multiple of pad_to. Checked against a step-by-step PyTorch re-implementation
/// (tests/fixtures/nemo-mel).
/// </summary>
public static class NeMoMel
{
    /// <summary>The (NMels × n_fft/2+1) mel matrix: <c>librosa.filters.mel(sr, n_fft, n_mels, lowfreq, highfreq, norm=mel_norm)</c>.</summary>
    public static double[,] Filterbank(NeMoMelOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return MelFilterbank.Create(o.EffectiveNFft, o.NMels, o.SampleRate, o.LowFreq, o.HighFreq, MelScale.Slaney, o.MelNorm);
    }

    /// <summary>Computes the features of <paramref name="signal"/>.</summary>
    /// <exception cref="InvalidParameterException">Wrong sample rate, non-finite samples, an invalid option, or a signal too
    /// short for two valid frames (per-feature normalisation needs a standard deviation).</exception>
    public static NeMoMelFeatures Compute(Signal signal, NeMoMelOptions options)
    {
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentNullException.ThrowIfNull(options);
        var o = options;
        o.Validate();
        if (signal.SampleRate != o.SampleRate)
            throw new InvalidParameterException("signal",
                $"the NeMo front end is configured for {o.SampleRate} Hz but the signal is {signal.SampleRate} Hz; resample it first " +
                $"(Resampler.Resample(signal, {o.SampleRate})) or set NeMoMelOptions.SampleRate.");
        var x = signal.Samples;
        KaldiFrontEnd.CheckFinite(x, "signal");
        int length = o.ValidFrames(x.Length);
        int minValid = o.Normalize == NeMoNormalize.PerFeature ? 2 : 1;
        if (length < minValid)
            throw new InvalidParameterException("signal",
                $"{x.Length} samples ({signal.Duration:0.###} s) give {length} valid NeMo frame(s); at least {minValid} are needed " +
                $"(per-feature normalisation needs a standard deviation): give at least {(minValid + (o.DropLastFrame ? 0 : -1)) * o.HopLength} samples.");
        if (o.StftPadMode == PadMode.Reflect && x.Length <= o.EffectiveNFft / 2)
            throw new InvalidParameterException("signal",
                $"{x.Length} samples is too short for the reflect-padded STFT (needs more than n_fft/2 = {o.EffectiveNFft / 2}, as torch.stft does).");

        // Pre-emphasis kept in float64: rounding it to float32 moves near-silent high bins by up to 1.6e-4 after normalisation.
        var y = new double[x.Length];
        double a = o.Preemphasis ?? 0.0;
        y[0] = x[0];
        for (int t = 1; t < x.Length; t++) y[t] = x[t] - a * x[t - 1];

        var stft = new StftFramer(new SpectrogramOptions
        {
            NFft = o.EffectiveNFft, WinLength = o.WinLength, HopLength = o.HopLength, Window = o.Window, PeriodicWindow = false,
            Center = true, PadMode = o.StftPadMode, Power = o.MagPower,
        });
        int frames = stft.CheckSignal(x);
        int nm = o.NMels;
        int padded = o.PadTo > 0 && frames % o.PadTo != 0 ? frames + o.PadTo - frames % o.PadTo : frames;
        var f = new double[padded, nm];
        var fb = new SparseFilterbank(Filterbank(o));
        var spec = new double[o.EffectiveNFft / 2 + 1];
        var mel = new double[nm];
        for (int t = 0; t < length; t++) // frames ≥ length are overwritten with pad_value below: skip them
        {
            stft.Power(y, t, spec);
            fb.Apply(spec, mel);
            for (int m = 0; m < nm; m++)
            {
                double v = mel[m];
                if (o.Log) v = Math.Log(o.LogGuard == NeMoLogGuard.Add ? v + o.LogGuardValue : Math.Max(v, o.LogGuardValue));
                f[t, m] = v;
            }
        }
        if (o.Normalize == NeMoNormalize.PerFeature)
        {
            for (int m = 0; m < nm; m++)
            {
                double mean = 0;
                for (int t = 0; t < length; t++) mean += f[t, m];
                mean /= length;
                double ss = 0;
                for (int t = 0; t < length; t++) { double d = f[t, m] - mean; ss += d * d; }
                double std = Math.Sqrt(ss / (length - 1)) + 1e-5; // unbiased std + NeMo's CONSTANT
                for (int t = 0; t < length; t++) f[t, m] = (f[t, m] - mean) / std;
            }
        }
        if (o.PadValue != 0)
            for (int t = length; t < padded; t++)
                for (int m = 0; m < nm; m++) f[t, m] = o.PadValue;
        return new NeMoMelFeatures(f, length);
    }
}
