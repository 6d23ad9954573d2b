namespace ResearchKit.Features;

/// <summary>
/// Mel spectrogram options (torchaudio <c>transforms.MelSpectrogram</c>, librosa <c>feature.melspectrogram</c>):
/// an STFT (<see cref="Stft"/>) followed by a <see cref="MelFilterbank"/>.
/// </summary>
public sealed record MelSpectrogramOptions
{
    /// <summary>Sample rate in Hz the options are meant for (<c>sample_rate</c>); other rates are rejected.</summary>
    public int SampleRate { get; init; } = 16000;

    /// <summary>The STFT (n_fft, win_length, hop_length, window, center, pad_mode, power).</summary>
    public SpectrogramOptions Stft { get; init; } = new();

    /// <summary>Number of mel filters (<c>n_mels</c>, torchaudio default 128).</summary>
    public int NMels { get; init; } = 128;

    /// <summary>Lowest filter edge in Hz (<c>f_min</c>, default 0).</summary>
    public double FMin { get; init; }

    /// <summary>Highest filter edge in Hz (<c>f_max</c>); null = SampleRate/2.</summary>
    public double? FMax { get; init; }

    /// <summary>Mel scale (<c>mel_scale</c>; torchaudio default HTK, librosa default Slaney).</summary>
    public MelScale MelScale { get; init; } = MelScale.Htk;

    /// <summary>Filter normalisation (<c>norm</c>; torchaudio default none, librosa default Slaney).</summary>
    public MelNorm Norm { get; init; } = MelNorm.None;

    /// <summary>torchaudio.transforms.MelSpectrogram() defaults: 16 kHz, n_fft 400, hop 200, 128 HTK mels, no norm, power 2.</summary>
    public static MelSpectrogramOptions Torchaudio { get; } = new();

    /// <summary>torchaudio MelSpectrogram(16000, n_fft=400, win_length=400, hop_length=160, n_mels=80): 25/10 ms, 80 HTK
    /// mels — the <c>melspec80_htk_*</c> fixtures and the log-mel-80 benchmark.</summary>
    public static MelSpectrogramOptions Torchaudio80 { get; } = new() { NMels = 80, Stft = new SpectrogramOptions { NFft = 400, HopLength = 160 } };

    /// <summary>As <see cref="Torchaudio80"/> with Slaney scale and Slaney area norm (librosa's filters) — <c>melspec80_slaney_*</c>.</summary>
    public static MelSpectrogramOptions Torchaudio80Slaney { get; } = Torchaudio80 with { MelScale = MelScale.Slaney, Norm = MelNorm.Slaney };

    /// <summary>malaya-speech <c>STTFeaturizer</c> geometry with librosa conventions: frame_ms and stride_ms at
    /// <paramref name="sampleRate"/> give win_length and hop, n_fft = next power of two ≥ win_length, periodic Hann
    /// zero-padded centred to n_fft, center/reflect, Slaney mel scale and norm, 0 Hz–Nyquist, power 2.
    /// frame_ms 50, stride_ms 30 at 16 kHz: win 800, hop 480, n_fft 1024; 60 s gives 2001 frames.</summary>
    public static MelSpectrogramOptions Malaya(double frameMs = 50, double strideMs = 30, int nMels = 80, int sampleRate = 16000)
    {
        int win = (int)(sampleRate * frameMs / 1000), hop = (int)(sampleRate * strideMs / 1000);
        if (win < 2 || hop < 1) throw new InvalidParameterException("frame_ms/stride_ms", $"give at least 2 samples per frame and 1 per stride; got {win} and {hop}.");
        int nfft = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)win);
        return new MelSpectrogramOptions
        {
            SampleRate = sampleRate, NMels = nMels, MelScale = MelScale.Slaney, Norm = MelNorm.Slaney,
            Stft = new SpectrogramOptions { NFft = nfft, WinLength = win, HopLength = hop, PadMode = PadMode.Reflect },
        };
    }

    /// <summary>Checks the options; throws <see cref="InvalidParameterException"/> naming the bad one.</summary>
    public void Validate()
    {
        Stft.Validate();
        if (SampleRate <= 0) throw new InvalidParameterException("MelSpectrogramOptions.SampleRate", $"must be > 0, got {SampleRate}.");
        if (NMels < 1) throw new InvalidParameterException("MelSpectrogramOptions.NMels", $"must be ≥ 1, got {NMels}.");
    }
}
