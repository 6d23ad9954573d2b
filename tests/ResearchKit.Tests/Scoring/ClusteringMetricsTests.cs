using System.Text.Json;
using ResearchKit.Annotations;
using ResearchKit.Scoring;

namespace ResearchKit.Tests.Scoring;

public class ClusteringMetricsTests
{
    private static readonly Lazy<JsonElement> Sklearn = new(() =>
        JsonDocument.Parse(File.ReadAllText(Fixtures.Path("der", "clustering_metrics", "sklearn_metrics.json"))).RootElement);

    public static TheoryData<int> SklearnCases()
    {
        var d = new TheoryData<int>();
        for (int i = 0; i < Sklearn.Value.GetProperty("cases").GetArrayLength(); i++) d.Add(i);
        return d;
    }

    [Theory]
    [MemberData(nameof(SklearnCases))]
    public void AriAndNmiMatchScikitLearn(int index)
    {
        var c = Sklearn.Value.GetProperty("cases")[index];
        var t = c.GetProperty("truth").EnumerateArray().Select(x => x.GetInt32()).ToArray();
        var p = c.GetProperty("predicted").EnumerateArray().Select(x => x.GetInt32()).ToArray();
        Assert.Equal(c.GetProperty("ari").GetDouble(), ClusteringMetrics.AdjustedRandIndex(t, p), 12);
        Assert.Equal(c.GetProperty("nmi_arithmetic").GetDouble(), ClusteringMetrics.NormalizedMutualInformation(t, p), 12);
        Assert.Equal(c.GetProperty("nmi_geometric").GetDouble(), ClusteringMetrics.NormalizedMutualInformation(t, p, NmiAverage.Geometric), 12);
        Assert.Equal(c.GetProperty("nmi_min").GetDouble(), ClusteringMetrics.NormalizedMutualInformation(t, p, NmiAverage.Min), 12);
        Assert.Equal(c.GetProperty("nmi_max").GetDouble(), ClusteringMetrics.NormalizedMutualInformation(t, p, NmiAverage.Max), 12);
    }

    [Fact]
    public void BCubedOfAHandExample()
    {
        // truth {a,a,b}, predicted {x,x,x}: precision = (2/3·2/3·2 + 1/3·1/3)... per item: a-items 2/3, b-item 1/3 → 5/9; recall 1.
        var (p, r, f) = ClusteringMetrics.BCubed(["a", "a", "b"], ["x", "x", "x"]);
        Assert.Equal(5.0 / 9, p, 12);
        Assert.Equal(1.0, r, 12);
        Assert.Equal(2 * (5.0 / 9) / (5.0 / 9 + 1), f, 12);
        Assert.Throws<InvalidParameterException>(() => ClusteringMetrics.BCubed(["a"], ["x", "y"]));
    }

    // ---- dscore's frame metrics: B-cubed, MI (bits), NMI (sqrt) on the powerset frame labels, per file and overall ----

    private static readonly Lazy<(JsonElement Root, Dictionary<string, Annotation> Ref, Uem Uem)> Dev40 = new(() =>
    {
        var root = JsonDocument.Parse(File.ReadAllText(Fixtures.Path("der", "expected.json"))).RootElement;
        var refs = new Dictionary<string, Annotation>();
        foreach (var id in root.GetProperty("file_ids").EnumerateArray())
            foreach (var (k, v) in Rttm.Read(Fixtures.Data("voxconverse-rttm", "dev", id.GetString() + ".rttm")).ToAnnotations()) refs.Add(k, v);
        return (root, refs, Uem.Read(Fixtures.Path("der", "uem", "dev40.uem")));
    });

    public static TheoryData<string, string> SystemsWithAndWithoutUem()
    {
        var d = new TheoryData<string, string>();
        foreach (var s in new[] { "identity", "jitter", "confusion", "miss", "falarm", "mergesplit", "exclusive" })
            foreach (var o in new[] { "dscore.c0.ov", "dscore.uem.c0.ov" }) d.Add(s, o);
        return d;
    }

    private static long[,] BlockDiagonal(IReadOnlyList<long[,]> blocks)
    {
        int nr = blocks.Sum(b => b.GetLength(0)), nc = blocks.Sum(b => b.GetLength(1));
        var m = new long[nr, nc];
        int r0 = 0, c0 = 0;
        foreach (var b in blocks)
        {
            for (int i = 0; i < b.GetLength(0); i++)
                for (int j = 0; j < b.GetLength(1); j++) m[r0 + i, c0 + j] = b[i, j];
            r0 += b.GetLength(0); c0 += b.GetLength(1);
        }
        return m;
    }

    [Theory]
    [MemberData(nameof(SystemsWithAndWithoutUem))]
    public void FrameMetricsMatchDscore(string system, string optionSet)
    {
        var (root, refs, uem) = Dev40.Value;
        var sys = Rttm.ReadAnnotations(Fixtures.Path("der", "sys", system));
        var expected = root.GetProperty("results").GetProperty(system).GetProperty(optionSet);
        bool withUem = optionSet.Contains("uem");
        var blocks = new List<long[,]>();
        foreach (var id in refs.Keys.Order(StringComparer.Ordinal))
        {
            var cm = DiarizationScorer.FrameContingency(refs[id], sys.GetValueOrDefault(id) ?? Annotation.Empty(id), withUem ? uem[id] : null);
            blocks.Add(cm);
            Check(expected.GetProperty("files").GetProperty(id), cm, $"{system}/{optionSet}/{id}");
        }
        Check(expected.GetProperty("overall"), BlockDiagonal(blocks), $"{system}/{optionSet}/overall");
    }

    private static void Check(JsonElement e, long[,] cm, string what)
    {
        var (p, r, f) = ClusteringMetrics.BCubed(cm);
        Close(e.GetProperty("bcubed_precision").GetDouble(), p, what + " B3 precision");
        Close(e.GetProperty("bcubed_recall").GetDouble(), r, what + " B3 recall");
        Close(e.GetProperty("bcubed_f1").GetDouble(), f, what + " B3 F1");
        Close(e.GetProperty("mi").GetDouble(), ClusteringMetrics.MutualInformation(cm, 2.0), what + " MI");
        Close(e.GetProperty("nmi").GetDouble(), ClusteringMetrics.NormalizedMutualInformation(cm, NmiAverage.Geometric), what + " NMI");
    }

    private static void Close(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected:R}, got {actual:R}");
}
