using ResearchKit.Annotations;
using ResearchKit.Scoring;

namespace ResearchKit.Tests.Scoring;

public class BreakdownTests
{
    [Fact]
    public void HandExampleOverlapMatrixMappingErrorsPurityCoverage()
    {
        // ref: A [0,10], B [10,20]; hyp: X [0,12], Y [12,18], Z [18,19] (extra speaker inside B).
        var reference = new Annotation("f", [(0.0, 10.0, "A"), (10.0, 20.0, "B")]);
        var hypothesis = new Annotation("f", [(0.0, 12.0, "X"), (12.0, 18.0, "Y"), (18.5, 19.0, "Z")]);
        var b = DiarizationScorer.Breakdown(reference, hypothesis);
        Assert.Equal(["A", "B"], b.ReferenceSpeakers);
        Assert.Equal(["X", "Y", "Z"], b.HypothesisSpeakers);
        Assert.Equal(10.0, b.OverlapSeconds[0, 0]);
        Assert.Equal(2.0, b.OverlapSeconds[1, 0]);
        Assert.Equal(6.0, b.OverlapSeconds[1, 1]);
        Assert.Equal(0.5, b.OverlapSeconds[1, 2]);
        Assert.Equal("X", b.Mapping["A"]);
        Assert.Equal("Y", b.Mapping["B"]);
        // errors: [10,12] B spoken by X → confusion; [18,18.5] missed; [18.5,19] Z → confusion (Z not mapped); [19,20] missed
        Assert.Equal(
        [
            new ErrorRegion(new Segment(10, 12), 0, 0, 1),
            new ErrorRegion(new Segment(18, 18.5), 1, 0, 0),
            new ErrorRegion(new Segment(18.5, 19), 0, 0, 1),
            new ErrorRegion(new Segment(19, 20), 1, 0, 0),
        ], b.Errors);
        Assert.Equal(20.0, b.Score.Scored);
        Assert.Equal(1.5, b.Score.Missed);
        Assert.Equal(2.5, b.Score.Confusion);
        Assert.Equal((10 + 6 + 0.5) / 18.5, b.Purity!.Value, 12);
        Assert.Equal((10 + 6) / 20.0, b.Coverage!.Value, 12);
        Assert.Equal(1, b.SpeakerCountError);
    }

    [Theory]
    [InlineData("mergesplit", "dscore")]
    [InlineData("jitter", "md-eval")]
    public void BreakdownScoreEqualsScoreFileOnFixtures(string system, string scorer)
    {
        var options = new DerOptions { Convention = scorer == "dscore" ? ScorerConvention.Dscore : ScorerConvention.MdEval, Collar = 0.25, ComputeJer = false };
        var sys = Rttm.ReadAnnotations(Fixtures.Path("der", "sys", system));
        foreach (var (id, hyp) in sys.Take(10))
        {
            var reference = Rttm.Read(Fixtures.Data("voxconverse-rttm", "dev", id + ".rttm")).ToAnnotations()[id];
            var b = DiarizationScorer.Breakdown(reference, hyp, options);
            var s = DiarizationScorer.ScoreFile(reference, hyp, options);
            Assert.Equal(s.Scored, b.Score.Scored, 9);
            Assert.Equal(s.Missed + s.FalseAlarm + s.Confusion, b.Score.Missed + b.Score.FalseAlarm + b.Score.Confusion, 9);
            // the error timeline integrates to the components
            double miss = b.Errors.Sum(e => e.Segment.Duration * e.MissedSpeakers), conf = b.Errors.Sum(e => e.Segment.Duration * e.ConfusedSpeakers);
            Assert.Equal(s.Missed, miss, 6);
            Assert.Equal(s.Confusion, conf, 6);
        }
    }

    [Fact]
    public void BreakdownWithoutReferenceIsAClearError() =>
        Assert.Throws<InvalidParameterException>(() => DiarizationScorer.Breakdown(Annotation.Empty("f"), new Annotation("f", [(0.0, 1.0, "X")])));
}
