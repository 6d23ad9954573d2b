using ResearchKit.Cli;
using ResearchKit.Experiments;

namespace ResearchKit.Tests.Experiments;

public class CliTests
{
    private static string TwoFileDataset()
    {
        var d = Fixtures.TempDir();
        foreach (var f in new[] { "sample", "dev00" })
            foreach (var ext in new[] { ".wav", ".rttm", ".uem" })
                File.Copy(Fixtures.Data("conversations", f + ext), Path.Combine(d, f + ext));
        return d;
    }

    [Fact]
    public void Evaluate_shards_merge_into_one_report()
    {
        var data = TwoFileDataset();
        var o = Fixtures.TempDir();
        Assert.Equal(0, Program.Main(["evaluate", "--root", data, "--pipeline", "windows", "--shard", "1/2", "--out", Path.Combine(o, "s1"), "--parallel", "1"]));
        Assert.Equal(0, Program.Main(["evaluate", "--root", data, "--pipeline", "windows", "--shard", "2/2", "--out", Path.Combine(o, "s2"), "--parallel", "1"]));
        Assert.Single(Directory.GetFiles(Path.Combine(o, "s1"), "*.rttm"));
        Assert.Equal(0, Program.Main(["merge", Path.Combine(o, "s1"), Path.Combine(o, "s2"), "--out", Path.Combine(o, "all")]));
        var merged = ResultTable.ReadCsv(Path.Combine(o, "all", "results.csv"));
        Assert.Equal(["dev00", "sample"], merged.Rows.Select(r => r.File));
        using var der = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(o, "all", "der.json")));
        Assert.Equal(2, der.RootElement.GetProperty("files").GetArrayLength());
        Assert.True(der.RootElement.GetProperty("total").GetProperty("der_percent").GetDouble() > 0);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(o, "all"), "*.rttm").Length);

        // der.json is the `score` command's JSON: score the written hypotheses against the references ourselves.
        var sc = Fixtures.TempDir();
        foreach (var (name, ext, dir) in new[] { ("ref.rttm", ".rttm", data), ("hyp.rttm", ".rttm", Path.Combine(o, "all")), ("all.uem", ".uem", data) })
            File.WriteAllText(Path.Combine(sc, name), string.Concat(new[] { "dev00", "sample" }.Select(f => File.ReadAllText(Path.Combine(dir, f + ext)))));
        Assert.Equal(0, Program.Main(["score", "--ref", Path.Combine(sc, "ref.rttm"), "--hyp", Path.Combine(sc, "hyp.rttm"), "--uem", Path.Combine(sc, "all.uem"),
            "--format", "json", "--out", Path.Combine(sc, "score.json")]));
        using var expected = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(sc, "score.json")));
        foreach (var shardDir in new[] { "s1", "s2" })
        {
            using var d = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(o, shardDir, "der.json")));
            var f = Assert.Single(d.RootElement.GetProperty("files").EnumerateArray());
            SameScore(expected.RootElement.GetProperty("files").EnumerateArray().Single(e => e.GetProperty("file").GetString() == f.GetProperty("file").GetString()), f);
            Assert.EndsWith(".uem", d.RootElement.GetProperty("options").GetProperty("uem").GetString());
        }
        for (int i = 0; i < 2; i++) SameScore(expected.RootElement.GetProperty("files")[i], der.RootElement.GetProperty("files")[i]);
        SameScore(expected.RootElement.GetProperty("total"), der.RootElement.GetProperty("total"));
        Assert.StartsWith("windows-", der.RootElement.GetProperty("options").GetProperty("config").GetString());
        var keys = (System.Text.Json.JsonElement e) => e.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(keys(expected.RootElement), keys(der.RootElement));
        Assert.Equal(keys(expected.RootElement.GetProperty("files")[0]), keys(der.RootElement.GetProperty("files")[0]));
    }

    /// <summary>Every key of the scorer's record has the same value (numbers to 1e-4: results.csv keeps seconds to 6 decimals).</summary>
    private static void SameScore(System.Text.Json.JsonElement expected, System.Text.Json.JsonElement actual)
    {
        foreach (var p in expected.EnumerateObject())
        {
            var a = actual.GetProperty(p.Name);
            if (p.Value.ValueKind == System.Text.Json.JsonValueKind.Number) Assert.True(Math.Abs(p.Value.GetDouble() - a.GetDouble()) <= 1e-4, $"{p.Name}: {p.Value} vs {a}");
            else Assert.Equal(p.Value.ToString(), a.ToString());
        }
    }

    [Fact]
    public void Diarize_writes_the_seed_json_and_refuses_to_write_into_the_input_folder()
    {
        var data = TwoFileDataset();
        var o = Path.Combine(Fixtures.TempDir(), "x.json");
        Assert.Equal(0, Program.Main(["diarize", Path.Combine(data, "sample.wav"), "--pipeline", "frames", "--num-speakers", "2", "--out", o]));
        using var j = System.Text.Json.JsonDocument.Parse(File.ReadAllText(o));
        var first = j.RootElement.GetProperty("diarization")[0];
        Assert.StartsWith("SPEAKER_0", first.GetProperty("speaker").GetString());
        Assert.Matches(@"^\d+\.\d{3}$", first.GetProperty("start").GetString()!);
        Assert.Equal(2, Program.Main(["diarize", Path.Combine(data, "sample.wav"), "--out", Path.Combine(data, "out.rttm")]));
        Assert.False(File.Exists(Path.Combine(data, "out.rttm")));
        Assert.Equal(2, Program.Main(["diarize", Path.Combine(data, "sample.wav"), "--min-speakers", "3", "--max-speakers", "2", "--out", o + ".rttm"]));
        Assert.Equal(2, Program.Main(["diarize", Path.Combine(data, "sample.wav"), "--pipeline", "pyannote", "--models", Path.Combine(data, "none"), "--out", o + ".rttm"]));
    }

    [Fact]
    public void Evaluate_strict_fails_when_audio_is_missing_for_a_reference()
    {
        var data = TwoFileDataset();
        File.WriteAllText(Path.Combine(data, "ghost.rttm"), "SPEAKER ghost 1 0.0 1.0 <NA> <NA> a <NA> <NA>\n");
        Assert.Equal(2, Program.Main(["evaluate", "--root", data, "--strict", "--out", Path.Combine(Fixtures.TempDir(), "e")]));
    }

    [Fact]
    public void Sweep_reuses_cached_embeddings_and_simulate_writes_a_dataset()
    {
        var data = TwoFileDataset();
        var cache = Fixtures.TempDir();
        Assert.Equal(0, Program.Main(["sweep", "--root", data, "--pipeline", "windows", "--param", "clustering.threshold=0.8:1.2:0.2", "--cache", cache, "--parallel", "1"]));
        Assert.Equal(4, Directory.GetFiles(cache).Length); // one .npy + one .json per file, computed once for 3 thresholds
        var sim = Fixtures.TempDir();
        Assert.Equal(0, Program.Main(["simulate", "--sources", Fixtures.Path("librispeech"), "--out", sim, "--spk-counts", "2", "--min-dur", "20", "--max-dur", "24", "--seed", "4"]));
        Assert.True(File.Exists(Path.Combine(sim, "sim00.wav")) && File.Exists(Path.Combine(sim, "sim00.rttm")) && File.Exists(Path.Combine(sim, "sim00.uem")));
    }
}
