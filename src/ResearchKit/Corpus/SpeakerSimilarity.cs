namespace ResearchKit.Corpus;

/// <summary>The result of <see cref="SpeakerSimilarity.Compute"/>: every number <c>researchkit similarity</c> prints.</summary>
/// <param name="Items">Utterances in matrix order (grouped by speaker).</param>
/// <param name="Embeddings">Their embeddings, row i for item i.</param>
/// <param name="Kind">The distance used.</param>
/// <param name="Distances">N×N distance matrix.</param>
/// <param name="MeanIntra">Mean distance over same-speaker pairs.</param>
/// <param name="MeanInter">Mean distance over different-speaker pairs.</param>
/// <param name="Eer">Verification EER over all pairs (fraction), score = −distance.</param>
/// <param name="TargetTrials">Number of same-speaker pairs.</param>
/// <param name="NonTargetTrials">Number of different-speaker pairs.</param>
public sealed record SpeakerSimilarityReport(IReadOnlyList<LabelledUtterance> Items, float[,] Embeddings, SpeakerDistanceKind Kind,
    double[,] Distances, double MeanIntra, double MeanInter, double Eer, int TargetTrials, int NonTargetTrials)
{
    /// <summary>The matrix printed as the GhostVLAD seed prints it (see <see cref="SpeakerDistances.FormatLikeSeed"/>).</summary>
    public string SeedPrintout => SpeakerDistances.FormatLikeSeed(Distances, LabelledUtterances.GroupSizes(Items));
}

/// <summary>The GhostVLAD seed's speaker-distance workflow over any utterances grouped by person.</summary>
public static class SpeakerSimilarity
{
    /// <summary>Distances, intra/inter means and the all-pairs EER of <paramref name="embeddings"/> (row i = <paramref name="items"/>[i]).</summary>
    public static SpeakerSimilarityReport Compute(IReadOnlyList<LabelledUtterance> items, float[,] embeddings, SpeakerDistanceKind kind = SpeakerDistanceKind.Cosine)
    {
        if (embeddings.GetLength(0) != items.Count)
            throw new InvalidParameterException("embeddings", $"{embeddings.GetLength(0)} embeddings for {items.Count} utterances; give one row per utterance in the same order.");
        var d = SpeakerDistances.Compute(embeddings, kind, items.Select(i => i.Name).ToArray());
        var speakers = items.Select(i => i.Speaker).ToArray();
        var (intra, inter) = SpeakerDistances.MeanIntraInter(d, speakers);
        var (scores, targets) = SpeakerDistances.Trials(d, speakers);
        var (eer, nt, nn) = VerificationEer.Compute(scores, targets);
        return new SpeakerSimilarityReport(items, embeddings, kind, d, intra, inter, eer, nt, nn);
    }
}
