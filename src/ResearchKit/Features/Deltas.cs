namespace ResearchKit.Features;

/// <summary>
/// Delta (time-derivative) features as Kaldi's <c>add-deltas</c> (DeltaFeatures) computes them: order-k coefficients
/// are the input convolved k times with the regression window w_n = n / Σ m² (n = −W…W), frame indices clamped to the
/// utterance. Order 1 equals torchaudio <c>functional.compute_deltas(win_length = 2W + 1)</c>.
/// </summary>
public static class Deltas
{
    /// <summary>Returns [x, Δx, Δ²x, …] side by side: (frames × features·(order+1)), Kaldi's layout.</summary>
    /// <param name="x">Features (frames × features).</param>
    /// <param name="order">Highest order (Kaldi <c>--delta-order</c>, default 2).</param>
    /// <param name="window">Half-width W (Kaldi <c>--delta-window</c>, default 2).</param>
    public static double[,] AddDeltas(double[,] x, int order = 2, int window = 2)
    {
        if (order < 0) throw new InvalidParameterException("order", $"must be ≥ 0, got {order}.");
        if (window < 1) throw new InvalidParameterException("window", $"must be ≥ 1, got {window}.");
        int n = x.GetLength(0), d = x.GetLength(1);
        var scales = Scales(order, window);
        var y = new double[n, d * (order + 1)];
        for (int o = 0; o <= order; o++)
        {
            var sc = scales[o];
            int off = (sc.Length - 1) / 2;
            for (int t = 0; t < n; t++)
                for (int k = 0; k < sc.Length; k++)
                {
                    if (sc[k] == 0) continue;
                    int src = Math.Clamp(t + k - off, 0, n - 1);
                    for (int j = 0; j < d; j++) y[t, o * d + j] += sc[k] * x[src, j];
                }
        }
        return y;
    }

    /// <summary>Only the order-<paramref name="order"/> coefficients (frames × features).</summary>
    public static double[,] Compute(double[,] x, int order = 1, int window = 2)
    {
        var all = AddDeltas(x, order, window);
        int n = x.GetLength(0), d = x.GetLength(1);
        var y = new double[n, d];
        for (int t = 0; t < n; t++) for (int j = 0; j < d; j++) y[t, j] = all[t, order * d + j];
        return y;
    }

    // Kaldi DeltaFeatures constructor: scales[i] = scales[i−1] ⊛ (n / Σm²).
    private static double[][] Scales(int order, int window)
    {
        var scales = new double[order + 1][];
        scales[0] = [1.0];
        double norm = 0;
        for (int m = -window; m <= window; m++) norm += m * m;
        for (int i = 1; i <= order; i++)
        {
            var prev = scales[i - 1];
            int po = (prev.Length - 1) / 2, co = po + window;
            var cur = new double[2 * co + 1];
            for (int j = -po; j <= po; j++)
                for (int k = -window; k <= window; k++)
                    cur[j + k + co] += k * prev[j + po] / norm;
            scales[i] = cur;
        }
        return scales;
    }
}
