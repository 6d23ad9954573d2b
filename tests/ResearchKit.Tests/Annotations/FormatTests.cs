using ResearchKit.Annotations;

namespace ResearchKit.Tests.Annotations;

public class RttmTests
{
    public static TheoryData<string> VoxConverseDev()
    {
        var d = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Fixtures.Data("voxconverse-rttm", "dev"), "*.rttm").OrderBy(x => x).Take(40))
            d.Add(Path.GetFileName(f));
        return d;
    }

    [Theory]
    [MemberData(nameof(VoxConverseDev))]
    public void RoundTripIsByteForByte(string name)
    {
        var path = Fixtures.Data("voxconverse-rttm", "dev", name);
        var doc = Rttm.Read(path);
        Assert.NotEmpty(doc.Turns);
        Assert.Equal(File.ReadAllText(path), Rttm.Format(doc.Turns));
    }

    [Fact]
    public void ManyFilesCommentsBlankLinesAndNineFields()
    {
        var text = "# comment\n\nSPEAKER a 1 0.5 1.25 <NA> <NA> s1 <NA> <NA>\n  ; another comment\nSPKR-INFO a 1 <NA> <NA> <NA> unknown s1 <NA> <NA>\n" +
                   "SPEAKER b 1 0.1 0.2 <NA> <NA> s2 <NA>\nSPEAKER a 1 2.000 1.000 <NA> <NA> s2 <NA> <NA>\n";
        var doc = Rttm.Parse(text, "x.rttm");
        Assert.Equal(3, doc.Turns.Count);
        Assert.Equal([5], doc.SkippedLines);
        Assert.Equal(["a", "b"], doc.FileIds());
        var anns = doc.ToAnnotations();
        Assert.Equal(2, anns["a"].Count);
        Assert.Equal(0.30000000000000004, anns["b"].Tracks[0].Segment.End);
        Assert.Null(doc.Turns[1].Lookahead);
        Assert.Equal("SPEAKER a 1 0.5 1.25 <NA> <NA> s1 <NA> <NA>\nSPEAKER b 1 0.1 0.2 <NA> <NA> s2 <NA>\nSPEAKER a 1 2.000 1.000 <NA> <NA> s2 <NA> <NA>\n",
            Rttm.Format(doc.Turns));
    }

    [Fact]
    public void AnnotationsWriteWithThreeDecimalsAndReadBack()
    {
        var a = new Annotation("rec", [(8.68, 8.68 + 55.96, "A"), (0.1, 0.1 + 0.2, "B")]);
        string text = Rttm.Format([a]);
        Assert.Equal("SPEAKER rec 1 0.100 0.200 <NA> <NA> B <NA> <NA>\nSPEAKER rec 1 8.680 55.960 <NA> <NA> A <NA> <NA>\n", text);
        var back = Rttm.Parse(text).ToAnnotations()["rec"];
        Assert.Equal(a.Tracks, back.Tracks);
    }

    [Theory]
    [InlineData("SPEAKER a 1 0.5 1.0 <NA> <NA> s1", 1, 0, "10 fields")]
    [InlineData("SPEAKER a 1 abc 1.0 <NA> <NA> s1 <NA> <NA>", 1, 4, "onset 'abc'")]
    [InlineData("SPEAKER a 1 0.5 x1 <NA> <NA> s1 <NA> <NA>", 1, 5, "duration 'x1'")]
    [InlineData("SPEAKER a 1 -0.5 1.0 <NA> <NA> s1 <NA> <NA>", 1, 4, "negative")]
    [InlineData("SPEAKER a 1 0.5 -1.0 <NA> <NA> s1 <NA> <NA>", 1, 5, "negative")]
    [InlineData("SPEAKER a 1 NaN 1.0 <NA> <NA> s1 <NA> <NA>", 1, 4, "not a finite number")]
    [InlineData("SPEAKER a 1 0 Infinity <NA> <NA> s1 <NA> <NA>", 1, 5, "not a finite number")]
    [InlineData("# ok\nSPEAKR a 1 0 1 <NA> <NA> s1 <NA> <NA>", 2, 1, "unknown RTTM record type")]
    public void MalformedLinesReportFileLineField(string text, int line, int field, string what)
    {
        var e = Assert.Throws<AnnotationFormatException>(() => Rttm.Parse(text, "bad.rttm"));
        Assert.Equal(line, e.Line);
        Assert.Equal(field, e.Field);
        Assert.Contains(what, e.Message);
        Assert.StartsWith(field > 0 ? $"bad.rttm:{line}:{field}: " : $"bad.rttm:{line}: ", e.Message);
        Assert.IsAssignableFrom<ResearchKitException>(e);
    }

    [Fact]
    public void DuplicateFileIdAcrossInputFilesIsAnError()
    {
        var dir = Fixtures.TempDir();
        File.WriteAllText(Path.Combine(dir, "a.rttm"), "SPEAKER rec 1 0 1 <NA> <NA> s1 <NA> <NA>\n");
        File.WriteAllText(Path.Combine(dir, "b.rttm"), "SPEAKER rec 1 2 1 <NA> <NA> s1 <NA> <NA>\n");
        var e = Assert.Throws<InvalidInputFileException>(() => Rttm.ReadAnnotations(dir));
        Assert.Contains("'rec'", e.Message);
        Assert.Contains("a.rttm", e.Message);
    }

    [Fact]
    public void WriteIsAtomicAndReadable()
    {
        var dir = Fixtures.TempDir();
        var p = Path.Combine(dir, "out.rttm");
        Rttm.Write(p, [new Annotation("x", [(0.0, 1.5, "A")])]);
        Assert.Equal("SPEAKER x 1 0.000 1.500 <NA> <NA> A <NA> <NA>\n", File.ReadAllText(p));
        Assert.Single(Directory.GetFiles(dir));
    }
}

