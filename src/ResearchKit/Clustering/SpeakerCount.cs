namespace ResearchKit.Clustering;

/// <summary>What is known about the number of clusters (speakers): nothing, an exact number, or a range.</summary>
/// <param name="Min">Smallest allowed number of clusters, or null when unconstrained.</param>
/// <param name="Max">Largest allowed number of clusters, or null when unconstrained.</param>
public sealed record SpeakerCount(int? Min, int? Max)
{
    /// <summary>No constraint: the method's own stopping rule (threshold, eigengap…) decides.</summary>
    public static SpeakerCount Unknown { get; } = new(null, null);

    /// <summary>Exactly <paramref name="n"/> clusters.</summary>
    public static SpeakerCount Exactly(int n) => new(n, n);

    /// <summary>Between <paramref name="min"/> and <paramref name="max"/> clusters, inclusive.</summary>
    public static SpeakerCount Between(int min, int max) => new(min, max);

    /// <summary>True when <see cref="Min"/> equals <see cref="Max"/>.</summary>
    public bool IsExact => Min is not null && Min == Max;

    /// <summary>Checks the constraint against <paramref name="n"/> items.</summary>
    /// <exception cref="InvalidParameterException">min &gt; max, a bound below 1, or more clusters than items.</exception>
    public void Validate(int n)
    {
        if (Min is < 1) throw new InvalidParameterException("min", $"is {Min}; the number of clusters must be at least 1.");
        if (Max is < 1) throw new InvalidParameterException("max", $"is {Max}; the number of clusters must be at least 1.");
        if (Min is not null && Max is not null && Min > Max)
            throw new InvalidParameterException("min", $"min ({Min}) is greater than max ({Max}); swap them or give --num-clusters.");
        if (Min is not null && Min > n)
            throw new InvalidParameterException(IsExact ? "num-clusters" : "min",
                $"asks for {Min} clusters but there are only {n} items; ask for at most {n}.");
    }

    /// <summary>Clamps <paramref name="k"/> into the allowed range.</summary>
    public int Clamp(int k) => Math.Max(Min ?? 1, Math.Min(Max ?? int.MaxValue, k));
}
