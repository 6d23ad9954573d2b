namespace ResearchKit.Verification;

/// <summary>Result of scoring all trial pairs of a labelled embedding set.</summary>
/// <param name="Eer">Equal error rate in [0, 1] (threshold where miss = false-alarm rate, interpolated on the ROC).</param>
/// <param name="MinDcf">Minimum normalised detection cost at <paramref name="PTarget"/> (C_miss = C_fa = 1).</param>
/// <param name="PTarget">Prior of a target trial used for minDCF.</param>
/// <param name="TargetTrials">Number of same-speaker pairs.</param>
/// <param name="NonTargetTrials">Number of different-speaker pairs.</param>
public sealed record VerificationResult(double Eer, double MinDcf, double PTarget, int TargetTrials, int NonTargetTrials);

/// <summary>
/// Speaker-verification metrics over all pairs i &lt; j of a labelled embedding set, scored by cosine similarity:
/// EER and minDCF as in the NIST SRE / VoxCeleb evaluation scripts (e.g. SpeechBrain's <c>EER</c> and
/// <c>minDCF</c>, Kaldi's <c>compute-eer</c>): the ROC is swept over every score threshold.
/// </summary>
public static class VerificationMetrics
{
    /// <summary>Cosine similarity matrix of the rows of <paramref name="embeddings"/> (N × D).</summary>
    public static double[,] CosineSimilarity(float[,] embeddings)
    {
        int n = embeddings.GetLength(0), d = embeddings.GetLength(1);
        var norms = new double[n];
        for (int i = 0; i < n; i++)
        {
            double s = 0;
            for (int k = 0; k < d; k++) s += (double)embeddings[i, k] * embeddings[i, k];
            norms[i] = Math.Sqrt(s) + 1e-12;
        }
        var c = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = i; j < n; j++)
            {
                double s = 0;
                for (int k = 0; k < d; k++) s += (double)embeddings[i, k] * embeddings[j, k];
                c[i, j] = c[j, i] = s / (norms[i] * norms[j]);
            }
        return c;
    }

    /// <summary>Scores every pair of rows (cosine) and computes EER and minDCF. Needs at least one target and one non-target pair.</summary>
    public static VerificationResult Evaluate(float[,] embeddings, IReadOnlyList<string> labels, double pTarget = 0.01)
    {
        int n = embeddings.GetLength(0);
        if (labels.Count != n)
            throw new InvalidParameterException("labels", $"{labels.Count} labels for {n} embeddings; give one label per row.");
        var sim = CosineSimilarity(embeddings);
        var target = new List<double>();
        var nontarget = new List<double>();
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                (labels[i] == labels[j] ? target : nontarget).Add(sim[i, j]);
        return FromScores(target, nontarget, pTarget);
    }

    /// <summary>EER and minDCF from target and non-target scores (higher = more likely the same speaker).</summary>
    public static VerificationResult FromScores(IReadOnlyList<double> target, IReadOnlyList<double> nontarget, double pTarget = 0.01)
    {
        if (target.Count == 0 || nontarget.Count == 0)
            throw new InvalidParameterException("trials", $"need at least one same-speaker and one different-speaker pair, got {target.Count} and {nontarget.Count}; use at least two speakers with two utterances each.");
        if (!(pTarget > 0 && pTarget < 1))
            throw new InvalidParameterException("pTarget", $"target prior must be in (0, 1), got {pTarget}.");
        // Sweep the threshold from above every score to below every score: at threshold t, accept scores ≥ t.
        var all = target.Select(s => (s, true)).Concat(nontarget.Select(s => (s, false))).OrderByDescending(x => x.s).ToList();
        double nt = target.Count, nn = nontarget.Count;
        int acceptedT = 0, acceptedN = 0;
        double prevMiss = 1, prevFa = 0;
        // DCF normalised by the cost of the best trivial system (accept all or reject all), as NIST defines it.
        double norm = Math.Min(pTarget, 1 - pTarget);
        double eer = double.NaN, minDcf = pTarget / norm;   // reject everything: miss 1, false alarm 0
        for (int i = 0; i < all.Count;)
        {
            double s = all[i].s;
            do   // ties move together; do-while so a NaN score (never equal to itself) still advances
            {
                if (all[i].Item2) acceptedT++; else acceptedN++;
                i++;
            }
            while (i < all.Count && all[i].s == s);
            double miss = 1 - acceptedT / nt, fa = acceptedN / nn;
            double dcf = (pTarget * miss + (1 - pTarget) * fa) / norm;
            if (dcf < minDcf) minDcf = dcf;
            if (double.IsNaN(eer) && fa >= miss)
            {
                // Crossing between the previous and this operating point: interpolate linearly.
                double d0 = prevMiss - prevFa, d1 = miss - fa;
                double a = d0 == d1 ? 0 : d0 / (d0 - d1);
                eer = prevMiss + a * (miss - prevMiss);
            }
            prevMiss = miss;
            prevFa = fa;
        }
        return new VerificationResult(eer, minDcf, pTarget, target.Count, nontarget.Count);
    }
}
