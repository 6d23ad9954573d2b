using MathNet.Numerics.LinearAlgebra;

namespace ResearchKit.Plotting;

/// <summary>
/// Principal-component projection for 2-D views of embeddings, as scikit-learn's <c>PCA(n_components).fit_transform</c>:
/// centre the rows, project on the leading right singular vectors. Component signs are arbitrary (sklearn fixes them
/// with <c>svd_flip</c>); here each component is oriented so that its largest-magnitude projected value is positive.
/// </summary>
public static class Pca
{
    /// <summary>Projects the rows of <paramref name="x"/> (n × d) on the first <paramref name="components"/> principal axes.</summary>
    /// <returns>n × components scores and each component's explained-variance ratio.</returns>
    public static (double[,] Scores, double[] ExplainedVarianceRatio) Project(double[,] x, int components = 2)
    {
        int n = x.GetLength(0), d = x.GetLength(1);
        if (n < 2) throw new InvalidParameterException("embeddings", $"PCA needs at least 2 rows, got {n}.");
        if (components < 1 || components > Math.Min(n, d))
            throw new InvalidParameterException(nameof(components), $"{components} components requested from a {n}×{d} matrix; ask for 1 to {Math.Min(n, d)}.");
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++)
            if (!double.IsFinite(x[i, j])) throw new InvalidParameterException("embeddings", $"value at row {i}, column {j} is {x[i, j]}; remove or fix non-finite embeddings.");
        var m = Matrix<double>.Build.DenseOfArray(x);
        var mean = m.ColumnSums() / n;
        for (int i = 0; i < n; i++) m.SetRow(i, m.Row(i) - mean);
        var svd = m.Svd(computeVectors: true);
        var scores = new double[n, components];
        double total = svd.S.Sum(s => s * s);
        var ratio = new double[components];
        for (int c = 0; c < components; c++)
        {
            var v = svd.VT.Row(c);
            var proj = m * v;
            int arg = 0;
            for (int i = 1; i < n; i++) if (Math.Abs(proj[i]) > Math.Abs(proj[arg])) arg = i;
            double sign = proj[arg] < 0 ? -1 : 1;
            for (int i = 0; i < n; i++) scores[i, c] = sign * proj[i];
            ratio[c] = total > 0 ? svd.S[c] * svd.S[c] / total : 0;
        }
        return (scores, ratio);
    }
}
