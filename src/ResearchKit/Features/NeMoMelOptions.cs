namespace ResearchKit.Features;

/// <summary>Feature normalisation of <see cref="NeMoMel"/> (NeMo <c>normalize</c>).</summary>
public enum NeMoNormalize
{
    /// <summary>No normalisation (<c>normalize: null</c>).</summary>
    None,
    /// <summary>Each mel bin minus its mean over the valid frames, divided by (unbiased std + 1e-5) (<c>"per_feature"</c>).</summary>
    PerFeature,
}

/// <summary>How <see cref="NeMoMel"/> keeps the log away from zero (NeMo <c>log_zero_guard_type</c>).</summary>
public enum NeMoLogGuard
{
    /// <summary>ln(mel + guard) (<c>"add"</c>, NeMo's default).</summary>
    Add,
    /// <summary>ln(max(mel, guard)) (<c>"clamp"</c>).</summary>
    Clamp,
}

/// <summary>
/// Options of NeMo's log-mel front end (<c>AudioToMelSpectrogramPreprocessor</c> → <c>FilterbankFeatures</c>,
/// nemo/collections/asr/parts/preprocessing/features.py), in eval mode: dither and narrow-band augmentation only run
/// while training, so they are not options here; <c>frame_splicing</c> 1 and <c>exact_pad</c> false are fixed.
/// Sizes are in samples (NeMo converts <c>window_size</c>/<c>window_stride</c> seconds with <c>int(s · sample_rate)</c>).
/// </summary>
public sealed record NeMoMelOptions
{
    /// <summary>Sample rate in Hz (<c>sample_rate</c>); other rates are rejected.</summary>
    public int SampleRate { get; init; } = 16000;

    /// <summary>Window length in samples (<c>n_window_size</c> = int(window_size · sample_rate)).</summary>
    public int WinLength { get; init; } = 400;

    /// <summary>Hop in samples (<c>n_window_stride</c>).</summary>
    public int HopLength { get; init; } = 160;

    /// <summary>FFT length (<c>n_fft</c>); null = the next power of two ≥ <see cref="WinLength"/>, as NeMo does.</summary>
    public int? NFft { get; init; } = 512;

    /// <summary>Window shape (<c>window</c>); NeMo builds it with <c>periodic=False</c> (symmetric) and zero-pads it
    /// centred to n_fft, as torch.stft does.</summary>
    public WindowType Window { get; init; } = WindowType.Hann;

    /// <summary>Pre-emphasis coefficient (<c>preemph</c>): y[0] = x[0], y[t] = x[t] − a·x[t−1]; null = none.</summary>
    public double? Preemphasis { get; init; } = 0.97;

    /// <summary>Number of mel filters (<c>features</c> / <c>nfilt</c>).</summary>
    public int NMels { get; init; } = 80;

    /// <summary>Lowest filter edge in Hz (<c>lowfreq</c>).</summary>
    public double LowFreq { get; init; }

    /// <summary>Highest filter edge in Hz (<c>highfreq</c>); null = SampleRate/2.</summary>
    public double? HighFreq { get; init; }

    /// <summary>Mel filter normalisation (<c>mel_norm</c>, default Slaney). The scale is always Slaney: NeMo calls
    /// <c>librosa.filters.mel</c> with its default <c>htk=False</c>.</summary>
    public MelNorm MelNorm { get; init; } = MelNorm.Slaney;

    /// <summary>Exponent applied to |STFT| (<c>mag_power</c>, 2 = power).</summary>
    public double MagPower { get; init; } = 2.0;

    /// <summary>Take the log (<c>log</c>).</summary>
    public bool Log { get; init; } = true;

    /// <summary>Zero guard of the log (<c>log_zero_guard_type</c>).</summary>
    public NeMoLogGuard LogGuard { get; init; } = NeMoLogGuard.Add;

    /// <summary>Zero guard value (<c>log_zero_guard_value</c>, 2^-24).</summary>
    public double LogGuardValue { get; init; } = 1.0 / (1 << 24);

