using ResearchKit.Audio;

namespace ResearchKit.Features;

/// <summary>
/// Kaldi-compatible log mel filterbank features (Kaldi <c>compute-fbank-feats</c>, torchaudio
/// <c>torchaudio.compliance.kaldi.fbank</c>), checked against torchaudio 0.13 in tests/fixtures/features.
/// </summary>
public static class KaldiFbank
{
    /// <summary>
    /// Computes fbank features as a (frames × features) float32 matrix; features = NumMelBins, plus the log-energy
    /// column first (or last with HtkCompat) when UseEnergy. Computed in float64, rounded at the end.
    /// </summary>
    /// <param name="signal">Mono signal at <see cref="KaldiOptions.SampleFrequency"/>, samples in [-1, 1]
    /// (scaled by <see cref="KaldiOptions.WaveformScale"/>, 32768 by default).</param>
    /// <param name="options">Options, e.g. <see cref="FbankOptions.Kaldi"/> or <see cref="FbankOptions.WeSpeakerFbank80"/>.</param>
    /// <exception cref="InvalidParameterException">Sample-rate mismatch, non-finite samples, a signal shorter than
    /// one frame, or an invalid option.</exception>
    public static float[,] Compute(Signal signal, FbankOptions options) => KaldiFrontEnd.ToFloat(ComputeDouble(signal, options));

    /// <summary>As <see cref="Compute"/> but returns the float64 result (for parity checks and further float64 processing).</summary>
    public static double[,] ComputeDouble(Signal signal, FbankOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var fe = new KaldiFrontEnd(options);
        int frames = KaldiFrontEnd.CheckSignal(signal, options, "Kaldi fbank");
        int bins = options.NumMelBins, cols = options.NumFeatures;
        int melOffset = options.UseEnergy && !options.HtkCompat ? 1 : 0;
        int energyCol = options.UseEnergy ? (options.HtkCompat ? bins : 0) : -1;
        var result = new double[frames, cols];
        var spec = new double[fe.SpectrumBins];
        var mel = new double[bins];
        var x = signal.Samples;
        for (int f = 0; f < frames; f++)
        {
            double e = fe.Process(x, f, spec, options.UsePower);
            fe.MelBanks.Apply(spec, mel);
            for (int b = 0; b < bins; b++)
            {
                double v = mel[b];
                result[f, melOffset + b] = options.UseLogFbank ? Math.Log(Math.Max(v, KaldiFrontEnd.Epsilon)) : v;
            }
            if (energyCol >= 0) result[f, energyCol] = e;
        }
        if (options.SubtractMean) KaldiFrontEnd.SubtractColumnMean(result);
        return result;
    }
}
