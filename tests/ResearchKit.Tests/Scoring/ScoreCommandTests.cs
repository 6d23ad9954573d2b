using System.Text.Json;
using ResearchKit.Annotations;
using ResearchKit.Scoring;

namespace ResearchKit.Tests.Scoring;

/// <summary><c>researchkit score</c> end to end, and the bad-input cases of issue 11 (one test each).</summary>
public class ScoreCommandTests
{
    private static int Cli(params string[] args) => ResearchKit.Cli.Program.Main(args);

    private static string Write(string dir, string name, string text)
    {
        var p = Path.Combine(dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(p)!);
        File.WriteAllText(p, text);
        return p;
    }

    [Fact]
    public void JsonOutputFollowsTheDocumentedSchemaAndMatchesMdEval()
    {
        var dir = Fixtures.TempDir();
        var refDir = Path.Combine(dir, "ref");
        Directory.CreateDirectory(refDir);
        foreach (var f in Directory.GetFiles(Fixtures.Path("der", "sys", "jitter"))) File.Copy(Fixtures.Data("voxconverse-rttm", "dev", Path.GetFileName(f)), Path.Combine(refDir, Path.GetFileName(f)));
        var outPath = Path.Combine(dir, "out", "score.json");
        Assert.Equal(0, Cli("score", "--ref", refDir, "--hyp", Fixtures.Path("der", "sys", "jitter"), "--collar", "0.25", "--scorer", "md-eval", "--format", "json", "--out", outPath));
        var root = JsonDocument.Parse(File.ReadAllText(outPath)).RootElement;
        Assert.Equal("md-eval", root.GetProperty("options").GetProperty("scorer").GetString());
        Assert.Equal(0.25, root.GetProperty("options").GetProperty("collar").GetDouble());
        Assert.Equal(40, root.GetProperty("files").GetArrayLength());
        var first = root.GetProperty("files")[0];
        foreach (var key in new[] { "file", "scored_s", "missed_s", "false_alarm_s", "confusion_s", "der_percent", "jer_percent" })
            Assert.True(first.TryGetProperty(key, out _), key);
        var total = root.GetProperty("total");
        Assert.False(total.TryGetProperty("file", out _));
        // expected.json: jitter / mdeval.c025.ov / overall = 12383.44 s scored, 22.248 missed, 16.775 FA, 0.195 error, DER 0.3167 %
        Assert.Equal(12383.44, total.GetProperty("scored_s").GetDouble(), 3);
        Assert.Equal(16.775, total.GetProperty("false_alarm_s").GetDouble(), 3);
        Assert.Equal(0.3167, total.GetProperty("der_percent").GetDouble(), 3);
        Assert.Equal(5.5921, total.GetProperty("jer_percent").GetDouble(), 2);
    }

    [Theory]
    [InlineData("table", "TOTAL")]
    [InlineData("csv", "file,scored_s,missed_s,false_alarm_s,confusion_s")]
    [InlineData("md", "| **TOTAL** |")]
    public void TextFormatsHaveATotalRow(string format, string expected)
    {
        var dir = Fixtures.TempDir();
        var outPath = Path.Combine(dir, "score.txt");
        Assert.Equal(0, Cli("score", "--ref", Fixtures.Path("der", "edge", "ref"), "--hyp", Fixtures.Path("der", "edge", "sys", "identity"),
            "--scorer", "dscore", "--format", format, "--out", outPath));
        var text = File.ReadAllText(outPath);
        Assert.Contains(expected, text);
        Assert.Contains("e12_same_spk_sys_overlap", text);
    }

