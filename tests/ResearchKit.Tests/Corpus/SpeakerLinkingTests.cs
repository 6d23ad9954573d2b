using System.Text.Json;
using ResearchKit.Clustering;
using ResearchKit.Corpus;
using ResearchKit.IO;

namespace ResearchKit.Tests.Corpus;

public class SpeakerLinkingTests
{
    public static TheoryData<string> Scales() => ["malaya_(cos+1)/2", "cosine"];

    [Theory]
    [MemberData(nameof(Scales))]
    public void GroupsAndRepresentativesEqualNetworkxOnTheClusteringFixture(string scale)
    {
        // networkx 2.8 components and max-PageRank representatives of X2 (300 rows) at 0.8/0.85/0.9
        // (../shared/reference/clustering, copied by the clustering issue into tests/fixtures/clustering).
        var x = Npy.Read(Fixtures.Path("clustering", "X2.npy")).ToFloatMatrix();
        var names = Enumerable.Range(0, x.GetLength(0)).Select(i => $"rec{i / 10}-spk{i % 10:00}").ToArray();
        var sp = LocalSpeakers.FromVectors(names, x);
        var s = scale == "cosine" ? SimilarityScale.Cosine : SimilarityScale.HalfCosinePlusHalf;
        var links = SpeakerLinking.Run(sp, new GraphGroupingOptions([0.9, 0.85, 0.8], s));
        using var doc = JsonDocument.Parse(File.ReadAllText(Fixtures.Path("clustering", "graph.json")));
        for (int l = 0; l < 3; l++)
        {
            string t = new[] { "0.9", "0.85", "0.8" }[l];
            var r = doc.RootElement.GetProperty($"X2|{scale}|{t}");
            var labels = r.GetProperty("component_labels").EnumerateArray().Select(v => v.GetInt32()).ToArray();
            var reps = r.GetProperty("component_representative_max_pagerank_weighted").EnumerateArray().Select(v => v.GetInt32()).ToArray();
            var level = links.Levels[l];
            Assert.Equal(labels, level.Labels);
            Assert.Equal(reps, level.Representatives);
            Assert.Equal(r.GetProperty("n_edges").GetInt32(), (int)level.Edges);
        }
    }

    [Fact]
    public void MappingUsesTheSeedsNamesAndSumsSpeechPerGlobalSpeaker()
    {
        // Three recordings; "a" appears in v1 and v3, "b" in v1 and v2, "c" only in v2.
        float[] a = [1, 0, 0], b = [0, 1, 0], c = [0, 0, 1];
        var x = new float[,] { { a[0], a[1], a[2] }, { b[0], b[1], b[2] }, { 0.1f, 1, 0 }, { 0, 0, 1 }, { 1, 0.05f, 0 } };
        var sp = LocalSpeakers.FromVectors(["v1-speaker 0", "v1-speaker 1", "v2-speaker 0", "v2-speaker 1", "v3-speaker 0"], x, [3600, 1800, 900, 60, 7200]);
        var links = SpeakerLinking.Run(sp, new GraphGroupingOptions([0.99], SimilarityScale.Cosine));
        var map = links.Mapping(0);
        Assert.Equal(map["v1-speaker 0"], map["v3-speaker 0"]);
        Assert.Equal(map["v1-speaker 1"], map["v2-speaker 0"]);
        Assert.Equal("v2-speaker 1", map["v2-speaker 1"]);
        Assert.Equal(3, links.Levels[0].Groups);
        Assert.Equal([10800.0, 2700.0, 60.0], links.Levels[0].Seconds);
    }

    [Theory]
    [InlineData(1.2, SimilarityScale.Cosine)]
    [InlineData(-1.5, SimilarityScale.Cosine)]
    [InlineData(-0.1, SimilarityScale.HalfCosinePlusHalf)]
    [InlineData(90, SimilarityScale.HalfCosinePlusHalf)]
    public void ThresholdsOutsideTheScaleAreRejected(double t, SimilarityScale scale)
    {
        var sp = LocalSpeakers.FromVectors(["a-0", "b-0"], new float[,] { { 1, 0 }, { 0, 1 } });
        var e = Assert.Throws<InvalidParameterException>(() => SpeakerLinking.Run(sp, new GraphGroupingOptions([0.5, t], scale)));
        Assert.Contains("outside", e.Message);
        Assert.Equal("threshold", e.Parameter);
    }
}
