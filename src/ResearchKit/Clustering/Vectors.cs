using System.Numerics.Tensors;

namespace ResearchKit.Clustering;

/// <summary>Small row-vector helpers shared by the clusterers.</summary>
internal static class Vectors
{
    public static double[,] L2Normalized(double[,] x)
    {
        int n = x.GetLength(0), d = x.GetLength(1);
        var r = new double[n, d];
        for (int i = 0; i < n; i++)
        {
            double s = 0;
            for (int j = 0; j < d; j++) s += x[i, j] * x[i, j];
            double norm = Math.Sqrt(s);
            for (int j = 0; j < d; j++) r[i, j] = x[i, j] / norm;
        }
        return r;
    }

    public static double[] Row(double[,] x, int i)
    {
        int d = x.GetLength(1);
        var r = new double[d];
        for (int j = 0; j < d; j++) r[j] = x[i, j];
        return r;
    }

    /// <summary>Mean of the rows whose label is <paramref name="label"/> (numpy: sum then divide by the count).</summary>
    public static double[] Mean(double[,] x, int[] labels, int label)
    {
        int d = x.GetLength(1), count = 0;
        var m = new double[d];
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] != label) continue;
            count++;
            for (int j = 0; j < d; j++) m[j] += x[i, j];
        }
        for (int j = 0; j < d; j++) m[j] /= count;
        return m;
    }

    public static double CosineDistance(ReadOnlySpan<double> u, ReadOnlySpan<double> v)
    {
        double c = TensorPrimitives.Dot(u, v) / (Math.Sqrt(TensorPrimitives.Dot(u, u)) * Math.Sqrt(TensorPrimitives.Dot(v, v)));
        if (Math.Abs(c) > 1) c = Math.CopySign(1.0, c);
        return 1 - c;
    }

    public static double Euclidean(ReadOnlySpan<double> u, ReadOnlySpan<double> v) => TensorPrimitives.Distance(u, v);
}
