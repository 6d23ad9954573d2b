using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ResearchKit.Pipelines;
using ResearchKit.Verification;

namespace ResearchKit.Tests.Torch;

/// <summary>
/// <c>researchkit eval-embedding</c> on the bundled 4persons clips: 4 speakers × 3 files give C(12,2) = 66 trials,
/// 4·C(3,2) = 12 target and 54 non-target.
/// </summary>
[Collection(LibtorchCollection.Name)]
public class EvalEmbeddingCommandTests
{
    [Fact]
    public void Table_output_prints_eer_trial_counts_and_the_12_by_12_distance_matrix()
    {
        var (code, output, _) = CliRun.Invoke("eval-embedding", Fixtures.Data("4persons"), "--model", "mfcc");
        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("model ", lines[0]);
        Assert.Contains("channel original", lines[0]);
        Assert.Matches(@"^EER \d+\.\d\d %  minDCF\(p=[0-9.]+\) \d\.\d{3}  trials: 12 target, 54 non-target", lines[1]);
        Assert.Equal("cosine distance (1 − cos):", lines[2]);
        var rows = lines.Skip(4).ToList();
        Assert.Equal(12, rows.Count);
        for (int i = 0; i < 12; i++)
        {
            var cells = rows[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(13, cells.Length);
            Assert.Equal(0.0, double.Parse(cells[i + 1], CultureInfo.InvariantCulture), 3);
        }
    }

    [Fact]
    public void Json_output_has_the_trial_counts_and_the_library_result()
    {
        var (code, output, _) = CliRun.Invoke("eval-embedding", Fixtures.Data("4persons"), "--model", "mfcc", "--format", "json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(12, root.GetProperty("target_trials").GetInt32());
        Assert.Equal(54, root.GetProperty("non_target_trials").GetInt32());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("channel_seed").ValueKind);
        Assert.Equal(12, root.GetProperty("files").GetArrayLength());
        var dist = root.GetProperty("cosine_distance");
        Assert.Equal(12, dist.GetArrayLength());
        for (int i = 0; i < 12; i++)
            for (int j = 0; j < 12; j++)
                Assert.Equal(dist[i][j].GetDouble(), dist[j][i].GetDouble(), 6);
        // The command is a thin shell: the same numbers as the library on the same embedder.
        var lib = EmbeddingEvaluation.Run(SpeakerCorpus.Load(Fixtures.Data("4persons")), new MfccStatisticsEmbedder(numCeps: 13));
        Assert.Equal(lib.Result.Eer, root.GetProperty("eer").GetDouble(), 12);
        Assert.Equal(lib.Result.MinDcf, root.GetProperty("min_dcf").GetDouble(), 12);
    }

    [Fact]
    public void Channel_randomisation_is_reported_and_seeded()
    {
        var a = CliRun.Invoke("eval-embedding", Fixtures.Data("4persons"), "--model", "mfcc", "--channel-randomise", "5", "--format", "json");
        var b = CliRun.Invoke("eval-embedding", Fixtures.Data("4persons"), "--model", "mfcc", "--channel-randomise", "5", "--format", "json");
        Assert.Equal(0, a.Code);
        Assert.Equal(a.Output, b.Output);
        using var doc = JsonDocument.Parse(a.Output);
        Assert.Equal(5, doc.RootElement.GetProperty("channel_seed").GetInt32());
        Assert.Equal(12, doc.RootElement.GetProperty("target_trials").GetInt32());
    }

    [Fact]
    public void The_default_bundled_model_gives_the_same_trial_counts()
    {
        var (code, output, _) = CliRun.Invoke("eval-embedding", Fixtures.Data("4persons"), "--threads", "1");
        Assert.Equal(0, code);
        Assert.Contains("researchkit-xvector-v2", output);
        Assert.Matches(new Regex(@"trials: 12 target, 54 non-target"), output);
    }

    [Fact]
    public void A_TorchScript_model_runs_through_the_same_evaluation()
    {
        // tests/fixtures/torch/tiny_xvector.ts.pt: torch.jit.trace of a random 8-d x-vector (export_torchscript.py --fixture).
        var ts = Fixtures.Path("torch", "tiny_xvector.ts.pt");
        var (code, output, _) = CliRun.Invoke("eval-embedding", Fixtures.Data("4persons"), "--model", ts, "--format", "json", "--threads", "1");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal("tiny_xvector.ts", doc.RootElement.GetProperty("model").GetString());
        Assert.Equal(12, doc.RootElement.GetProperty("target_trials").GetInt32());
        using var embedder = ResearchKit.Torch.Models.TorchSpeakerEmbedder.LoadTorchScript(ts);
        var lib = EmbeddingEvaluation.Run(SpeakerCorpus.Load(Fixtures.Data("4persons")), embedder);
        Assert.Equal(lib.Result.Eer, doc.RootElement.GetProperty("eer").GetDouble(), 12);
    }

    [Fact]
    public void An_unknown_format_is_rejected()
    {
        var error = CliRun.Fails("eval-embedding", Fixtures.Data("4persons"), "--model", "mfcc", "--format", "csv");
        Assert.Contains("--format", error);
    }

    [Fact]
    public void A_speaker_with_one_file_is_rejected()
    {
        var dir = Fixtures.TempDir();
        foreach (var f in new[] { "a_1.wav", "a_2.wav", "b_1.wav" }) File.Copy(Fixtures.Data("4persons", f), Path.Combine(dir, f));
        var error = CliRun.Fails("eval-embedding", dir, "--model", "mfcc");
        Assert.Contains("speaker 'b' has only one utterance", error);
    }

    [Fact]
    public void A_missing_model_file_is_rejected()
    {
        var missing = Path.Combine(Fixtures.TempDir(), "none.safetensors");
        var error = CliRun.Fails("eval-embedding", Fixtures.Data("4persons"), "--model", missing);
        Assert.Contains("model file not found", error);
    }
}
