namespace ResearchKit.Verification;

/// <summary>
/// Ranges of the random recording channel <see cref="ChannelSimulator"/> draws per utterance: equalisation (peaking
/// biquads, RBJ Audio EQ Cookbook), reverberation (exponentially decaying noise impulse response) and additive noise.
/// </summary>
public sealed record ChannelOptions
{
    /// <summary>Number of random peaking-EQ bands.</summary>
    public int EqBands { get; init; } = 3;

    /// <summary>Largest EQ gain magnitude per band in dB (gains uniform in ±this).</summary>
    public double EqMaxGainDb { get; init; } = 10;

    /// <summary>Probability of applying reverberation.</summary>
    public double ReverbProbability { get; init; } = 0.7;

    /// <summary>RT60 range in seconds of the synthetic impulse response.</summary>
    public (double Min, double Max) Rt60Seconds { get; init; } = (0.15, 0.6);

    /// <summary>Signal-to-noise ratio range in dB of the additive noise.</summary>
    public (double Min, double Max) SnrDb { get; init; } = (10, 20);

    /// <summary>Output gain range in dB.</summary>
    public (double Min, double Max) GainDb { get; init; } = (-6, 6);

    /// <summary>The evaluation channel of <c>eval-embedding --channel-randomise</c>: EQ, reverberation, noise at 10–20 dB SNR.</summary>
    public static ChannelOptions Evaluation { get; } = new();

    /// <summary>Training augmentation: the same kinds of channel, wider noise range (5–30 dB), applied with random strength.</summary>
    public static ChannelOptions Augmentation { get; } = new() { SnrDb = (5, 30), ReverbProbability = 0.5 };
}
