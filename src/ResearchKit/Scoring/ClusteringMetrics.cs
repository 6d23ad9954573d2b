namespace ResearchKit.Scoring;

/// <summary>How <see cref="ClusteringMetrics.NormalizedMutualInformation(long[,], NmiAverage)"/> normalises MI.</summary>
public enum NmiAverage
{
    /// <summary>(H(truth) + H(predicted)) / 2: scikit-learn's default (<c>average_method="arithmetic"</c>).</summary>
    Arithmetic,
    /// <summary>sqrt(H(truth)·H(predicted)): dscore's NMI (<c>norm_method="sqrt"</c>) and scikit-learn's "geometric".</summary>
    Geometric,
    /// <summary>min(H(truth), H(predicted)).</summary>
    Min,
    /// <summary>max(H(truth), H(predicted)).</summary>
    Max,
}

/// <summary>
/// Agreement between a reference labelling and a predicted labelling of the same items (utterances, frames,
/// embeddings): adjusted Rand index and NMI as scikit-learn 1.2 computes them (<c>adjusted_rand_score</c>,
/// <c>normalized_mutual_info_score</c>), B-cubed precision/recall/F1 as dscore computes them (Bagga &amp; Baldwin
/// 1998, item-weighted). Label values are arbitrary; only the partition matters.
/// </summary>
public static class ClusteringMetrics
{
    /// <summary>Contingency matrix: rows = distinct truth labels, columns = distinct predicted labels (first-seen order).</summary>
    public static long[,] Contingency<T>(IReadOnlyList<T> truth, IReadOnlyList<T> predicted) where T : notnull
    {
        if (truth.Count != predicted.Count)
            throw new InvalidParameterException("predicted", $"has {predicted.Count} labels but truth has {truth.Count}; label the same items.");
        var ri = new Dictionary<T, int>();
        var ci = new Dictionary<T, int>();
        var pairs = new (int, int)[truth.Count];
        for (int k = 0; k < truth.Count; k++)
        {
            if (!ri.TryGetValue(truth[k], out int r)) ri[truth[k]] = r = ri.Count;
            if (!ci.TryGetValue(predicted[k], out int c)) ci[predicted[k]] = c = ci.Count;
            pairs[k] = (r, c);
        }
        var cm = new long[ri.Count, ci.Count];
        foreach (var (r, c) in pairs) cm[r, c]++;
        return cm;
    }

    /// <summary>Adjusted Rand index (scikit-learn <c>adjusted_rand_score</c>): 1 for identical partitions, about 0 for random ones.</summary>
    public static double AdjustedRandIndex<T>(IReadOnlyList<T> truth, IReadOnlyList<T> predicted) where T : notnull =>
        AdjustedRandIndex(Contingency(truth, predicted));

    /// <summary>Adjusted Rand index from a contingency matrix (pair-confusion form, as scikit-learn ≥ 1.0).</summary>
    public static double AdjustedRandIndex(long[,] cm)
    {
        var (rows, cols, n) = Margins(cm);
        int nr = rows.Length, nc = cols.Length;
        double sumSquares = 0, rowDot = 0, colDot = 0;
        for (int i = 0; i < nr; i++)
            for (int j = 0; j < nc; j++) sumSquares += (double)cm[i, j] * cm[i, j];
        for (int i = 0; i < nr; i++)
            for (int j = 0; j < nc; j++) { rowDot += cm[i, j] * cols[j]; colDot += cm[i, j] * rows[i]; }
        double tp = sumSquares - n, fp = rowDot - sumSquares, fn = colDot - sumSquares, tn = n * n - fp - fn - sumSquares;
        if (fn == 0 && fp == 0) return 1.0;
        return 2.0 * (tp * tn - fn * fp) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
    }

    /// <summary>Mutual information of a contingency matrix, in nats (<paramref name="logBase"/> = e) or bits (2).</summary>
    public static double MutualInformation(long[,] cm, double logBase = Math.E)
    {
        var (rows, cols, n) = Margins(cm);
        int nr = rows.Length, nc = cols.Length;
        double mi = 0;
        for (int i = 0; i < nr; i++)
            for (int j = 0; j < nc; j++)
                if (cm[i, j] > 0)
                {
                    double v = cm[i, j], term = v / n * (Math.Log(v) - Math.Log(rows[i] * cols[j]) + Math.Log(n));
                    if (Math.Abs(term) >= 2.220446049250313e-16) mi += term;   // scikit-learn zeroes |term| < machine eps
                }
        return Math.Max(mi, 0.0) / Math.Log(logBase);
    }

