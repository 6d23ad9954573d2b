using ResearchKit.Experiments;

namespace ResearchKit.Tests.Experiments;

public class ResultTableTests
{
    private static ResultTable Sample() => new([
        new ResultRow("A", "f1", 60, 50, 5, 2, 3, 12.5, 2, 3, new Dictionary<string, double> { ["vad"] = 0.1, ["clustering"] = 0.2 }),
        new ResultRow("A", "f2", 30, 25, 0, 0, 5, null, 2, 2, new Dictionary<string, double> { ["vad"] = 0.1, ["clustering"] = 0.1 }),
        new ResultRow("B", "f1", 60, 50, 1, 1, 1, 5, 2, 2, new Dictionary<string, double> { ["vad"] = 0.1 }),
        new ResultRow("B", "f2", 30, 25, 0, 0, 0, 0, 2, 2, new Dictionary<string, double> { ["vad"] = 0.1 }),
    ]);

    [Fact]
    public void Summary_pools_components_and_reports_the_mean_of_file_ders_separately()
    {
        var s = Sample().Summary();
        // A: errors 10 + 5 = 15 over 75 s scored = 20 %; file DERs 20 % and 20 % → mean 20 %; speaker error |3−2| + 0 → 0.5.
        Assert.Equal(20.0, s[0].DerPercent, 9);
        Assert.Equal(20.0, s[0].MeanFileDerPercent, 9);
        Assert.Equal(0.5, s[0].MeanAbsSpeakerCountError);
        Assert.Equal(12.5, s[0].MeanJerPercent); // only the file with a JER counts
        Assert.Equal(0.5 / 90, s[0].RealTimeFactor, 9);
        // B: 3 / 75 = 4 %; file DERs 6 % and 0 % → mean 3 %.
        Assert.Equal(4.0, s[1].DerPercent, 9);
        Assert.Equal(3.0, s[1].MeanFileDerPercent, 9);
    }

    [Fact]
    public void DataFrame_csv_and_json_carry_every_row_and_csv_round_trips()
    {
        var t = Sample();
        var df = t.ToDataFrame();
        Assert.Equal(4, df.Rows.Count);
        Assert.Equal(20.0, (double)df["der_percent"][0]!, 9);
        Assert.Equal(0.2, (double)df["clustering_s"][0]!, 9);
        var dir = Fixtures.TempDir();
        t.Write(dir);
        var back = ResultTable.ReadCsv(Path.Combine(dir, "results.csv"));
        Assert.Equal(t.Rows.Select(r => (r.Config, r.File, r.Error, r.JerPercent)), back.Rows.Select(r => (r.Config, r.File, r.Error, r.JerPercent)));
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "results.json")));
        Assert.Equal(4, json.RootElement.GetProperty("rows").GetArrayLength());
        Assert.Equal(20.0, json.RootElement.GetProperty("summary")[0].GetProperty("der_percent").GetDouble(), 9);
        Assert.Equal(-16.0, t.Compare("A", "B", 500).Observed, 9);
    }
}
