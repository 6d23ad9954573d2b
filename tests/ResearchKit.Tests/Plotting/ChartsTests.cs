using System.Text.Json.Nodes;
using ResearchKit.Annotations;
using ResearchKit.Audio;
using ResearchKit.Plotting;

namespace ResearchKit.Tests.Plotting;

/// <summary>Ready-made figures: coordinates against scipy/scikit-learn (tests/fixtures/plotting-scipy) and hand-computed cases.</summary>
public class ChartsTests
{
    private static double[,] To2D(JsonArray rows)
    {
        var m = new double[rows.Count, rows[0]!.AsArray().Count];
        for (int i = 0; i < rows.Count; i++) for (int j = 0; j < m.GetLength(1); j++) m[i, j] = rows[i]![j]!.GetValue<double>();
        return m;
    }

    public static TheoryData<int> DendrogramCases => new() { 0, 1 };

    [Theory, MemberData(nameof(DendrogramCases))]
    public void DendrogramLayout_MatchesScipyDendrogram(int index)
    {
        var c = JsonNode.Parse(File.ReadAllText(Fixtures.Path("plotting-scipy", "dendrogram.json")))![index]!;
        var z = To2D(c["linkage"]!.AsArray());
        var layout = DendrogramLayout.Compute(z);
        Assert.Equal(c["leaves"]!.AsArray().Select(v => v!.GetValue<int>()), layout.Leaves);
        var ic = c["icoord"]!.AsArray(); var dc = c["dcoord"]!.AsArray();
        Assert.Equal(ic.Count, layout.ICoord.Count);
        for (int i = 0; i < ic.Count; i++)
            for (int k = 0; k < 4; k++)
            {
                Assert.Equal(ic[i]![k]!.GetValue<double>(), layout.ICoord[i][k], 12);
                Assert.Equal(dc[i]![k]!.GetValue<double>(), layout.DCoord[i][k], 12);
            }
    }

    [Theory, MemberData(nameof(DendrogramCases))]
    public void DendrogramColours_PartitionLikeScipyColorThreshold(int index)
    {
        var c = JsonNode.Parse(File.ReadAllText(Fixtures.Path("plotting-scipy", "dendrogram.json")))![index]!;
        var z = To2D(c["linkage"]!.AsArray());
        double t = c["color_threshold"]!.GetValue<double>();
        var fig = Charts.Dendrogram(z, cutThreshold: t);
        var mine = fig.Data.Cast<Scatter>().Select(s => s.Line!.Color!).ToArray();
        var scipy = c["color_list"]!.AsArray().Select(v => v!.GetValue<string>()).ToArray();
        Assert.Equal(scipy.Length, mine.Length);
        for (int i = 0; i < mine.Length; i++)
        {
            Assert.Equal(scipy[i] == "C0", mine[i] == "#808080"); // above the cut ↔ scipy's above_threshold_color
            for (int j = 0; j < mine.Length; j++)
                if (scipy[i] != "C0" && scipy[j] != "C0") Assert.Equal(scipy[i] == scipy[j], mine[i] == mine[j]);
        }
        Assert.Contains("\"dash\":\"dash\"", fig.ToJson());
    }

    [Fact]
    public void Pca_MatchesScikitLearnUpToComponentSign()
    {
        var c = JsonNode.Parse(File.ReadAllText(Fixtures.Path("plotting-scipy", "pca.json")))!;
        var x = To2D(c["x"]!.AsArray()); var expected = To2D(c["scores"]!.AsArray());
        var (scores, ratio) = Pca.Project(x, 2);
        for (int k = 0; k < 2; k++)
        {
            double sign = Math.Sign(scores[0, k]) == Math.Sign(expected[0, k]) ? 1 : -1;
            for (int i = 0; i < x.GetLength(0); i++) Assert.Equal(expected[i, k], sign * scores[i, k], 9);
            Assert.Equal(c["explained_variance_ratio"]![k]!.GetValue<double>(), ratio[k], 9);
        }
    }

    [Fact]
    public void BadInput_PcaWithNaN_NamesRowAndColumn()
    {
        var e = Assert.Throws<InvalidParameterException>(() => Pca.Project(new double[,] { { 1, 2 }, { double.NaN, 0 }, { 3, 4 } }));
        Assert.Contains("row 1, column 0", e.Message);
    }

    // Reference: A 0–4, B 4–8.  Hypothesis: s1 0–3, s2 3–8, s1 9–10.
    // Greedy mapping: s2→B (4 s) then s1→A (3 s). Elementary segments: 0–3 ok, 3–4 confusion (A vs s2→B),
    // 4–8 ok, 8–9 nobody, 9–10 false alarm.
    private static readonly Annotation Ref = new("f", [(0.0, 4.0, "A"), (4.0, 8.0, "B")]);
    private static readonly Annotation Hyp = new("f", [(0.0, 3.0, "s1"), (3.0, 8.0, "s2"), (9.0, 10.0, "s1")]);