    [Fact]
    public void UnmatchedFileIdsFailUnlessAllowMissing()
    {
        var dir = Fixtures.TempDir();
        var r = Write(dir, "in/ref.rttm", "SPEAKER a 1 0 2 <NA> <NA> s1 <NA> <NA>\nSPEAKER b 1 0 2 <NA> <NA> s1 <NA> <NA>\n");
        var h = Write(dir, "in/hyp.rttm", "SPEAKER a 1 0 2 <NA> <NA> x <NA> <NA>\nSPEAKER c 1 0 1 <NA> <NA> x <NA> <NA>\n");
        var outPath = Path.Combine(dir, "out", "s.json");
        Assert.Equal(2, Cli("score", "--ref", r, "--hyp", h, "--out", outPath));
        Assert.False(File.Exists(outPath));
        Assert.Equal(0, Cli("score", "--ref", r, "--hyp", h, "--allow-missing", "--format", "json", "--out", outPath));
        var root = JsonDocument.Parse(File.ReadAllText(outPath)).RootElement;
        Assert.Equal(["b"], root.GetProperty("missing_in_hypothesis").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(["c"], root.GetProperty("missing_in_reference").EnumerateArray().Select(x => x.GetString()));
        var total = root.GetProperty("total");
        Assert.Equal(4.0, total.GetProperty("scored_s").GetDouble());
        Assert.Equal(2.0, total.GetProperty("missed_s").GetDouble());   // b: all missed
        Assert.Equal(50.0, total.GetProperty("der_percent").GetDouble(), 9);
        var c = root.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("file").GetString() == "c");
        Assert.False(c.GetProperty("in_total").GetBoolean());
        Assert.Equal(JsonValueKind.Null, c.GetProperty("der_percent").ValueKind);
        Assert.Equal(1.0, c.GetProperty("false_alarm_s").GetDouble());
    }

    [Fact]
    public void RefusesToWriteIntoAnInputFolder()
    {
        var dir = Fixtures.TempDir();
        var r = Write(dir, "in/ref.rttm", "SPEAKER a 1 0 2 <NA> <NA> s1 <NA> <NA>\n");
        Assert.Equal(2, Cli("score", "--ref", Path.Combine(dir, "in"), "--hyp", r, "--out", Path.Combine(dir, "in", "score.txt")));
        Assert.False(File.Exists(Path.Combine(dir, "in", "score.txt")));
    }

    // ---------------- bad input (issue 11), one test per case ----------------

    [Fact]
    public void BadInput_MalformedRttmLineFailsWithFileLineField()
    {
        var dir = Fixtures.TempDir();
        var r = Write(dir, "ref.rttm", "SPEAKER a 1 0 2 <NA> <NA> s1 <NA> <NA>\nSPEAKER a 1 2.5 NaN <NA> <NA> s2 <NA> <NA>\n");
        var e = Assert.Throws<AnnotationFormatException>(() => Rttm.ReadAnnotations(r));
        Assert.Equal($"{r}:2:5: duration 'NaN' is not a finite number of seconds; write it as a decimal such as 12.340.", e.Message);
        var outPath = Path.Combine(dir, "out.txt");
        Assert.Equal(2, Cli("score", "--ref", r, "--hyp", r, "--out", outPath));
        Assert.False(File.Exists(outPath));
        // field count, non-numeric and negative times: RttmTests.MalformedLinesReportFileLineField (one row each)
    }

    [Fact]
    public void BadInput_OverlappingSameSpeakerTurnsAreMergedAndReported()
    {
        var reference = new Dictionary<string, Annotation> { ["f"] = new("f", [(0.0, 8.0, "A")]) };
        var hypothesis = new Dictionary<string, Annotation> { ["f"] = new("f", [(0.0, 5.0, "X"), (3.0, 8.0, "X")]) };
        foreach (var options in new[] { DerOptions.MdEval, DerOptions.Dscore })
        {
            var report = DiarizationScorer.Score(reference, hypothesis, options);
            Assert.Equal(0.0, report.Total.DerPercent);   // the speaker counts once over [3,5]: no false alarm
            Assert.Contains(report.Warnings, w => w.Contains("hypothesis file 'f'") && w.Contains("(X)"));
        }
    }

