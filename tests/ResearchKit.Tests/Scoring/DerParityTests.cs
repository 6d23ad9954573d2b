using System.Collections.Concurrent;
using System.Text.Json;
using ResearchKit.Annotations;
using ResearchKit.Scoring;

namespace ResearchKit.Tests.Scoring;

/// <summary>
/// Parity with md-eval-22.pl and dscore on tests/fixtures/der (see its README): every DER to 0.01 points, every
/// time component to 1 ms, JER to 0.01 points, for both conventions, per file and overall.
/// </summary>
public class DerParityTests
{
    private const double DerTol = 0.01, SecondsTol = 1e-3, JerTol = 0.01;

    private sealed record Fixture(JsonElement Root, IReadOnlyDictionary<string, Annotation> Ref, Uem Uem, Func<string, IReadOnlyDictionary<string, Annotation>> Sys);

    private static readonly Lazy<Fixture> Dev40 = new(() =>
    {
        var root = JsonDocument.Parse(File.ReadAllText(Fixtures.Path("der", "expected.json"))).RootElement;
        var refs = new Dictionary<string, Annotation>();
        foreach (var id in root.GetProperty("file_ids").EnumerateArray())
            foreach (var (k, v) in Rttm.Read(Fixtures.Data("voxconverse-rttm", "dev", id.GetString() + ".rttm")).ToAnnotations()) refs.Add(k, v);
        return new Fixture(root, refs, Uem.Read(Fixtures.Path("der", "uem", "dev40.uem")),
            kind => Rttm.ReadAnnotations(Fixtures.Path("der", "sys", kind)));
    });

    private static readonly Lazy<Fixture> Edge = new(() =>
    {
        var root = JsonDocument.Parse(File.ReadAllText(Fixtures.Path("der", "edge", "expected.json"))).RootElement;
        return new Fixture(root, Rttm.ReadAnnotations(Fixtures.Path("der", "edge", "ref")), Uem.Read(Fixtures.Path("der", "edge", "uem", "edge.uem")),
            kind => Rttm.ReadAnnotations(Fixtures.Path("der", "edge", "sys", kind)));
    });

    private static readonly ConcurrentDictionary<(string, string, string), ScoreReport> Cache = new();

    private static DerOptions OptionsFor(JsonElement optionSet) => new()
    {
        Convention = optionSet.GetProperty("scorer").GetString()!.StartsWith("dscore") ? ScorerConvention.Dscore : ScorerConvention.MdEval,
        Collar = optionSet.GetProperty("collar").GetDouble(),
        SkipOverlap = optionSet.GetProperty("ignore_overlap").GetBoolean(),
    };

    private static ScoreReport Report(string set, Fixture f, string system, string optionSet) =>
        Cache.GetOrAdd((set, system, optionSet), _ =>
        {
            var os = f.Root.GetProperty("option_sets").GetProperty(optionSet);
            bool withUem = os.GetProperty("uem").ValueKind == JsonValueKind.String;
            return DiarizationScorer.Score(f.Ref, f.Sys(system), OptionsFor(os), withUem ? f.Uem : null);
        });

    private static readonly string[] Systems = ["identity", "jitter", "confusion", "miss", "falarm", "mergesplit", "exclusive"];
    private static readonly string[] OptionSets =
    [
        "mdeval.c0.ov", "mdeval.c0.noov", "mdeval.c025.ov", "mdeval.c025.noov",
        "mdeval.uem.c0.ov", "mdeval.uem.c0.noov", "mdeval.uem.c025.ov", "mdeval.uem.c025.noov",
        "dscore.c0.ov", "dscore.c0.noov", "dscore.c025.ov", "dscore.c025.noov",
        "dscore.uem.c0.ov", "dscore.uem.c0.noov", "dscore.uem.c025.ov", "dscore.uem.c025.noov",
    ];

    public static TheoryData<string, string> SystemOptionSets()
    {
        var d = new TheoryData<string, string>();
        foreach (var s in Systems) foreach (var o in OptionSets) d.Add(s, o);
        return d;
    }

    private static readonly string[] EdgeCases =
    [
        "e01_touch_same_spk", "e02_ovl_same_spk_ref", "e03_sys_outside_ref_extent", "e04_short_ref_in_collar",
        "e05_ref_overlap_single_sys", "e06_one_sys_two_ref", "e07_empty_sys", "e08_labels_swapped",
        "e09_extra_sys_speaker", "e10_float_boundaries", "e11_straddle_extent", "e12_same_spk_sys_overlap",
    ];

    public static TheoryData<string, string, string> EdgeRows()
    {
        var d = new TheoryData<string, string, string>();
        foreach (var c in EdgeCases) foreach (var s in new[] { "edge", "identity" }) foreach (var o in OptionSets) d.Add(c, s, o);
        return d;
    }

    private static void AssertRecord(JsonElement expected, FileScore actual, string what)
    {
        Assert.True(Math.Abs(expected.GetProperty("scored").GetDouble() - actual.Scored) <= SecondsTol, $"{what} scored: expected {expected.GetProperty("scored")}, got {actual.Scored}");
        Assert.True(Math.Abs(expected.GetProperty("missed").GetDouble() - actual.Missed) <= SecondsTol, $"{what} missed: expected {expected.GetProperty("missed")}, got {actual.Missed}");
        Assert.True(Math.Abs(expected.GetProperty("falarm").GetDouble() - actual.FalseAlarm) <= SecondsTol, $"{what} false alarm: expected {expected.GetProperty("falarm")}, got {actual.FalseAlarm}");
        Assert.True(Math.Abs(expected.GetProperty("spkerr").GetDouble() - actual.Confusion) <= SecondsTol, $"{what} confusion: expected {expected.GetProperty("spkerr")}, got {actual.Confusion}");
        double der = expected.GetProperty("der_pct").GetDouble();
        Assert.True(actual.DerPercent is { } d && Math.Abs(der - d) <= DerTol, $"{what} DER: expected {der}, got {actual.DerPercent}");
        if (expected.TryGetProperty("jer_pct", out var jer))
            Assert.True(actual.JerPercent is { } j && Math.Abs(jer.GetDouble() - j) <= JerTol, $"{what} JER: expected {jer}, got {actual.JerPercent}");
    }