    [Fact]
    public void ErrorRegions_HandComputed()
    {
        Assert.Equal(new Dictionary<string, string> { ["s2"] = "B", ["s1"] = "A" }, Charts.GreedyMapping(Ref, Hyp));
        var r = Charts.ErrorRegions(Ref, Hyp);
        Assert.Equal([(new Segment(3, 4), ErrorKind.Confusion), (new Segment(9, 10), ErrorKind.FalseAlarm)], r);
        var miss = Charts.ErrorRegions(Ref, new Annotation("f", [(0.0, 2.0, "s1")]));
        Assert.Equal([(new Segment(2, 8), ErrorKind.Miss)], miss); // 2–4 and 4–8 merge into one region
    }

    // Reference: A 0–10, B 10–14. Hypothesis: x 0–6 and 10–14, y 6–10.
    // Greedy takes x→A (6 s) first, then y has no free reference speaker: confusion 6–14 (8 s).
    // The optimal (Hungarian, md-eval) mapping is x→B (4 s) + y→A (4 s) = 8 s matched: confusion only 0–6 (6 s), which is
    // the confusion md-eval counts.
    private static readonly Annotation RefG = new("g", [(0.0, 10.0, "A"), (10.0, 14.0, "B")]);
    private static readonly Annotation HypG = new("g", [(0.0, 6.0, "x"), (6.0, 10.0, "y"), (10.0, 14.0, "x")]);

    [Fact]
    public void ErrorShading_UsesTheScorersOptimalMapping_NotGreedy()
    {
        Assert.Equal(new Dictionary<string, string> { ["x"] = "A" }, Charts.GreedyMapping(RefG, HypG));
        Assert.Equal(new Dictionary<string, string> { ["x"] = "B", ["y"] = "A" }, Charts.OptimalMapping(RefG, HypG));
        var regions = Charts.ErrorRegions(RefG, HypG);
        Assert.Equal([(new Segment(0, 6), ErrorKind.Confusion)], regions);
        Assert.Equal(6.0, ResearchKit.Scoring.DiarizationScorer.ScoreFile(RefG, HypG).Confusion, 9);
        var fig = Charts.Diarization(RefG, HypG);
        Assert.Equal((0.0, 6.0), (fig.Layout.Shapes!.Single().X0, fig.Layout.Shapes!.Single().X1));
        Assert.Equal(["A", "B", "x → B", "y → A"], fig.Data.OfType<Bar>().Select(b => b.Name));
        Assert.Empty(Charts.OptimalMapping(new Annotation("g", Array.Empty<(double, double, string)>()), HypG));
        // Long row labels widen the left margin so they are not cut off: "a-long-file-name · SPEAKER_00" is 29 characters.
        var tl = Charts.Timeline(new Annotation("a-long-file-name", [(0.0, 1.0, "SPEAKER_00")]));
        Assert.Equal(16 + 7 * 29, tl.Layout.Margin!.Left);
    }

    [Fact]
    public void Diarization_RowsColoursAndShading()
    {
        var wave = new Signal(new float[16000 * 10], 16000);
        var fig = Charts.Diarization(Ref, Hyp, wave, "t");
        var bars = fig.Data.OfType<Bar>().ToArray();
        Assert.Equal(["A", "B", "s1 → A", "s2 → B"], bars.Select(b => b.Name));
        Assert.Equal(bars[0].Marker!.Color, bars[2].Marker!.Color); // s1 drawn in A's colour
        Assert.Equal(bars[1].Marker!.Color, bars[3].Marker!.Color);
        Assert.NotEqual(bars[0].Marker!.Color, bars[1].Marker!.Color);
        Assert.Equal([0.0, 9.0], Enumerable.Range(0, bars[2].Base!.Count).Select(i => bars[2].Base!.Number(i)));
        Assert.Equal([3.0, 1.0], Enumerable.Range(0, bars[2].X!.Count).Select(i => bars[2].X!.Number(i)));
        Assert.Equal(2, fig.Layout.Shapes!.Count);
        Assert.Equal((3.0, 4.0, Palette.Confusion), (fig.Layout.Shapes[0].X0, fig.Layout.Shapes[0].X1, fig.Layout.Shapes[0].FillColor));
        Assert.All(bars, b => Assert.Equal("x2", b.XAxis)); // timeline below the waveform, x linked
        Assert.Equal("x2", ((Axis)fig.Layout.Extra!["xaxis"]).Matches);
    }