    /// <summary>Normalised mutual information in [0, 1] (scikit-learn <c>normalized_mutual_info_score</c>;
    /// <see cref="NmiAverage.Geometric"/> reproduces dscore's NMI). Both partitions trivial (one class each) → 1;
    /// MI = 0 otherwise → 0.</summary>
    public static double NormalizedMutualInformation<T>(IReadOnlyList<T> truth, IReadOnlyList<T> predicted, NmiAverage average = NmiAverage.Arithmetic) where T : notnull =>
        NormalizedMutualInformation(Contingency(truth, predicted), average);

    /// <inheritdoc cref="NormalizedMutualInformation{T}(IReadOnlyList{T}, IReadOnlyList{T}, NmiAverage)"/>
    public static double NormalizedMutualInformation(long[,] cm, NmiAverage average = NmiAverage.Arithmetic)
    {
        int nr = NonEmpty(cm, rows: true), nc = NonEmpty(cm, rows: false);
        if ((nr == 1 && nc == 1) || (nr == 0 && nc == 0)) return 1.0;
        if ((nr == 1) != (nc == 1)) return 0.0;   // one side unsplit: MI is 0 by definition (dscore's special case)
        double mi = MutualInformation(cm);
        if (mi == 0) return 0.0;
        double ht = Entropy(cm, rows: true), hp = Entropy(cm, rows: false);
        double norm = average switch
        {
            NmiAverage.Geometric => Math.Sqrt(ht * hp),
            NmiAverage.Min => Math.Min(ht, hp),
            NmiAverage.Max => Math.Max(ht, hp),
            _ => 0.5 * (ht + hp),
        };
        return Math.Clamp(mi / norm, 0.0, 1.0);
    }

    private static int NonEmpty(long[,] cm, bool rows)
    {
        int count = 0;
        for (int a = 0; a < cm.GetLength(rows ? 0 : 1); a++)
        {
            long s = 0;
            for (int b = 0; b < cm.GetLength(rows ? 1 : 0); b++) s += rows ? cm[a, b] : cm[b, a];
            if (s > 0) count++;
        }
        return count;
    }

    private static double Entropy(long[,] cm, bool rows)
    {
        int na = cm.GetLength(rows ? 0 : 1), nb = cm.GetLength(rows ? 1 : 0);
        var m = new double[na];
        double n = 0;
        for (int a = 0; a < na; a++)
            for (int b = 0; b < nb; b++) { m[a] += rows ? cm[a, b] : cm[b, a]; n += rows ? cm[a, b] : cm[b, a]; }
        double h = 0;
        foreach (var v in m) if (v > 0) h -= v / n * Math.Log(v / n);
        return Math.Max(h, 0.0);
    }

    /// <summary>B-cubed precision, recall and F1 (Bagga &amp; Baldwin 1998; dscore <c>metrics.bcubed</c>): per item, the
    /// share of items with its predicted label that share its truth label (precision) and vice versa, averaged over items.</summary>
    public static (double Precision, double Recall, double F1) BCubed<T>(IReadOnlyList<T> truth, IReadOnlyList<T> predicted) where T : notnull =>
        BCubed(Contingency(truth, predicted));

    /// <inheritdoc cref="BCubed{T}(IReadOnlyList{T}, IReadOnlyList{T})"/>
    public static (double Precision, double Recall, double F1) BCubed(long[,] cm)
    {
        var (rows, cols, n) = Margins(cm);
        int nr = rows.Length, nc = cols.Length;
        if (n == 0) throw new InvalidParameterException("labels", "no items to compare.");
        double p = 0, r = 0;
        for (int i = 0; i < nr; i++)
            for (int j = 0; j < nc; j++)
                if (cm[i, j] > 0)
                {
                    double v = cm[i, j];
                    p += v / n * (v / cols[j]);
                    r += v / n * (v / rows[i]);
                }
        return (p, r, 2 * p * r / (p + r));
    }

    /// <summary>Row sums, column sums and total of a contingency matrix (the margins every metric above needs).</summary>
    private static (double[] Rows, double[] Cols, double N) Margins(long[,] cm)
    {
        int nr = cm.GetLength(0), nc = cm.GetLength(1);
        var rows = new double[nr];
        var cols = new double[nc];
        double n = 0;
        for (int i = 0; i < nr; i++)
            for (int j = 0; j < nc; j++) { rows[i] += cm[i, j]; cols[j] += cm[i, j]; n += cm[i, j]; }
        return (rows, cols, n);
    }
}