    /// <summary>Normalisation (<c>normalize</c>).</summary>
    public NeMoNormalize Normalize { get; init; } = NeMoNormalize.PerFeature;

    /// <summary>Output frames are padded with <see cref="PadValue"/> to a multiple of this (<c>pad_to</c>; 0 = none).</summary>
    public int PadTo { get; init; } = 16;

    /// <summary>Value of frames beyond the valid length and of the <see cref="PadTo"/> padding (<c>pad_value</c>).</summary>
    public double PadValue { get; init; }

    /// <summary>Edge padding of the centred STFT. NeMo ≥ 2.5 passes <c>pad_mode="constant"</c> (zeros); NeMo ≤ 2.4 used
    /// torch.stft's default reflect padding.</summary>
    public PadMode StftPadMode { get; init; } = PadMode.Constant;

    /// <summary>NeMo ≥ 2.5 counts ⌊(N + 2⌊n_fft/2⌋ − n_fft)/hop⌋ valid frames, i.e. the last of the 1 + ⌊N/hop⌋ centred
    /// STFT frames is treated as padding (zeroed, left out of the normalisation statistics); NeMo ≤ 2.4 added 1 and kept it.</summary>
    public bool DropLastFrame { get; init; } = true;

    /// <summary>TitaNet's preprocessor (titanet-large.yaml: 16 kHz, window 0.025 s → 400, stride 0.01 s → 160, hann,
    /// n_fft 512, 80 Slaney mels, per_feature, preemph 0.97, ln(· + 2^-24), pad_to 16) with NeMo ≥ 2.5 conventions
    /// (zero-padded STFT edges, last frame dropped; NeMo PR #13827).</summary>
    public static NeMoMelOptions TitaNet { get; } = new();

    /// <summary>As <see cref="TitaNet"/> with NeMo ≤ 2.4 conventions (reflect-padded STFT edges, all 1 + ⌊N/hop⌋
    /// frames valid): the front end the published TitaNet checkpoints were trained with.</summary>
    public static NeMoMelOptions TitaNetNeMo24 { get; } = new() { StftPadMode = PadMode.Reflect, DropLastFrame = false };

    /// <summary>The effective FFT length.</summary>
    public int EffectiveNFft => NFft ?? (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, WinLength));

    /// <summary>Valid frames for <paramref name="numSamples"/> samples (NeMo <c>get_seq_len</c>).</summary>
    public int ValidFrames(long numSamples)
    {
        int nfft = EffectiveNFft;
        long v = Math.DivRem(numSamples + nfft / 2 * 2 - nfft, HopLength).Quotient;
        return (int)Math.Max(0, DropLastFrame ? v : v + 1);
    }

    /// <summary>Checks the options; throws <see cref="InvalidParameterException"/> naming the bad one.</summary>
    public void Validate()
    {
        if (SampleRate <= 0) throw new InvalidParameterException("NeMoMelOptions.SampleRate", $"must be > 0 Hz, got {SampleRate}.");
        if (WinLength < 2) throw new InvalidParameterException("NeMoMelOptions.WinLength", $"must be ≥ 2 samples, got {WinLength}.");
        if (HopLength < 1) throw new InvalidParameterException("NeMoMelOptions.HopLength", $"must be ≥ 1 sample, got {HopLength}.");
        if (EffectiveNFft < WinLength)
            throw new InvalidParameterException("NeMoMelOptions.NFft", $"must be ≥ WinLength = {WinLength}, got {EffectiveNFft}.");
        if (NMels < 1) throw new InvalidParameterException("NeMoMelOptions.NMels", $"must be ≥ 1, got {NMels}.");
        if (!(MagPower > 0)) throw new InvalidParameterException("NeMoMelOptions.MagPower", $"must be > 0, got {MagPower}.");
        if (Log && !(LogGuardValue > 0))
            throw new InvalidParameterException("NeMoMelOptions.LogGuardValue", $"must be > 0 when Log is set, got {LogGuardValue}.");
        if (PadTo < 0) throw new InvalidParameterException("NeMoMelOptions.PadTo", $"must be ≥ 0 (0 = no padding), got {PadTo}.");
    }
}