public class UemTests
{
    [Fact]
    public void RoundTripsFixtureUem()
    {
        var path = Fixtures.Path("der", "uem", "dev40.uem");
        var uem = Uem.Read(path);
        Assert.Equal(40, uem.FileIds.Count);
        Assert.Equal(new Segment(0, 64.64), uem["abjxc"]![0]);
        Assert.Equal(File.ReadAllText(path), uem.Format());
    }

    [Fact]
    public void MergesOverlappingRegionsAndSkipsComments()
    {
        var uem = Uem.Parse(";; c\nf 1 0 5\nf 1 4 8\n\ng 1 1.5 2\n");
        Assert.Equal([new Segment(0, 8)], uem["f"]!.ToArray());
        Assert.Null(uem["h"]);
    }

    [Theory]
    [InlineData("f 1 0", 1, 0)]
    [InlineData("f 1 x 5", 1, 3)]
    [InlineData("f 1 0 -5", 1, 4)]
    [InlineData("f 1 5 5", 1, 4)]
    public void MalformedLines(string text, int line, int field)
    {
        var e = Assert.Throws<AnnotationFormatException>(() => Uem.Parse(text, "u.uem"));
        Assert.Equal((line, field), (e.Line, e.Field));
    }
}

public class JsonCsvTests
{
    [Fact]
    public void SeedJsonRoundTrip()
    {
        const string json = "{\"diarization\":[{\"speaker\":\"SPEAKER_01\",\"start\":\"0.000\",\"end\":\"2.345\"},{\"speaker\":\"SPEAKER_00\",\"start\":\"1.500\",\"end\":\"3.000\"}]}\n";
        var a = AnnotationJson.Parse(json, "rec");
        Assert.Equal(new Track(new Segment(0, 2.345), "SPEAKER_01"), a.Tracks[0]);
        Assert.Equal(json, AnnotationJson.Format(a));
    }

    [Fact]
    public void SeedJsonRejectsMissingFields()
    {
        Assert.Throws<InvalidInputFileException>(() => AnnotationJson.Parse("{\"diarization\":[{\"start\":\"0\",\"end\":\"1\"}]}", "r", "x.json"));
        Assert.Throws<InvalidInputFileException>(() => AnnotationJson.Parse("{\"diarization\":[{\"speaker\":\"a\",\"start\":\"2\",\"end\":\"1\"}]}", "r", "x.json"));
        Assert.Throws<AnnotationFormatException>(() => AnnotationJson.Parse("{", "r", "x.json"));
    }

    [Fact]
    public void CsvRoundTrip()
    {
        var a = new Annotation("r,1", [(0.0, 1.25, "A \"x\""), (1.0, 2.0, "B")]);
        var text = AnnotationCsv.Format([a]);
        Assert.Equal("file_id,start,end,speaker\n\"r,1\",0.000,1.250,\"A \"\"x\"\"\"\n\"r,1\",1.000,2.000,B\n", text);
        var back = AnnotationCsv.Parse(text)["r,1"];
        Assert.Equal(a.Tracks, back.Tracks);
        Assert.Throws<AnnotationFormatException>(() => AnnotationCsv.Parse("file,start\n"));
    }
}
