namespace ResearchKit.Features;

/// <summary>How <see cref="LogMel"/> compresses the mel energies.</summary>
public enum LogMelCompression
{
    /// <summary>ln(max(mel + Offset, Floor)).</summary>
    NaturalLog,
    /// <summary>librosa power_to_db(mel, ref = 1, amin, top_db).</summary>
    Decibel,
}

/// <summary>Log-mel spectrogram options: a mel spectrogram followed by a log compression.</summary>
public sealed record LogMelOptions
{
    /// <summary>The mel spectrogram.</summary>
    public MelSpectrogramOptions Mel { get; init; } = MelSpectrogramOptions.Torchaudio80;

    /// <summary>Natural log or decibels.</summary>
    public LogMelCompression Compression { get; init; } = LogMelCompression.NaturalLog;

    /// <summary>Added before the natural log (malaya: 1e-20 so silent frames stay finite).</summary>
    public double Offset { get; init; } = 1e-6;

    /// <summary>Floor applied before the natural log (after the offset).</summary>
    public double Floor { get; init; }

    /// <summary>amin of the dB conversion (librosa 1e-10).</summary>
    public double Amin { get; init; } = 1e-10;

    /// <summary>top_db of the dB conversion (librosa 80); null = no clamp.</summary>
    public double? TopDb { get; init; } = 80.0;

    /// <summary>ln(MelSpectrogram(16 kHz, 400/160, 80 HTK mels) + 1e-6): the common torchaudio log-mel.</summary>
    public static LogMelOptions Torchaudio80 { get; } = new();

    /// <summary>malaya-speech <c>STTFeaturizer</c> log-mel (frame_ms 50, stride_ms 30, 80 Slaney mels, librosa conventions):
    /// ln(mel(|STFT|²) + 1e-20). 60 s at 16 kHz gives 2001 × 80. See <see cref="MelSpectrogramOptions.Malaya"/>.</summary>
    public static LogMelOptions MalayaSttFeaturizer { get; } = Malaya();

    /// <summary>The malaya log-mel with librosa power_to_db(ref 1, amin 1e-10, top_db 80) instead of ln, as the
    /// TensorFlowASR-derived numpy featurizers compute it.</summary>
    public static LogMelOptions MalayaSttFeaturizerDb { get; } = Malaya() with { Compression = LogMelCompression.Decibel };

    /// <summary>The malaya geometry for any frame_ms / stride_ms (natural log, offset 1e-20).</summary>
    public static LogMelOptions Malaya(double frameMs = 50, double strideMs = 30, int nMels = 80, int sampleRate = 16000) =>
        new() { Mel = MelSpectrogramOptions.Malaya(frameMs, strideMs, nMels, sampleRate), Offset = 1e-20 };
}
