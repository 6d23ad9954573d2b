namespace ResearchKit.Experiments;

/// <summary>Per-file error and scored time of one system, the unit a paired bootstrap resamples.</summary>
/// <param name="File">File id.</param>
/// <param name="Error">Missed + false alarm + confusion, seconds.</param>
/// <param name="Scored">Scored reference speech, seconds.</param>
public readonly record struct FileError(string File, double Error, double Scored);

/// <summary>Result of <see cref="PairedBootstrap.DerDifference"/>.</summary>
/// <param name="Observed">Pooled DER of B minus pooled DER of A on all files, percentage points.</param>
/// <param name="Lower">Lower bound of the percentile confidence interval, points.</param>
/// <param name="Upper">Upper bound, points.</param>
/// <param name="Confidence">Confidence level, e.g. 0.95.</param>
/// <param name="Iterations">Bootstrap resamples.</param>
/// <param name="Files">Number of paired files.</param>
public sealed record BootstrapResult(double Observed, double Lower, double Upper, double Confidence, int Iterations, int Files)
{
    /// <summary>True when the interval does not contain 0: the difference is significant at this level.</summary>
    public bool ExcludesZero => Lower > 0 || Upper < 0;

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant(
        $"ΔDER {Observed:+0.00;-0.00} points, {100 * Confidence:0}% CI [{Lower:+0.00;-0.00}, {Upper:+0.00;-0.00}] over {Files} files ({Iterations} resamples): {(ExcludesZero ? "significant" : "not significant")}");
}

/// <summary>
/// Paired bootstrap over files (Efron &amp; Tibshirani 1993; Koehn 2004 for system comparison): resample the files with
/// replacement, compute both systems' pooled DER (Σ error / Σ scored) on the same resample, and take percentiles of the
/// difference. Files, not frames, are the independent units, so the interval reflects how much the comparison depends
/// on which recordings were chosen.
/// </summary>
public static class PairedBootstrap
{
    /// <summary>Confidence interval for DER(B) − DER(A) in percentage points.</summary>
    /// <param name="a">Per-file errors of system A.</param>
    /// <param name="b">Per-file errors of system B, same files (any order).</param>
    /// <param name="iterations">Resamples (≥ 100).</param>
    /// <param name="confidence">Two-sided level in (0, 1).</param>
    /// <param name="seed">Random seed (results are reproducible).</param>
    public static BootstrapResult DerDifference(IReadOnlyList<FileError> a, IReadOnlyList<FileError> b, int iterations = 10000,
        double confidence = 0.95, int seed = 0)
    {
        if (iterations < 100) throw new InvalidParameterException("iterations", $"must be ≥ 100, got {iterations}.");
        if (!(confidence > 0 && confidence < 1)) throw new InvalidParameterException("confidence", $"must be in (0, 1), got {confidence}.");
        var bb = b.ToDictionary(x => x.File, StringComparer.Ordinal);
        var missing = a.Where(x => !bb.ContainsKey(x.File)).Select(x => x.File).ToList();
        if (missing.Count > 0 || a.Count != b.Count)
            throw new InvalidParameterException("files", $"the two systems must be scored on the same files; unpaired: {string.Join(", ", missing.Concat(b.Select(x => x.File).Except(a.Select(x => x.File))).Take(10))}.");
        int n = a.Count;
        if (n == 0) throw new InvalidParameterException("files", "no files to resample.");
        var ea = a.Select(x => x.Error).ToArray();
        var sa = a.Select(x => x.Scored).ToArray();
        var eb = a.Select(x => bb[x.File].Error).ToArray();
        var sb = a.Select(x => bb[x.File].Scored).ToArray();
        double observed = 100 * (eb.Sum() / sb.Sum() - ea.Sum() / sa.Sum());
        var rng = new Random(seed);
        var d = new double[iterations];
        for (int it = 0; it < iterations; it++)
        {
            double ea1 = 0, sa1 = 0, eb1 = 0, sb1 = 0;
            for (int k = 0; k < n; k++)
            {
                int i = rng.Next(n);
                ea1 += ea[i]; sa1 += sa[i]; eb1 += eb[i]; sb1 += sb[i];
            }
            d[it] = 100 * ((sb1 > 0 ? eb1 / sb1 : 0) - (sa1 > 0 ? ea1 / sa1 : 0));
        }
        Array.Sort(d);
        double alpha = (1 - confidence) / 2;
        return new BootstrapResult(observed, Quantile(d, alpha), Quantile(d, 1 - alpha), confidence, iterations, n);
    }

    /// <summary>Linear-interpolation quantile of sorted data (numpy's default).</summary>
    internal static double Quantile(double[] sorted, double q)
    {
        double pos = q * (sorted.Length - 1);
        int lo = (int)Math.Floor(pos), hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
