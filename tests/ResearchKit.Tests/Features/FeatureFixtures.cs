using ResearchKit.Audio;
using ResearchKit.IO;

namespace ResearchKit.Tests.Features;

/// <summary>Loads the torchaudio reference fixtures in tests/fixtures/features (see its README.md).</summary>
internal static class FeatureFixtures
{
    public static string PathOf(string file) => Fixtures.Path("features", file);

    public static Signal Clip(string clip) => AudioFile.Read(Fixtures.Path("features", "audio", clip + ".wav"));

    public static double[,] Matrix(string file) => Npy.Read(PathOf(file)).ToMatrix();

    /// <summary>Transposes a (bins, frames) torchaudio layout to (frames, bins).</summary>
    public static double[,] Transpose(double[,] m)
    {
        int r = m.GetLength(0), c = m.GetLength(1);
        var t = new double[c, r];
        for (int i = 0; i < r; i++) for (int j = 0; j < c; j++) t[j, i] = m[i, j];
        return t;
    }

    public static double[,] ToDouble(float[,] m)
    {
        int r = m.GetLength(0), c = m.GetLength(1);
        var d = new double[r, c];
        for (int i = 0; i < r; i++) for (int j = 0; j < c; j++) d[i, j] = m[i, j];
        return d;
    }

    public static double MaxAbs(double[,] m)
    {
        double a = 0;
        foreach (var v in m) a = Math.Max(a, Math.Abs(v));
        return a;
    }

    /// <summary>Asserts equal shapes and |ours − ref| ≤ tol(ref) everywhere, reporting the worst element.</summary>
    public static void AssertClose(double[,] reference, double[,] ours, Func<double, double> tolerance, string what)
    {
        Assert.Equal(reference.GetLength(0), ours.GetLength(0));
        Assert.Equal(reference.GetLength(1), ours.GetLength(1));
        double worst = -1; int wi = -1, wj = -1;
        for (int i = 0; i < reference.GetLength(0); i++)
            for (int j = 0; j < reference.GetLength(1); j++)
            {
                double d = Math.Abs(reference[i, j] - ours[i, j]);
                double excess = d - tolerance(reference[i, j]);
                if (double.IsNaN(d)) excess = double.PositiveInfinity;
                if (excess > worst) { worst = excess; wi = i; wj = j; }
            }
        Assert.True(worst <= 0,
            $"{what}: element [{wi},{wj}] ref {reference[wi, wj]} ours {ours[wi, wj]} exceeds tolerance {tolerance(reference[wi, wj])}");
    }
}
