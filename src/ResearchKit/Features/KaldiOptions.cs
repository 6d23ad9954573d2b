namespace ResearchKit.Features;

/// <summary>
/// Options shared by Kaldi's frame-based features (fbank, MFCC): framing, dither, DC removal, pre-emphasis, window,
/// FFT size, mel banks and energy. Property names are Kaldi's options in PascalCase; each XML doc gives the
/// Kaldi (<c>compute-fbank-feats --…</c>) and torchaudio (<c>torchaudio.compliance.kaldi.*</c>) name.
/// Defaults are torchaudio.compliance.kaldi's, which match Kaldi's binaries except <c>dither</c> (Kaldi 1.0,
/// here 0) and <c>energy_floor</c> (Kaldi 0.0, torchaudio 1.0).
/// </summary>
public abstract record KaldiOptions
{
    /// <summary>Sample rate in Hz the options are meant for (<c>--sample-frequency</c>, <c>sample_frequency</c>);
    /// a signal at another rate is rejected (resample it first).</summary>
    public double SampleFrequency { get; init; } = 16000.0;

    /// <summary>Frame length in milliseconds (<c>--frame-length</c>, <c>frame_length</c>, default 25).</summary>
    public double FrameLengthMs { get; init; } = 25.0;

    /// <summary>Frame shift in milliseconds (<c>--frame-shift</c>, <c>frame_shift</c>, default 10).</summary>
    public double FrameShiftMs { get; init; } = 10.0;

    /// <summary>Gaussian dither added to every sample, in input units (<c>--dither</c>, <c>dither</c>); 0 = none.</summary>
    public double Dither { get; init; }

    /// <summary>Seed of the dither noise generator, so dithered features are reproducible.</summary>
    public int DitherSeed { get; init; }

    /// <summary>Pre-emphasis coefficient (<c>--preemphasis-coefficient</c>, <c>preemphasis_coefficient</c>, default 0.97);
    /// x[i] −= c·x[i−1] with x[−1] = x[0].</summary>
    public double PreemphasisCoefficient { get; init; } = 0.97;

    /// <summary>Subtract each frame's mean before everything else (<c>--remove-dc-offset</c>, <c>remove_dc_offset</c>, default true).</summary>
    public bool RemoveDcOffset { get; init; } = true;

    /// <summary>Window shape (<c>--window-type</c>, <c>window_type</c>, default povey). Kaldi windows are symmetric.</summary>
    public WindowType WindowType { get; init; } = WindowType.Povey;

    /// <summary>Blackman window coefficient (<c>--blackman-coeff</c>, <c>blackman_coeff</c>, default 0.42).</summary>
    public double BlackmanCoeff { get; init; } = 0.42;

    /// <summary>Zero-pad each frame to the next power of two for the FFT (<c>--round-to-power-of-two</c>, default true):
    /// 400 samples → 512-point FFT.</summary>
    public bool RoundToPowerOfTwo { get; init; } = true;

    /// <summary>Only frames that fit entirely in the signal (<c>--snip-edges</c>, <c>snip_edges</c>, default true):
    /// 1 + (N − length) / shift frames. False: (N + shift/2) / shift frames centred on k·shift + shift/2, with the
    /// signal mirrored at both ends.</summary>
    public bool SnipEdges { get; init; } = true;

    /// <summary>Number of triangular mel bins (<c>--num-mel-bins</c>, <c>num_mel_bins</c>).</summary>
    public int NumMelBins { get; init; } = 23;

    /// <summary>Low edge of the mel banks in Hz (<c>--low-freq</c>, <c>low_freq</c>, default 20).</summary>
    public double LowFreq { get; init; } = 20.0;

    /// <summary>High edge of the mel banks in Hz (<c>--high-freq</c>, <c>high_freq</c>, default 0); ≤ 0 means Nyquist + value.</summary>
    public double HighFreq { get; init; }

    /// <summary>VTLN warp factor (<c>--vtln-warp</c>, <c>vtln_warp</c>, default 1.0 = no warping).</summary>
    public double VtlnWarp { get; init; } = 1.0;

    /// <summary>Lower VTLN inflection point in Hz (<c>--vtln-low</c>, <c>vtln_low</c>, default 100).</summary>
    public double VtlnLow { get; init; } = 100.0;

    /// <summary>Upper VTLN inflection point in Hz (<c>--vtln-high</c>, <c>vtln_high</c>, default −500 = Nyquist − 500).</summary>
    public double VtlnHigh { get; init; } = -500.0;

    /// <summary>Add the log frame energy (<c>--use-energy</c>, <c>use_energy</c>; torchaudio default false, Kaldi's
    /// compute-mfcc-feats true). Fbank: an extra column (first, or last with <see cref="HtkCompat"/>); MFCC: replaces c0.</summary>
    public bool UseEnergy { get; init; }

    /// <summary>Floor on the energy, not log (<c>--energy-floor</c>, <c>energy_floor</c>; torchaudio 1.0, Kaldi 0.0):
    /// log energy = max(ln Σx², ln floor); with 0 the floor is ln(FLT_EPSILON) = −15.942385.</summary>
    public double EnergyFloor { get; init; } = 1.0;

