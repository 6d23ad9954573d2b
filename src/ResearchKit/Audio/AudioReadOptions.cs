namespace ResearchKit.Audio;

/// <summary>How several channels become the mono <see cref="Signal"/>.</summary>
public enum ChannelMode
{
    /// <summary>Average all channels (sox <c>remix -</c>, torchaudio <c>mean(dim=0)</c>).</summary>
    Downmix,
    /// <summary>Take the one channel <see cref="AudioReadOptions.Channel"/> (0-based).</summary>
    Select,
    /// <summary>Refuse files with more than one channel.</summary>
    RequireMono,
}

/// <summary>Options of <see cref="AudioFile.Read(string, AudioReadOptions)"/>: channel handling and an optional time range.</summary>
public sealed record AudioReadOptions
{
    /// <summary>How channels are combined (default: average them).</summary>
    public ChannelMode ChannelMode { get; init; } = ChannelMode.Downmix;

    /// <summary>The channel kept with <see cref="ChannelMode.Select"/> (0-based).</summary>
    public int Channel { get; init; }

    /// <summary>Start of the range to read, in seconds (default: file start). Sample index = round(t · rate).</summary>
    public double? StartSeconds { get; init; }

    /// <summary>End of the range to read, in seconds (default: file end); clamped to the file.</summary>
    public double? EndSeconds { get; init; }

    /// <summary>Average all channels, whole file.</summary>
    public static AudioReadOptions Downmix { get; } = new();

    /// <summary>Keep one channel (0-based), whole file.</summary>
    public static AudioReadOptions SelectChannel(int channel) => new() { ChannelMode = ChannelMode.Select, Channel = channel };
}

/// <summary>What a WAV header says about the audio, without reading the samples.</summary>
/// <param name="SampleRate">Sample rate in Hz.</param>
/// <param name="Channels">Number of interleaved channels.</param>
/// <param name="Frames">Number of sample frames (samples per channel).</param>
/// <param name="FormatCode">WAVE format code (1 PCM, 3 IEEE float; the sub-format for WAVE_FORMAT_EXTENSIBLE).</param>
/// <param name="BitsPerSample">Bits per sample (8, 16, 24, 32, 64).</param>
public sealed record AudioInfo(int SampleRate, int Channels, long Frames, int FormatCode, int BitsPerSample)
{
    /// <summary>Duration in seconds.</summary>
    public double Duration => (double)Frames / SampleRate;
}

/// <summary>Sample formats <see cref="AudioFile.WriteWav"/> can write.</summary>
public enum WavSampleFormat
{
    /// <summary>16-bit signed PCM: round(x · 32768) clipped to [−32768, 32767] (the inverse of reading int16 / 32768).</summary>
    Pcm16,
    /// <summary>32-bit IEEE float, samples as they are.</summary>
    Float32,
}