    [Theory]
    [MemberData(nameof(SystemOptionSets))]
    public void Dev40MatchesReferenceScorer(string system, string optionSet)
    {
        var f = Dev40.Value;
        var report = Report("dev40", f, system, optionSet);
        var expected = f.Root.GetProperty("results").GetProperty(system).GetProperty(optionSet);
        int n = 0;
        foreach (var file in expected.GetProperty("files").EnumerateObject())
        {
            var actual = report.Files.Single(x => x.FileId == file.Name);
            AssertRecord(file.Value, actual, $"{system}/{optionSet}/{file.Name}");
            n++;
        }
        Assert.Equal(40, n);
        Assert.Equal(40, report.Files.Count(x => x.InTotal));
        AssertRecord(expected.GetProperty("overall"), report.Total, $"{system}/{optionSet}/overall");
    }

    [Theory]
    [MemberData(nameof(EdgeRows))]
    public void EdgeCaseMatchesReferenceScorer(string edgeCase, string system, string optionSet)
    {
        var f = Edge.Value;
        var report = Report("edge", f, system, optionSet);
        var expected = f.Root.GetProperty("results").GetProperty(system).GetProperty(optionSet).GetProperty("files").GetProperty(edgeCase);
        AssertRecord(expected, report.Files.Single(x => x.FileId == edgeCase), $"{edgeCase}/{system}/{optionSet}");
    }

    public static TheoryData<string, string> EdgeSystemOptionSets()
    {
        var d = new TheoryData<string, string>();
        foreach (var s in new[] { "edge", "identity" }) foreach (var o in OptionSets) d.Add(s, o);
        return d;
    }

    [Theory]
    [MemberData(nameof(EdgeSystemOptionSets))]
    public void EdgeTotalsMatch(string system, string optionSet)
    {
        var f = Edge.Value;
        var report = Report("edge", f, system, optionSet);
        AssertRecord(f.Root.GetProperty("results").GetProperty(system).GetProperty(optionSet).GetProperty("overall"), report.Total, $"edge/{system}/{optionSet}/overall");
    }

    [Fact]
    public void ConventionsDifferWhereTheFixtureSaysTheyDo()
    {
        // README: without a UEM md-eval ignores system speech outside the reference extent, dscore scores it.
        var f = Dev40.Value;
        var md = Report("dev40", f, "falarm", "mdeval.c0.ov").Total.DerPercent!.Value;
        var ds = Report("dev40", f, "falarm", "dscore.c0.ov").Total.DerPercent!.Value;
        Assert.Equal(0.7560, md, 3);
        Assert.Equal(1.2115, ds, 3);
    }

    // ---- the 216-file dev speed run (expected.json -> full_dev): md-eval -c 0.25 per file + ALL, dscore --collar 0.25 overall ----

    private static readonly Lazy<(JsonElement Expected, IReadOnlyDictionary<string, Annotation> Ref, IReadOnlyDictionary<string, Annotation> Sys)> FullDev = new(() =>
    {
        var root = JsonDocument.Parse(File.ReadAllText(Fixtures.Path("der", "expected.json"))).RootElement.GetProperty("full_dev");
        var refs = Rttm.ReadAnnotations(Fixtures.Data("voxconverse-rttm", "dev"));
        using var gz = new System.IO.Compression.GZipStream(File.OpenRead(Fixtures.Path("der", "sys_full", "jitter_dev216.rttm.gz")), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        var sys = Rttm.Parse(reader.ReadToEnd(), "jitter_dev216.rttm").ToAnnotations();
        return (root, refs, sys);
    });

    private static readonly Lazy<ScoreReport> FullDevMdEval = new(() =>
        DiarizationScorer.Score(FullDev.Value.Ref, FullDev.Value.Sys, DerOptions.MdEvalCollar025 with { ComputeJer = false }));

    public static TheoryData<string> FullDevFiles()
    {
        var d = new TheoryData<string> { "ALL" };
        foreach (var f in Directory.GetFiles(Fixtures.Data("voxconverse-rttm", "dev"), "*.rttm").OrderBy(x => x, StringComparer.Ordinal))
            d.Add(Path.GetFileNameWithoutExtension(f));
        return d;
    }

    [Theory]
    [MemberData(nameof(FullDevFiles))]
    public void FullDevMatchesMdEval(string file)
    {
        var md = FullDev.Value.Expected.GetProperty("mdeval").GetProperty("per_file");
        var report = FullDevMdEval.Value;
        Assert.Equal(216, report.Files.Count);
        if (file == "ALL") AssertRecord(md.GetProperty("overall"), report.Total, "full_dev/ALL");
        else AssertRecord(md.GetProperty("files").GetProperty(file), report.Files.Single(f => f.FileId == file), $"full_dev/{file}");
    }

    [Fact]
    public void FullDevMatchesDscore()
    {
        var report = DiarizationScorer.Score(FullDev.Value.Ref, FullDev.Value.Sys, DerOptions.Dscore with { Collar = 0.25 });
        AssertRecord(FullDev.Value.Expected.GetProperty("dscore").GetProperty("overall"), report.Total, "full_dev/dscore");
    }
}
