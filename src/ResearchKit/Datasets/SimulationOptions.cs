namespace ResearchKit.Datasets;

/// <summary>
/// Options of the <see cref="ConversationSimulator"/>. Names and defaults follow ../shared/data/sim-dev/make_sim.py
/// (its command-line flags); <see cref="SimDev"/> is the exact setting sim-dev was generated with.
/// </summary>
public sealed record SimulationOptions
{
    /// <summary>Speakers per conversation, one entry per output file (<c>--spk-counts</c>).</summary>
    public IReadOnlyList<int> SpeakerCounts { get; init; } = [2, 2, 2, 3, 3, 3, 4, 4];

    /// <summary>Minimum conversation duration in seconds (<c>--min-dur</c>).</summary>
    public double MinDuration { get; init; } = 60;

    /// <summary>Maximum (target drawn uniformly in [min, max]) duration in seconds (<c>--max-dur</c>).</summary>
    public double MaxDuration { get; init; } = 70;

    /// <summary>Target ratio overlapped speech / speech (<c>--overlap-target</c>); overlaps are only created while below it.</summary>
    public double OverlapTarget { get; init; } = 0.10;

    /// <summary>Probability that a speaker change overlaps the previous turn when below the target (<c>--p-overlap</c>).</summary>
    public double POverlap { get; init; } = 0.8;

    /// <summary>Probability that the same speaker keeps the floor after a pause (<c>--p-same</c>).</summary>
    public double PSame { get; init; } = 0.15;

    /// <summary>Probability of adding one more consecutive chunk to a turn (<c>--p-continue</c>).</summary>
    public double PContinue { get; init; } = 0.3;

    /// <summary>Probability of a backchannel (short chunk of another speaker) inside a turn longer than 3 s (<c>--p-backchannel</c>).</summary>
    public double PBackchannel { get; init; } = 0.3;

    /// <summary>Pauses inside an utterance shorter than this (seconds) do not split it into chunks (<c>--merge-gap</c>).</summary>
    public double MergeGap { get; init; } = 0.30;

    /// <summary>Per-speaker gain drawn uniformly in ±this many dB (<c>--gain-db</c>).</summary>
    public double GainDb { get; init; } = 3;

    /// <summary>Gaussian noise floor RMS in dBFS so pauses are not digital silence (<c>--noise-dbfs</c>).</summary>
    public double NoiseDbfs { get; init; } = -60;

    /// <summary>Utterance speech RMS after level normalisation, dBFS (make_sim.py: −25).</summary>
    public double SpeechDbfs { get; init; } = -25;

    /// <summary>Seed of the single random generator every decision is drawn from (<c>--seed</c>).</summary>
    public int Seed { get; init; } = 20240601;

    /// <summary>File name prefix; files are &lt;prefix&gt;NN (<c>--prefix</c>).</summary>
    public string Prefix { get; init; } = "sim";

    /// <summary>The sim-dev setting (8 files of 2,2,2,3,3,3,4,4 speakers, 60–70 s, 10 % overlap target, seed 20240601).</summary>
    public static SimulationOptions SimDev { get; } = new() { Prefix = "simdev" };

    /// <summary>Checks ranges; throws <see cref="InvalidParameterException"/> naming the option.</summary>
    public void Validate()
    {
        if (SpeakerCounts.Count == 0 || SpeakerCounts.Any(c => c < 1))
            throw new InvalidParameterException("--spk-counts", "give at least one speaker count, each ≥ 1 (e.g. 2,3,4).");
        if (!(MinDuration > 0) || !(MaxDuration >= MinDuration))
            throw new InvalidParameterException("--min-dur", $"need 0 < min ≤ max, got {MinDuration}..{MaxDuration} s.");
        foreach (var (n, p) in new[] { ("--overlap-target", OverlapTarget), ("--p-overlap", POverlap), ("--p-same", PSame), ("--p-continue", PContinue), ("--p-backchannel", PBackchannel) })
            if (!(p >= 0 && p <= 1)) throw new InvalidParameterException(n, $"must be in [0, 1], got {p}.");
        if (!(GainDb >= 0)) throw new InvalidParameterException("--gain-db", $"must be ≥ 0, got {GainDb}.");
    }
}