    [Fact]
    public void BadInput_ReferenceWithoutScoredSpeechHasUndefinedDer()
    {
        // The only reference turn lies outside the UEM: nothing is scored, DER is undefined (null), not a division by zero.
        var reference = new Dictionary<string, Annotation> { ["f"] = new("f", [(10.0, 12.0, "A")]) };
        var hypothesis = new Dictionary<string, Annotation> { ["f"] = new("f", [(0.0, 1.0, "X")]) };
        var uem = new Uem([new("f", new Timeline([new Segment(0, 5)]))]);
        var report = DiarizationScorer.Score(reference, hypothesis, DerOptions.MdEval, uem);
        Assert.Equal(0.0, report.Total.Scored);
        Assert.Null(report.Total.DerPercent);
        Assert.Null(report.MeanFileDerPercent);
        Assert.Contains("undefined", ScoreReportFormat.Render(report, ScoreFormat.Table));
        Assert.Contains("\"der_percent\": null", ScoreReportFormat.Render(report, ScoreFormat.Json));
    }

    [Fact]
    public void BadInput_UemNotCoveringAFileIsReportedAndFailsTheCli()
    {
        var reference = new Dictionary<string, Annotation> { ["a"] = new("a", [(1.0, 3.0, "A")]), ["b"] = new("b", [(1.0, 4.0, "A")]) };
        var hypothesis = new Dictionary<string, Annotation> { ["a"] = new("a", [(1.0, 3.0, "X")]), ["b"] = new("b", [(0.0, 4.0, "X")]) };
        var uem = new Uem([new("a", new Timeline([new Segment(0, 5)]))]);
        var md = DiarizationScorer.Score(reference, hypothesis, DerOptions.MdEval, uem);
        Assert.Equal(["b"], md.NotInUem);
        Assert.Equal(3.0, md.Files.Single(f => f.FileId == "b").Scored);       // md-eval: falls back to the reference extent [1,4]
        Assert.Equal(0.0, md.Files.Single(f => f.FileId == "b").FalseAlarm);
        var ds = DiarizationScorer.Score(reference, hypothesis, DerOptions.Dscore, uem);
        Assert.False(ds.Files.Single(f => f.FileId == "b").InTotal);           // dscore: drops the file
        Assert.Equal(2.0, ds.Total.Scored);

        var dir = Fixtures.TempDir();
        var r = Write(dir, "ref.rttm", Rttm.Format(reference.Values));
        var h = Write(dir, "hyp.rttm", Rttm.Format(hypothesis.Values));
        var u = Write(dir, "a.uem", uem.Format());
        Assert.Equal(2, Cli("score", "--ref", r, "--hyp", h, "--uem", u, "--out", Path.Combine(dir, "o.txt")));
        Assert.False(File.Exists(Path.Combine(dir, "o.txt")));
        Assert.Equal(0, Cli("score", "--ref", r, "--hyp", h, "--uem", u, "--allow-missing", "--out", Path.Combine(dir, "o.txt")));
    }

    [Fact]
    public void BadInput_DuplicateFileIdAcrossInputFilesFails()
    {
        var dir = Fixtures.TempDir();
        Write(dir, "ref/one.rttm", "SPEAKER rec 1 0 2 <NA> <NA> s1 <NA> <NA>\n");
        Write(dir, "ref/two.rttm", "SPEAKER rec 1 5 2 <NA> <NA> s1 <NA> <NA>\n");
        var h = Write(dir, "hyp.rttm", "SPEAKER rec 1 0 2 <NA> <NA> x <NA> <NA>\n");
        var e = Assert.Throws<InvalidInputFileException>(() => Rttm.ReadAnnotations(Path.Combine(dir, "ref")));
        Assert.Contains("file id 'rec' also occurs in", e.Message);
        Assert.Equal(2, Cli("score", "--ref", Path.Combine(dir, "ref"), "--hyp", h, "--out", Path.Combine(dir, "o.txt")));
        Assert.False(File.Exists(Path.Combine(dir, "o.txt")));
    }

    [Fact]
    public void BadInput_NegativeCollarIsRejected()
    {
        var e = Assert.Throws<InvalidParameterException>(() => (DerOptions.MdEval with { Collar = -0.25 }).Validate());
        Assert.Equal("collar", e.Parameter);
    }

    [Fact]
    public void PyannoteCollarConversionHalvesTheWidth() =>
        Assert.Equal(0.25, DerOptions.CollarFromPyannote(0.5));
}
