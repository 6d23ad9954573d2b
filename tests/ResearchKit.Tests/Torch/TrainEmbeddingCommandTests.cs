using System.Text.RegularExpressions;
using ResearchKit.Torch.Models;

namespace ResearchKit.Tests.Torch;

/// <summary>
/// <c>researchkit train-embedding</c> on the bundled 4persons clips (4 speakers × 3 files of 3–6 s): a tiny compact
/// x-vector run, resume, and the bad-input cases the command rejects.
/// </summary>
[Collection(LibtorchCollection.Name)]
public class TrainEmbeddingCommandTests
{
    // A 4-step compact x-vector run; `extra` adds options or overrides the defaults below (an option given twice is a parse error).
    private static string[] Tiny(string outPath, params string[] extra)
    {
        var opts = new List<(string Name, string? Value)>
        {
            ("--arch", "xvector-compact"), ("--steps", "4"), ("--batch", "4"), ("--crop", "1"), ("--held-out", "2"),
            ("--eval-every", "2"), ("--threads", "1"), ("--augment", "0.5"),
        };
        for (int i = 0; i < extra.Length; i++)
        {
            bool flag = i + 1 >= extra.Length || extra[i + 1].StartsWith("--", StringComparison.Ordinal);
            var item = (extra[i], flag ? null : extra[i + 1]);
            int at = opts.FindIndex(o => o.Name == extra[i]);
            if (at >= 0) opts[at] = item; else opts.Add(item);
            if (!flag) i++;
        }
        var args = new List<string> { "train-embedding", Fixtures.Data("4persons"), "--out", outPath };
        foreach (var (name, value) in opts)
        {
            args.Add(name);
            if (value is not null) args.Add(value);
        }
        return [.. args];
    }

    [Fact]
    public void A_tiny_run_writes_a_loadable_model_and_a_checkpoint_and_reports_its_speed()
    {
        var model = Path.Combine(Fixtures.TempDir(), "m.safetensors");
        var (code, output, _) = CliRun.Invoke(Tiny(model));
        Assert.Equal(0, code);
        Assert.Contains("training XVector on 12 files / 4 speakers", output);
        Assert.Contains("step 4/4", output);
        Assert.Matches(@"done: all steps done; 4 steps, \d+\.\d samples/s; best held-out EER", output);
        Assert.Contains("(6 target / 9 non-target trials)", output);   // 2 held-out speakers × 3 files
        Assert.True(File.Exists(Path.Combine(model + ".ckpt", "state.json")));
        using var embedder = TorchSpeakerEmbedder.Load(model);
        Assert.Equal(128, embedder.Dimension);
    }

    [Fact]
    public void Stopping_before_the_first_progress_report_still_reports_a_non_zero_speed()
    {
        // Regression: --stop-after below the 10-step report interval printed "0.0 samples/s".
        var model = Path.Combine(Fixtures.TempDir(), "m.safetensors");
        var (code, output, _) = CliRun.Invoke(Tiny(model, "--stop-after", "3", "--eval-every", "50"));
        Assert.Equal(0, code);
        var m = Regex.Match(output, @"done: stopped after 3 steps \(--stop-after\); 3 steps, (\d+\.\d) samples/s");
        Assert.True(m.Success, output);
        Assert.True(double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 0, output);
    }

    [Fact]
    public void Resume_continues_from_the_checkpoint_to_the_planned_steps()
    {
        var model = Path.Combine(Fixtures.TempDir(), "m.safetensors");
        var (code1, out1, _) = CliRun.Invoke(Tiny(model, "--stop-after", "2"));
        Assert.Equal(0, code1);
        Assert.Contains("2 steps", out1);
        var (code2, out2, _) = CliRun.Invoke(Tiny(model, "--resume"));
        Assert.Equal(0, code2);
        Assert.Contains($"resumed from step 2 ({model}.ckpt)", out2);
        Assert.Contains("step 4/4", out2);
        Assert.DoesNotContain("step 2/4", out2);
        Assert.Contains("done: all steps done; 4 steps", out2);
        using var embedder = TorchSpeakerEmbedder.Load(model);
        Assert.Equal(128, embedder.Dimension);
    }

    [Fact]
    public void Resume_without_a_checkpoint_says_it_starts_afresh()
    {
        var model = Path.Combine(Fixtures.TempDir(), "m.safetensors");
        var (code, output, _) = CliRun.Invoke(Tiny(model, "--resume", "--stop-after", "1"));
        Assert.Equal(0, code);
        Assert.Contains($"no checkpoint at {model}.ckpt; started afresh", output);
    }

    [Fact]
    public void Speed_perturbation_is_announced_and_trains()
    {
        var model = Path.Combine(Fixtures.TempDir(), "m.safetensors");
        var (code, output, _) = CliRun.Invoke(Tiny(model, "--speed-perturb", "--stop-after", "2"));
        Assert.Equal(0, code);
        Assert.Contains("speed perturbation 0.9/1.0/1.1 (new speakers)", output);
        Assert.True(File.Exists(model));
    }

    [Fact]
    public void A_missing_training_folder_is_rejected()
    {
        var dir = Fixtures.TempDir();
        var error = CliRun.Fails("train-embedding", Path.Combine(dir, "nope"), "--out", Path.Combine(dir, "m.safetensors"));
        Assert.Contains("folder not found", error);
    }

    [Fact]
    public void An_unknown_architecture_is_rejected()
    {
        var model = Path.Combine(Fixtures.TempDir(), "m.safetensors");
        var error = CliRun.Fails(Tiny(model, "--arch", "transformer"));
        Assert.Contains("--arch", error);
        Assert.Contains("use xvector, xvector-compact, resnet34 or ecapa", error);
        Assert.False(File.Exists(model));
    }

    [Fact]
    public void Files_shorter_than_the_crop_are_rejected_and_nothing_is_written()
    {
        var model = Path.Combine(Fixtures.TempDir(), "m.safetensors");
        var error = CliRun.Fails(Tiny(model, "--crop", "8"));
        Assert.Contains("shorter than the 8 s training crop", error);
        Assert.False(File.Exists(model));
        Assert.False(Directory.Exists(model + ".ckpt"));
    }

    [Fact]
    public void A_model_inside_the_training_folder_is_refused()
    {
        var data = Fixtures.TempDir();
        foreach (var f in Directory.GetFiles(Fixtures.Data("4persons"), "*.wav")) File.Copy(f, Path.Combine(data, Path.GetFileName(f)));
        var model = Path.Combine(data, "m.safetensors");
        var error = CliRun.Fails(["train-embedding", data, "--out", model]);
        Assert.Contains("is inside the input folder", error);
        Assert.False(File.Exists(model));
    }

    [Fact]
    public void Same_speaker_labels_need_speed_perturbation()
    {
        var model = Path.Combine(Fixtures.TempDir(), "m.safetensors");
        var error = CliRun.Fails(Tiny(model, "--speed-same-speaker"));
        Assert.Contains("--speed-perturb", error);
    }
}
