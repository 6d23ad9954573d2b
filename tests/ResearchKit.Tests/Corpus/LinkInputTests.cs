using ResearchKit.Corpus;

namespace ResearchKit.Tests.Corpus;

public class LinkInputTests
{
    [Fact]
    public void ReadsCsvAndJsonlIndexes()
    {
        var csv = SegmentIndex.ParseCsv("start,end,recording,speaker,extra\n0,1.5,\"vid,1\",speaker 0,x\r\n1.5,4,vid2,speaker 1,y\n\n");
        Assert.Equal([new IndexedSegment("vid,1", "speaker 0", 0, 1.5), new IndexedSegment("vid2", "speaker 1", 1.5, 4)], csv);
        var jsonl = SegmentIndex.ParseJsonl("{\"recording\":\"v\",\"speaker\":0,\"start\":0.5,\"end\":2}\n");
        Assert.Equal(new IndexedSegment("v", "0", 0.5, 2), Assert.Single(jsonl));
    }

    [Fact]
    public void ReadsTheEmbedCommandsCsvWithTheFileNameAsRecording()
    {
        var rows = SegmentIndex.ParseCsv("index,start_s,end_s,label\n0,0.5,2.25,SPEAKER_00\n", "e.csv", "video1");
        Assert.Equal(new IndexedSegment("video1", "SPEAKER_00", 0.5, 2.25), Assert.Single(rows));
    }

    [Theory]
    [InlineData("recording,speaker,start\nv,s,0\n", "lacks column(s) end")]
    [InlineData("recording,speaker,start,end\nv,s,zero,1\n", "line 2: start 'zero' is not a number")]
    [InlineData("recording,speaker,start,end\nv,s,2,1\n", "line 2: segment [2, 1] is negative or reversed")]
    [InlineData("recording,speaker,start,end\nv,s,1\n", "line 2: 3 fields")]
    public void MalformedCsvIndexesNameTheLine(string text, string why)
    {
        var e = Assert.Throws<InvalidInputFileException>(() => SegmentIndex.ParseCsv(text, "idx.csv"));
        Assert.Contains("idx.csv", e.Message);
        Assert.Contains(why, e.Message);
    }

    [Fact]
    public void CentroidsAverageUnitSegmentEmbeddingsPerRecordingSpeaker()
    {
        var e = new float[,] { { 2, 0 }, { 0, 5 }, { 0, 1 }, { 3, 0 } };
        IndexedSegment[] idx = [new("v1", "s0", 0, 1), new("v1", "s0", 1, 3), new("v2", "s0", 0, 0.5), new("v1", "s1", 3, 4)];
        var sp = LocalSpeakers.FromSegments(e, idx);
        Assert.Equal(["v1-s0", "v1-s1", "v2-s0"], sp.Names);
        // v1-s0 = normalise((1,0) + (0,1)): the raw norms 2 and 5 do not weigh.
        Assert.Equal(Math.Sqrt(0.5), sp.Centroids[0, 0], 6);
        Assert.Equal(Math.Sqrt(0.5), sp.Centroids[0, 1], 6);
        Assert.Equal([3.0, 1.0, 0.5], sp.Seconds);
        Assert.Equal([2, 1, 1], sp.Segments);
    }

    [Fact]
    public void NaNSegmentEmbeddingsAreRejectedNamingTheRow()
    {
        var e = new float[,] { { 1, 0 }, { float.NaN, 0 } };
        var ex = Assert.Throws<InvalidParameterException>(() => LocalSpeakers.FromSegments(e, [new("v", "a", 0, 1), new("v", "b", 1, 2)]));
        Assert.Contains("row 1 (v-b", ex.Message);
        Assert.Contains("NaN", ex.Message);
    }

    [Fact]
    public void IndexAndEmbeddingCountsMustAgree()
    {
        Assert.Throws<InvalidParameterException>(() => LocalSpeakers.FromSegments(new float[2, 3], [new("v", "a", 0, 1)]));
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(-1.01)]
    [InlineData(double.NaN)]
    public void ThresholdOutsideMinusOneToOneIsRejected(double t)
    {
        var e = Assert.Throws<InvalidParameterException>(() => SimilarityEdges.Build(new float[,] { { 1, 0 } }, t));
        Assert.Contains("outside [-1, 1]", e.Message);
    }

    [Theory]
    [InlineData(37, 16, 0.3)]
    [InlineData(101, 256, 0.1)]
    [InlineData(4, 3, -1.0)]
    [InlineData(1, 8, 0.0)]
    public void BlockedEdgesEqualTheBruteForceGraph(int m, int d, double t)
    {
        var rng = new Random(m * 1000 + d);
        var x = new float[m, d];
        for (int i = 0; i < m; i++)
        {
            double norm = 0;
            // Rows drawn around 5 directions so there are edges at every threshold.
            for (int k = 0; k < d; k++) { x[i, k] = (float)((k % 5 == i % 5 ? 1.0 : 0.0) + rng.NextDouble() - 0.5); norm += x[i, k] * (double)x[i, k]; }
            for (int k = 0; k < d; k++) x[i, k] = (float)(x[i, k] / Math.Sqrt(norm));
        }
        var g = SimilarityEdges.Build(x, t);
        var expected = new List<(int, int)>();
        var nearBoundary = new HashSet<(int, int)>();
        for (int i = 0; i < m; i++)
            for (int j = i + 1; j < m; j++)
            {
                double s = 0;
                for (int k = 0; k < d; k++) s += (double)x[i, k] * x[j, k];
                if (Math.Abs(s - t) < 1e-5) nearBoundary.Add((i, j)); // float vs double rounding may go either way
                else if (s >= t) expected.Add((i, j));
            }
        var got = Enumerable.Range(0, g.Count).Select(e => (g.Source[e], g.Target[e])).ToList();
        Assert.Equal(expected, got.Where(p => !nearBoundary.Contains(p)));
        Assert.All(Enumerable.Range(0, g.Count), e => Assert.True(g.Similarity[e] >= t));
    }
}
