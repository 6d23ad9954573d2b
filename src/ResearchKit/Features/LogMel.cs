using ResearchKit.Audio;

namespace ResearchKit.Features;

/// <summary>Log-mel spectrograms (see <see cref="LogMelOptions"/>), float64, layout (frames × n_mels).</summary>
public static class LogMel
{
    /// <summary>The log-mel spectrogram of <paramref name="signal"/>.</summary>
    public static double[,] Compute(Signal signal, LogMelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var mel = MelSpectrogram.Compute(signal, options.Mel);
        return options.Compression == LogMelCompression.NaturalLog
            ? LogScale.NaturalLog(mel, options.Floor, options.Offset)
            : LogScale.PowerToDb(mel, 1.0, options.Amin, options.TopDb);
    }
}