    /// <summary>Compute the energy before pre-emphasis and windowing (<c>--raw-energy</c>, <c>raw_energy</c>, default true).</summary>
    public bool RawEnergy { get; init; } = true;

    /// <summary>HTK layout (<c>--htk-compat</c>, <c>htk_compat</c>, default false): energy goes last
    /// (MFCC: c0 moves to the end, times √2 when energy is not used).</summary>
    public bool HtkCompat { get; init; }

    /// <summary>Subtract the mean over time of each feature column (<c>subtract_mean</c>, default false) — what
    /// WeSpeaker and pyannote do before their embedding models.</summary>
    public bool SubtractMean { get; init; }

    /// <summary>Factor applied to the [-1, 1] float samples of a <see cref="Audio.Signal"/> before processing:
    /// 32768 (2^15, the default) gives Kaldi's int16 scale as torchaudio users pass <c>waveform * 32768</c>;
    /// 1 uses the [-1, 1] waveform as is (torchaudio's behaviour when called on <c>torchaudio.load</c> output).</summary>
    public double WaveformScale { get; init; } = 32768.0;

    /// <summary>Frame length in samples: ⌊SampleFrequency · FrameLengthMs · 0.001⌋ (Kaldi WindowSize()).</summary>
    public int WindowSize => (int)(SampleFrequency * FrameLengthMs * 0.001);

    /// <summary>Frame shift in samples (Kaldi WindowShift()).</summary>
    public int WindowShift => (int)(SampleFrequency * FrameShiftMs * 0.001);

    /// <summary>FFT length: <see cref="WindowSize"/>, or the next power of two with <see cref="RoundToPowerOfTwo"/>.</summary>
    public int PaddedWindowSize => RoundToPowerOfTwo ? (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(WindowSize, 1)) : WindowSize;

    /// <summary>Number of frames for a signal of <paramref name="numSamples"/> samples (Kaldi NumFrames()).</summary>
    public int NumFrames(long numSamples)
    {
        int size = WindowSize, shift = WindowShift;
        if (SnipEdges) return numSamples < size ? 0 : (int)(1 + (numSamples - size) / shift);
        return (int)((numSamples + shift / 2) / shift);
    }

    /// <summary>Checks every option; throws <see cref="InvalidParameterException"/> naming the first bad one.</summary>
    public virtual void Validate()
    {
        string t = GetType().Name;
        if (!(SampleFrequency > 0)) Bad(nameof(SampleFrequency), $"must be > 0 Hz, got {SampleFrequency}.");
        if (!(FrameShiftMs > 0) || WindowShift < 1) Bad(nameof(FrameShiftMs), $"must give at least one sample per shift, got {FrameShiftMs} ms.");
        if (!(FrameLengthMs > 0) || WindowSize < 2) Bad(nameof(FrameLengthMs), $"must give at least two samples per frame, got {FrameLengthMs} ms.");
        if (!(Dither >= 0) || double.IsInfinity(Dither)) Bad(nameof(Dither), $"must be ≥ 0, got {Dither}.");
        if (!(PreemphasisCoefficient >= 0 && PreemphasisCoefficient <= 1)) Bad(nameof(PreemphasisCoefficient), $"must be in [0, 1], got {PreemphasisCoefficient}.");
        if (NumMelBins < 3) Bad(nameof(NumMelBins), $"must be ≥ 3 (Kaldi's limit), got {NumMelBins}.");
        double nyq = 0.5 * SampleFrequency, high = HighFreq <= 0 ? nyq + HighFreq : HighFreq;
        if (!(LowFreq >= 0 && LowFreq < nyq)) Bad(nameof(LowFreq), $"must be in [0, Nyquist = {nyq} Hz), got {LowFreq}.");
        if (!(high > 0 && high <= nyq && LowFreq < high)) Bad(nameof(HighFreq), $"gives a high edge of {high} Hz; it must be in ({LowFreq}, {nyq}] Hz.");
        if (!(VtlnWarp > 0)) Bad(nameof(VtlnWarp), $"must be > 0, got {VtlnWarp}.");
        if (VtlnWarp != 1.0)
        {
            double vh = VtlnHigh < 0 ? VtlnHigh + nyq : VtlnHigh;
            if (!(LowFreq < VtlnLow && VtlnLow < high && 0 < vh && vh < high && VtlnLow < vh))
                Bad(nameof(VtlnLow), $"VTLN needs LowFreq < VtlnLow < VtlnHigh < HighFreq; got {VtlnLow} and {vh} Hz.");
        }
        if (!(EnergyFloor >= 0)) Bad(nameof(EnergyFloor), $"must be ≥ 0, got {EnergyFloor}.");
        if (!(WaveformScale > 0) || double.IsInfinity(WaveformScale)) Bad(nameof(WaveformScale), $"must be > 0 (32768 for int16 scale, 1 for [-1, 1]), got {WaveformScale}.");

        void Bad(string name, string what) => throw new InvalidParameterException($"{t}.{name}", what);
    }
}
