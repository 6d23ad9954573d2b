namespace ResearchKit.Pipelines;

/// <summary>
/// The speaker-count hint a pipeline run respects: unknown, exactly n, or between min and max (either bound
/// optional). Resolved as pyannote.audio 3.1's <c>set_num_speakers</c> does (exact overrides the bounds, equal
/// bounds mean exact), except that contradictory hints are an error instead of being silently overridden.
/// </summary>
public sealed record SpeakerCount
{
    private SpeakerCount(int? exact, int? min, int? max) { Exact = exact; Min = min; Max = max; }

    /// <summary>Exact number of speakers, when known.</summary>
    public int? Exact { get; }

    /// <summary>Lower bound, when given.</summary>
    public int? Min { get; }

    /// <summary>Upper bound, when given.</summary>
    public int? Max { get; }

    /// <summary>No hint: the pipeline estimates the count.</summary>
    public static SpeakerCount Unknown { get; } = new(null, null, null);

    /// <summary>Exactly <paramref name="n"/> speakers (CLI <c>--num-speakers</c>).</summary>
    public static SpeakerCount Exactly(int n) => Create(n, null, null);

    /// <summary>Between <paramref name="min"/> and <paramref name="max"/> speakers, bounds inclusive and optional
    /// (CLI <c>--min-speakers</c>, <c>--max-speakers</c>).</summary>
    public static SpeakerCount Between(int? min, int? max) => Create(null, min, max);

    /// <summary>
    /// Validates a combination of hints as the CLI receives them. Errors: a value below 1, min &gt; max, or an exact
    /// count outside given bounds (contradictory hints).
    /// </summary>
    public static SpeakerCount Create(int? exact, int? min, int? max)
    {
        if (exact is < 1) throw new InvalidParameterException("--num-speakers", $"must be ≥ 1, got {exact}.");
        if (min is < 1) throw new InvalidParameterException("--min-speakers", $"must be ≥ 1, got {min}.");
        if (max is < 1) throw new InvalidParameterException("--max-speakers", $"must be ≥ 1, got {max}.");
        if (min is not null && max is not null && min > max)
            throw new InvalidParameterException("--min-speakers", $"contradictory speaker-count hints: min {min} > max {max}; give min ≤ max.");
        if (exact is not null && ((min is not null && exact < min) || (max is not null && exact > max)))
            throw new InvalidParameterException("--num-speakers",
                $"contradictory speaker-count hints: exactly {exact} but bounds [{min?.ToString() ?? "-"}, {max?.ToString() ?? "-"}]; give either --num-speakers or consistent bounds.");
        if (exact is null && min is not null && min == max) return new SpeakerCount(min, min, max);
        return new SpeakerCount(exact, exact ?? min, exact ?? max);
    }

    /// <summary>Lower bound for clustering over <paramref name="numItems"/> items (pyannote's <c>set_num_clusters</c>: clamp to [1, numItems]).</summary>
    public int MinClusters(int numItems) => Math.Max(1, Math.Min(numItems, Exact ?? Min ?? 1));

    /// <summary>Upper bound for clustering over <paramref name="numItems"/> items (clamped to [1, numItems]).</summary>
    public int MaxClusters(int numItems) => Math.Max(1, Math.Min(numItems, Exact ?? Max ?? numItems));

    /// <summary>The number of clusters to force for <paramref name="numItems"/> items, or null to let the threshold decide.</summary>
    public int? ForcedClusters(int numItems) =>
        MinClusters(numItems) == MaxClusters(numItems) ? MinClusters(numItems) : null;

    /// <summary>Clamps an estimated count into the bounds.</summary>
    public int Clamp(int estimated, int numItems) => Math.Clamp(estimated, MinClusters(numItems), MaxClusters(numItems));

    /// <inheritdoc />
    public override string ToString() =>
        Exact is not null ? $"exactly {Exact}" : (Min, Max) switch
        {
            (null, null) => "unknown",
            _ => $"between {Min?.ToString() ?? "1"} and {Max?.ToString() ?? "∞"}",
        };
}
