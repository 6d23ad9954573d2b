namespace ResearchKit.Features;

/// <summary>How frames are padded at the signal edges when <see cref="SpectrogramOptions.Center"/> is set (torch <c>pad_mode</c>).</summary>
public enum PadMode
{
    /// <summary>Mirror without repeating the edge sample (numpy/torch "reflect"): x[−k] = x[k].</summary>
    Reflect,
    /// <summary>Zeros (librosa ≥ 0.9's default "constant").</summary>
    Constant,
    /// <summary>Repeat the edge sample ("replicate" / numpy "edge").</summary>
    Replicate,
}

/// <summary>
/// Short-time Fourier transform options (torchaudio <c>transforms.Spectrogram</c>, <c>torch.stft</c>, librosa <c>stft</c>).
/// Sizes are in samples. Window of <see cref="WinLength"/> samples, zero-padded centred to <see cref="NFft"/>.
/// </summary>
public sealed record SpectrogramOptions
{
    /// <summary>FFT length (<c>n_fft</c>, torchaudio default 400).</summary>
    public int NFft { get; init; } = 400;

    /// <summary>Window length (<c>win_length</c>); null = NFft.</summary>
    public int? WinLength { get; init; }

    /// <summary>Hop between frames (<c>hop_length</c>); null = WinLength / 2 (torchaudio's default), librosa uses WinLength / 4.</summary>
    public int? HopLength { get; init; }

    /// <summary>Window shape (<c>window_fn</c>, default Hann).</summary>
    public WindowType Window { get; init; } = WindowType.Hann;

    /// <summary>Periodic window (torch <c>hann_window(periodic=True)</c>, scipy <c>fftbins=True</c>; default true).</summary>
    public bool PeriodicWindow { get; init; } = true;

    /// <summary>Pad NFft/2 samples at both ends so frame t is centred on sample t·hop (<c>center</c>, default true).</summary>
    public bool Center { get; init; } = true;

    /// <summary>Padding used with <see cref="Center"/> (<c>pad_mode</c>, default reflect).</summary>
    public PadMode PadMode { get; init; } = PadMode.Reflect;

    /// <summary>Exponent of the magnitude (<c>power</c>): 2 = power spectrogram (default), 1 = magnitude.</summary>
    public double Power { get; init; } = 2.0;

    /// <summary>Divide the STFT by the window's L2 norm (<c>normalized</c>, default false).</summary>
    public bool Normalized { get; init; }

    /// <summary>The effective window length.</summary>
    public int EffectiveWinLength => WinLength ?? NFft;

    /// <summary>The effective hop.</summary>
    public int EffectiveHopLength => HopLength ?? EffectiveWinLength / 2;

    /// <summary>Number of frequency bins, NFft/2 + 1.</summary>
    public int NumBins => NFft / 2 + 1;

    /// <summary>torchaudio.transforms.Spectrogram() defaults: n_fft 400, win 400, hop 200, periodic Hann, center, reflect, power 2.</summary>
    public static SpectrogramOptions Torchaudio { get; } = new();

    /// <summary>Number of frames for <paramref name="numSamples"/> samples: 1 + N/hop when centred, else 1 + (N − NFft)/hop.</summary>
    public int NumFrames(long numSamples)
    {
        int hop = EffectiveHopLength;
        if (Center) return (int)(1 + numSamples / hop);
        return numSamples < NFft ? 0 : (int)(1 + (numSamples - NFft) / hop);
    }

    /// <summary>Checks the options; throws <see cref="InvalidParameterException"/> naming the bad one.</summary>
    public void Validate()
    {
        if (NFft < 2) throw new InvalidParameterException("SpectrogramOptions.NFft", $"must be ≥ 2, got {NFft}.");
        if (EffectiveWinLength < 1 || EffectiveWinLength > NFft)
            throw new InvalidParameterException("SpectrogramOptions.WinLength", $"must be in [1, NFft = {NFft}], got {EffectiveWinLength}.");
        if (EffectiveHopLength < 1) throw new InvalidParameterException("SpectrogramOptions.HopLength", $"must be ≥ 1, got {EffectiveHopLength}.");
        if (!(Power > 0)) throw new InvalidParameterException("SpectrogramOptions.Power", $"must be > 0 (1 magnitude, 2 power), got {Power}.");
    }
}
