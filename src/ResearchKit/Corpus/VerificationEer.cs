namespace ResearchKit.Corpus;

/// <summary>
/// Equal error rate of a set of verification trials. The ROC (false-acceptance rate, true-acceptance rate) is built
/// with all trials of equal score accepted together (sklearn's <c>roc_curve</c>), and the EER is where its
/// piecewise-linear curve crosses FAR = 1 − TAR — the same number as the common VoxCeleb recipe
/// <c>brentq(lambda x: 1 - x - interp1d(fpr, tpr)(x), 0, 1)</c>.
/// </summary>
public static class VerificationEer
{
    /// <summary>EER in [0, 1] (a fraction, not percent) and the counts of target / non-target trials.</summary>
    /// <param name="scores">Trial scores, higher = more likely the same speaker (e.g. cosine similarity, or −distance).</param>
    /// <param name="targets">True for same-speaker trials.</param>
    public static (double Eer, int TargetTrials, int NonTargetTrials) Compute(ReadOnlySpan<double> scores, ReadOnlySpan<bool> targets)
    {
        if (scores.Length != targets.Length)
            throw new InvalidParameterException("targets", $"{targets.Length} target flags for {scores.Length} scores; give one per trial.");
        int nt = 0;
        for (int i = 0; i < scores.Length; i++)
        {
            if (double.IsNaN(scores[i]))
                throw new InvalidParameterException("scores", $"trial {i} has a NaN score; check the embeddings.");
            if (targets[i]) nt++;
        }
        int nn = scores.Length - nt;
        if (nt == 0 || nn == 0)
            throw new InvalidParameterException("targets", $"EER needs both target and non-target trials (got {nt} and {nn}); give at least two speakers and one speaker with two utterances.");

        // One ROC sweep serves both EER entry points: Verification.VerificationMetrics.FromScores.
        var target = new List<double>(nt);
        var nontarget = new List<double>(nn);
        for (int i = 0; i < scores.Length; i++) (targets[i] ? target : nontarget).Add(scores[i]);
        return (Verification.VerificationMetrics.FromScores(target, nontarget).Eer, nt, nn);
    }
}
