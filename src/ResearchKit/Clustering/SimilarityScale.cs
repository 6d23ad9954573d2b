namespace ResearchKit.Clustering;

/// <summary>Scale a cosine-similarity threshold is expressed on.</summary>
public enum SimilarityScale
{
    /// <summary>Plain cosine similarity in [−1, 1].</summary>
    Cosine,
    /// <summary>malaya-speech's (cos + 1)/2 in [0, 1]: its 0.8 equals cosine 0.6.</summary>
    HalfCosinePlusHalf,
}

/// <summary>Conversions between <see cref="SimilarityScale"/>s.</summary>
public static class SimilarityScales
{
    /// <summary>Maps a cosine similarity onto <paramref name="scale"/>.</summary>
    public static double FromCosine(double cos, SimilarityScale scale) => scale == SimilarityScale.Cosine ? cos : (cos + 1.0) / 2.0;

    /// <summary>Parses "cosine" or "malaya" / "(cos+1)/2".</summary>
    /// <exception cref="InvalidParameterException">Unknown name.</exception>
    public static SimilarityScale Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "cosine" or "cos" => SimilarityScale.Cosine,
        "malaya" or "(cos+1)/2" or "half-cosine" => SimilarityScale.HalfCosinePlusHalf,
        _ => throw new InvalidParameterException("scale", $"'{name}' is not a similarity scale; use 'cosine' or 'malaya' ((cos+1)/2)."),
    };
}
