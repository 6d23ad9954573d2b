using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ResearchKit.Models;
using ResearchKit.Torch.Models;
using ResearchKit.Verification;

namespace ResearchKit.Cli.Commands;

/// <summary><c>researchkit eval-embedding</c>: EER/minDCF of an embedding model on speaker-labelled audio.</summary>
internal static class EvalEmbeddingCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("folder") { Description = "Folder of speaker-labelled audio: one sub-folder per speaker, or files named <speaker>-… / <speaker>_…" };
        var model = new Option<string>("--model") { Description = "ResearchKit .safetensors model, a TorchScript .pt (torch.jit.trace of a fbank [B,T,80] → [B,D] network), or 'mfcc' for the MFCC-statistics baseline (default: the bundled model)" };
        var format = new Option<string>("--format") { Description = "table or json", DefaultValueFactory = _ => "table" };
        var channel = new Option<int?>("--channel-randomise") { Description = "Pass each utterance through its own seeded random channel (EQ, reverberation, noise 10–20 dB SNR) with this seed" };
        var threads = new Option<int>("--threads") { Description = "libtorch threads", DefaultValueFactory = _ => 2 };
        var cmd = new Command("eval-embedding", "Speaker-verification EER and minDCF over all utterance pairs, plus the cosine-distance matrix") { folder, model, format, channel, threads };
        cmd.SetAction(r =>
        {
            var fmt = r.GetValue(format)!;
            if (fmt is not ("table" or "json"))
                throw new InvalidParameterException("--format", $"'{fmt}' is not a format; use table or json.");
            var corpus = SpeakerCorpus.Load(r.GetValue(folder)!);
            var m = r.GetValue(model) ?? BundledModel.Path();
            int t = r.GetValue(threads);
            if (t < 1) throw new InvalidParameterException("--threads", $"must be at least 1, got {t}.");
            ISpeakerEmbedder embedder = m == "mfcc" ? new ResearchKit.Pipelines.MfccStatisticsEmbedder(numCeps: 13)
                : m.EndsWith(".pt", StringComparison.OrdinalIgnoreCase) ? TorchSpeakerEmbedder.LoadTorchScript(m, threads: t)
                : TorchSpeakerEmbedder.Load(m, t);
            var rep = EmbeddingEvaluation.Run(corpus, embedder, r.GetValue(channel));
            r.InvocationConfiguration.Output.Write(fmt == "json" ? Json(rep) : Table(rep));
            (embedder as IDisposable)?.Dispose();
            return 0;
        });
        return cmd;
    }

    private static string Table(EvaluationReport r)
    {
        var sb = new StringBuilder();
        var ci = CultureInfo.InvariantCulture;
        sb.AppendLine(ci, $"model {r.Model}; channel {(r.ChannelSeed is int s ? $"randomised (seed {s})" : "original")}");
        sb.AppendLine(ci, $"EER {r.Result.Eer * 100:0.00} %  minDCF(p={r.Result.PTarget}) {r.Result.MinDcf:0.000}  trials: {r.Result.TargetTrials} target, {r.Result.NonTargetTrials} non-target");
        int n = r.Files.Count;
        if (n <= 40)
        {
            var names = r.Files.Select(f => Path.GetFileNameWithoutExtension(f)).ToList();
            int w = Math.Max(6, names.Max(x => x.Length));
            sb.AppendLine("cosine distance (1 − cos):");
            sb.Append(new string(' ', w + 1));
            foreach (var x in names) sb.Append(ci, $"{Short(x),7}");
            sb.AppendLine();
            for (int i = 0; i < n; i++)
            {
                sb.Append(names[i].PadRight(w + 1));
                for (int j = 0; j < n; j++) sb.Append(ci, $"{r.CosineDistance[i, j],7:0.000}");
                sb.AppendLine();
            }
        }
        return sb.ToString();
    }

    private static string Short(string s) => s.Length <= 6 ? s : s[^6..];

    private static string Json(EvaluationReport r)
    {
        int n = r.Files.Count;
        var dist = Enumerable.Range(0, n).Select(i => Enumerable.Range(0, n).Select(j => Math.Round(r.CosineDistance[i, j], 6)).ToArray()).ToArray();
        return JsonSerializer.Serialize(new
        {
            model = r.Model, channel_seed = r.ChannelSeed, eer = r.Result.Eer, min_dcf = r.Result.MinDcf, p_target = r.Result.PTarget,
            target_trials = r.Result.TargetTrials, non_target_trials = r.Result.NonTargetTrials,
            files = r.Files, labels = r.Labels, cosine_distance = dist,
        }, new JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine;
    }
}
