namespace ResearchKit.Features;

/// <summary>
/// Options of Kaldi's log mel filterbank (<c>compute-fbank-feats</c>, <c>torchaudio.compliance.kaldi.fbank</c>).
/// Use a preset and change what differs with <c>with</c>: <c>FbankOptions.Kaldi with { NumMelBins = 40 }</c>.
/// </summary>
public sealed record FbankOptions : KaldiOptions
{
    /// <summary>Creates options with torchaudio.compliance.kaldi.fbank's defaults (23 bins, povey, dither 0).</summary>
    public FbankOptions() { }

    /// <summary>Take the log of the mel energies (<c>--use-log-fbank</c>, <c>use_log_fbank</c>, default true),
    /// floored at FLT_EPSILON: ln(max(e, 1.1920929e-07)).</summary>
    public bool UseLogFbank { get; init; } = true;

    /// <summary>Use the power spectrum |X|² (<c>--use-power</c>, <c>use_power</c>, default true); false uses |X|.</summary>
    public bool UsePower { get; init; } = true;

    /// <summary>Number of output columns: NumMelBins, plus one with <see cref="KaldiOptions.UseEnergy"/>.</summary>
    public int NumFeatures => NumMelBins + (UseEnergy ? 1 : 0);

    /// <summary>Kaldi fbank with 80 bins: torchaudio.compliance.kaldi.fbank(num_mel_bins=80, dither=0) —
    /// 25/10 ms frames, povey window, pre-emphasis 0.97, DC removal, 512-point FFT, 20 Hz–Nyquist, samples at
    /// int16 scale, no energy. The <c>kaldi_fbank80_*</c> fixtures.</summary>
    public static FbankOptions Kaldi { get; } = new() { NumMelBins = 80 };

    /// <summary>The fbank WeSpeaker and pyannote.audio 3.1 (<c>WeSpeakerResNet34</c>, <c>compute_fbank</c>) feed their
    /// embedding models: waveform × 2^15, kaldi.fbank(num_mel_bins=80, frame_length=25, frame_shift=10, dither=0,
    /// sample_frequency=16000, window_type='hamming', use_energy=False), then the mean over time subtracted per bin.</summary>
    public static FbankOptions WeSpeakerFbank80 { get; } = new()
    {
        NumMelBins = 80, WindowType = WindowType.Hamming, SubtractMean = true, WaveformScale = 32768.0,
    };
}
