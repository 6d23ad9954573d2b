using System.Text.Json;
using ResearchKit.IO;

namespace ResearchKit.Tests.Clustering;

/// <summary>Reads tests/fixtures/clustering (copied from the shared scipy/sklearn/spectralcluster reference).</summary>
internal static class ClusteringFixtures
{
    public static string File(string name) => Fixtures.Path("clustering", name);

    public static double[,] Matrix(string name) => Npy.Read(File(name)).ToMatrix();

    public static NpyArray Array(string name) => Npy.Read(File(name));

    public static JsonElement Json(string name) => JsonDocument.Parse(System.IO.File.ReadAllText(File(name))).RootElement;

    public static int[] Ints(JsonElement e) => e.EnumerateArray().Select(v => v.GetInt32()).ToArray();

    public static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    /// <summary>Asserts |a − e| ≤ atol + rtol·|e| element-wise, naming the first mismatch.</summary>
    public static void Close(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double rtol, double atol = 0, string what = "")
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double tol = atol + rtol * Math.Abs(expected[i]);
            if (!(Math.Abs(actual[i] - expected[i]) <= tol))
                Assert.Fail($"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R} (tolerance {tol:E2})");
        }
    }

    public static double[] Column(double[,] m, int c)
    {
        var r = new double[m.GetLength(0)];
        for (int i = 0; i < r.Length; i++) r[i] = m[i, c];
        return r;
    }
}
