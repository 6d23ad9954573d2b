namespace ResearchKit.Features;

/// <summary>
/// MFCC the torchaudio/librosa way (torchaudio <c>transforms.MFCC</c>, librosa <c>feature.mfcc</c>): a mel spectrogram,
/// converted to dB (<c>log_mels=False</c>: power_to_db with top_db 80) or natural log (<c>log_mels=True</c>: ln(x + 1e-6)),
/// then an orthonormal DCT-II over the mel axis, optionally liftered. (Kaldi's MFCC is <see cref="KaldiMfcc"/>.)
/// </summary>
public sealed record MelMfccOptions
{
    /// <summary>Number of coefficients kept (<c>n_mfcc</c>, torchaudio default 40).</summary>
    public int NMfcc { get; init; } = 40;

    /// <summary>The mel spectrogram (<c>melkwargs</c>).</summary>
    public MelSpectrogramOptions Mel { get; init; } = new();

    /// <summary>Natural log ln(mel + 1e-6) instead of dB (<c>log_mels</c>, default false).</summary>
    public bool LogMels { get; init; }

    /// <summary>top_db of the dB conversion (torchaudio fixes 80; librosa's mfcc passes top_db=80 too); null = no clamp.</summary>
    public double? TopDb { get; init; } = 80.0;

    /// <summary>Orthonormal DCT-II (<c>norm='ortho'</c>, default true); false = unnormalised DCT-II (2·Σ…).</summary>
    public bool OrthoDct { get; init; } = true;

    /// <summary>librosa's sinusoidal lifter L: c_n ·= 1 + (L/2)·sin(π(n+1)/L); 0 = none (default, torchaudio has none).</summary>
    public double Lifter { get; init; }

    /// <summary>torchaudio.transforms.MFCC() defaults: 40 coefficients of torchaudio's default MelSpectrogram (128 mels).</summary>
    public static MelMfccOptions Torchaudio { get; } = new();

    /// <summary>torchaudio MFCC(16000, n_mfcc=13, melkwargs = 400/160, 80 HTK mels) — the <c>mfcc13_*</c> fixtures.</summary>
    public static MelMfccOptions Torchaudio13 { get; } = new() { NMfcc = 13, Mel = MelSpectrogramOptions.Torchaudio80 };

    /// <summary>Checks the options; throws <see cref="InvalidParameterException"/> naming the bad one.</summary>
    public void Validate()
    {
        Mel.Validate();
        if (NMfcc < 1 || NMfcc > Mel.NMels)
            throw new InvalidParameterException("MelMfccOptions.NMfcc", $"must be in [1, NMels = {Mel.NMels}], got {NMfcc}.");
        if (!(Lifter >= 0)) throw new InvalidParameterException("MelMfccOptions.Lifter", $"must be ≥ 0, got {Lifter}.");
    }
}
