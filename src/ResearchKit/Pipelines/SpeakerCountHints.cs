using ResearchKit.Clustering;

namespace ResearchKit.Pipelines;

/// <summary>
/// Turns the user's speaker-count hints (<c>--num-speakers</c>, <c>--min-speakers</c>, <c>--max-speakers</c>) into a
/// <see cref="SpeakerCount"/>, resolved as pyannote.audio 3.1's <c>set_num_speakers</c> (an exact count overrides the
/// bounds; equal bounds mean exact) except that contradictory hints are an error instead of being silently overridden.
/// </summary>
public static class SpeakerCountHints
{
    /// <summary>Validates and combines the hints.</summary>
    /// <exception cref="InvalidParameterException">A value below 1, min &gt; max, or an exact count outside given bounds.</exception>
    public static SpeakerCount Resolve(int? numSpeakers, int? minSpeakers, int? maxSpeakers)
    {
        if (numSpeakers is < 1) throw new InvalidParameterException("--num-speakers", $"must be ≥ 1, got {numSpeakers}.");
        if (minSpeakers is < 1) throw new InvalidParameterException("--min-speakers", $"must be ≥ 1, got {minSpeakers}.");
        if (maxSpeakers is < 1) throw new InvalidParameterException("--max-speakers", $"must be ≥ 1, got {maxSpeakers}.");
        if (minSpeakers is not null && maxSpeakers is not null && minSpeakers > maxSpeakers)
            throw new InvalidParameterException("--min-speakers",
                $"contradictory speaker-count hints: min {minSpeakers} > max {maxSpeakers}; give min ≤ max.");
        if (numSpeakers is int n)
        {
            if ((minSpeakers is not null && n < minSpeakers) || (maxSpeakers is not null && n > maxSpeakers))
                throw new InvalidParameterException("--num-speakers",
                    $"contradictory speaker-count hints: exactly {n} but bounds [{minSpeakers?.ToString() ?? "-"}, {maxSpeakers?.ToString() ?? "-"}]; give either --num-speakers or consistent bounds.");
            return SpeakerCount.Exactly(n);
        }
        return new SpeakerCount(minSpeakers, maxSpeakers);
    }

    /// <summary>
    /// The constraint for clustering <paramref name="numItems"/> items, as pyannote's <c>set_num_clusters</c>: bounds clamped
    /// to [1, numItems] (a hint larger than the number of items cannot be met and is clamped rather than failing).
    /// </summary>
    public static SpeakerCount ForItems(SpeakerCount count, int numItems)
    {
        int lo = Math.Max(1, Math.Min(numItems, count.Min ?? 1));
        int? hi = count.Max is int m ? Math.Max(1, Math.Min(numItems, m)) : null;
        if (hi is int h && lo > h) lo = h;
        return new SpeakerCount(count.Min is null ? null : lo, hi);
    }
}