    [Fact]
    public void WaveformPoints_KeepEveryBucketsExtremes()
    {
        var s = new float[100_000];
        s[12_345] = 0.9f; s[67_890] = -0.7f;
        var (t, y) = Charts.WaveformPoints(new Signal(s, 16000), 1000);
        Assert.Equal(1000, y.Length);
        Assert.Contains(0.9f, y); Assert.Contains(-0.7f, y);
        Assert.Contains(12_345 / 16000.0, t);
        Assert.True(t.Zip(t.Skip(1)).All(p => p.First <= p.Second));
    }

    [Fact]
    public void SimilarityMatrix_GroupsSpeakersAndBoxesBlocks()
    {
        // Items interleaved a, b, a: reordered to a, a, b; blocks [−0.5, 1.5] and [1.5, 2.5].
        var m = new double[,] { { 0, 0.8, 0.2 }, { 0.8, 0, 0.9 }, { 0.2, 0.9, 0 } };
        var fig = Charts.SimilarityMatrix(m, ["a1", "b1", "a2"], ["a", "b", "a"]);
        var h = (Heatmap)fig.Data[0];
        Assert.Equal(0.2, h.Z![0, 1]); Assert.Equal(0.8, h.Z[0, 2]); Assert.Equal(0.9, h.Z[1, 2]);
        Assert.Equal([(-0.5, 1.5), (1.5, 2.5)], fig.Layout.Shapes!.Select(s => (s.X0, s.X1)));
        Assert.Equal("%{z:.2f}", h.TextTemplate);
    }

    [Fact]
    public void BadInput_SimilarityMatrixNotSquare()
    {
        var e = Assert.Throws<InvalidParameterException>(() => Charts.SimilarityMatrix(new double[2, 3], ["a", "b"]));
        Assert.Contains("square", e.Message);
    }

    [Fact]
    public void DerCurve_StacksComponents_MarksBest()
    {
        double[] th = [0.3, 0.5, 0.7];
        var fig = Charts.DerCurve(th, [0.05, 0.05, 0.05], [0.02, 0.02, 0.02], [0.20, 0.04, 0.10]);
        var total = (Scatter)fig.Data[3];
        Assert.Equal([0.27, 0.11, 0.17], Enumerable.Range(0, 3).Select(i => Math.Round(total.Y!.Number(i), 12)));
        var best = (Scatter)fig.Data[4];
        Assert.Equal(0.5, best.X!.Number(0));
        Assert.All(fig.Data.Take(3).Cast<Scatter>(), s => Assert.Equal("der", s.StackGroup));
        Assert.Equal(1, Charts.BestIndex([0.05, 0.05, 0.05], [0.02, 0.02, 0.02], [0.20, 0.04, 0.10]));
    }

    [Fact]
    public void BadInput_DerCurveLengthMismatch_NamesArray()
    {
        var e = Assert.Throws<InvalidParameterException>(() => Charts.DerCurve([0.1, 0.2], [0.1, 0.1], [0.1], [0.1, 0.1]));
        Assert.Equal("falseAlarm", e.Parameter);
    }

    [Fact]
    public void SpeakerCountErrors_IntegerBins_HandCounted()
    {
        // errors: 0, +1, 0, −2, 0 → bins −2..1 with counts 1, 0, 3, 1.
        var fig = Charts.SpeakerCountErrors([2, 3, 4, 1, 2], [2, 2, 4, 3, 2]);
        var bar = (Bar)fig.Data[0];
        Assert.Equal([-2.0, -1, 0, 1], Enumerable.Range(0, bar.X!.Count).Select(i => bar.X!.Number(i)));
        Assert.Equal([1.0, 0, 3, 1], Enumerable.Range(0, bar.Y!.Count).Select(i => bar.Y!.Number(i)));
    }

    [Fact]
    public void DerBars_OneTracePerMethod_BadLengthNamesMethod()
    {
        var fig = Charts.DerBars(["f1", "f2"], new Dictionary<string, double[]> { ["mfcc"] = [0.3, 0.2], ["emb"] = [0.1, 0.15] });
        Assert.Equal(["mfcc", "emb"], fig.Data.Select(t => t.Name));
        var e = Assert.Throws<InvalidParameterException>(() => Charts.DerBars(["f1"], new Dictionary<string, double[]> { ["x"] = [0.1, 0.2] }));
        Assert.Contains("'x'", e.Message);
    }

    [Fact]
    public void FeatureMatrix_TimeOnX_BinsOnY()
    {
        // 3 frames × 2 bins, row-major by frame: z must be bins × frames.
        var fig = Charts.FeatureMatrix([1, 2, 3, 4, 5, 6], 3, 2, 0.01, binTitle: "mel band");
        var h = (Heatmap)fig.Data[0];
        Assert.Equal((2, 3), (h.Z!.Rows, h.Z.Columns));
        Assert.Equal(3.0, h.Z[0, 1]); Assert.Equal(6.0, h.Z[1, 2]);
        Assert.Equal(0.02, h.X!.Number(2), 12);
    }
}
