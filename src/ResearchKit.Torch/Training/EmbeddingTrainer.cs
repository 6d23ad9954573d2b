using System.Diagnostics;
using System.Text.Json;
using ResearchKit.Audio;
using ResearchKit.Features;
using ResearchKit.IO;
using ResearchKit.Torch.Architectures;
using ResearchKit.Torch.Checkpoints;
using ResearchKit.Torch.Models;
using ResearchKit.Verification;
using TorchSharp;
using static TorchSharp.torch;

namespace ResearchKit.Torch.Training;

/// <summary>
/// Trains a speaker-embedding network on speaker-labelled audio: random fixed-length crops, optional random-channel
/// augmentation (<see cref="ChannelSimulator"/>), on-the-fly WeSpeaker fbank, AAM-softmax, AdamW with warm-up + cosine
/// schedule, held-out-speaker EER for model selection and early stopping, checkpoint/resume. Deterministic for a seed:
/// every crop's position and augmentation come from a generator seeded by (seed, step, index), so a resumed run draws
/// the same batches.
/// </summary>
public static class EmbeddingTrainer
{
    private sealed record CheckpointState(int Step, int BestStep, double BestEer, int SinceBest, double SumSeconds, long SumSamples);

    /// <summary>
    /// Trains and writes the best model to <paramref name="modelPath"/> (a <see cref="ModelFile"/>). Checkpoints go to
    /// <c>&lt;modelPath&gt;.ckpt/</c> at every evaluation; with <paramref name="resume"/> training continues from there.
    /// </summary>
    public static TrainingResult Train(SpeakerCorpus corpus, string modelPath, TrainOptions o, bool resume = false,
        Action<TrainingProgress>? progress = null, CancellationToken cancel = default)
    {
        Validate(o);
        Runtime.TorchRuntime.EnsureLoaded();
        torch.set_num_threads(o.Threads);
        var ckptDir = modelPath + ".ckpt";

        // --- data -------------------------------------------------------------------------------------------
        var signals = corpus.Utterances.Select(SpeakerCorpus.Read).ToList();
        for (int i = 0; i < signals.Count; i++)
            if (signals[i].SampleRate != 16000)
                throw new InvalidInputFileException(corpus.Utterances[i].Path, $"is {signals[i].SampleRate} Hz; training needs 16 kHz audio. Resample it (ffmpeg -i in -ar 16000 out.wav).");
        int crop = (int)Math.Round(o.CropSeconds * 16000);
        var rngSplit = new Random(o.Seed);
        var speakers = corpus.Speakers.ToList();
        var heldOut = speakers.OrderBy(_ => rngSplit.Next()).Take(o.HeldOutSpeakers).ToHashSet();
        var trainSpeakers = speakers.Where(s => !heldOut.Contains(s)).ToList();
        var trainUtts = new List<(int Utt, int Label)>();
        var shortOnes = new List<string>();
        for (int i = 0; i < signals.Count; i++)
        {
            var spk = corpus.Utterances[i].Speaker;
            if (heldOut.Contains(spk)) continue;
            if (signals[i].Length < crop) { shortOnes.Add($"{corpus.Utterances[i].Path} ({signals[i].Duration:0.00} s)"); continue; }
            trainUtts.Add((i, trainSpeakers.IndexOf(spk)));
        }
        if (shortOnes.Count > 0 && !o.SkipShort)
            throw new InvalidInputFileException(shortOnes[0].Split(' ')[0],
                $"is shorter than the {o.CropSeconds} s training crop ({shortOnes.Count} file(s): {string.Join(", ", shortOnes.Take(5))}). " +
                "Use a shorter --crop, remove the file(s), or pass --skip-short to leave them out.");
        var usedSpeakers = trainUtts.Select(t => t.Label).Distinct().Count();
        if (usedSpeakers < 2)
            throw new InvalidInputFileException(corpus.Root, $"only {usedSpeakers} training speaker(s) left after holding out {heldOut.Count} and dropping short files; training needs at least 2.");
        var bySpeaker = trainUtts.GroupBy(t => t.Label).OrderBy(g => g.Key).Select(g => g.Select(t => t.Utt).ToArray()).ToArray();
        var labelOfGroup = trainUtts.GroupBy(t => t.Label).OrderBy(g => g.Key).Select(g => g.Key).ToArray();
        var (heldFeats, heldLabels) = HeldOutSegments(corpus, signals, heldOut);

        // --- model ------------------------------------------------------------------------------------------
        torch.manual_seed(o.Seed);
        var net = o.Architecture.Create();
        int classes = trainSpeakers.Count * (o.SpeedPerturb && o.SpeedPerturbNewSpeakers ? SpeedPerturbation.Speeds.Count : 1);
        var head = new AamSoftmax(o.Architecture.EmbedDim, classes, o.Margin, o.Scale);
        var opt = optim.AdamW(net.parameters().Concat(head.parameters()), o.LearningRate, weight_decay: o.WeightDecay);
        var state = new CheckpointState(0, 0, double.PositiveInfinity, 0, 0, 0);
        int? resumedFrom = null;
        if (resume && File.Exists(Path.Combine(ckptDir, "state.json")))
        {
            state = JsonSerializer.Deserialize<CheckpointState>(File.ReadAllText(Path.Combine(ckptDir, "state.json")))!;
            CheckpointImport.Load(net, Path.Combine(ckptDir, "last.safetensors"), ImportOptions.Exact);
            CheckpointImport.Load(head, Path.Combine(ckptDir, "head.safetensors"), ImportOptions.Exact);
            opt.load_state_dict(Path.Combine(ckptDir, "optimizer.bin"));
            resumedFrom = state.Step;
        }
        var info = new ModelInfo(o.Architecture, "WeSpeakerFbank80", 16000,
            $"Trained by ResearchKit EmbeddingTrainer on {corpus.Root}: {trainSpeakers.Count} speakers ({heldOut.Count} held out), {JsonSerializer.Serialize(o)}");

        // --- loop -------------------------------------------------------------------------------------------
        var history = new List<TrainingProgress>();
        var clock = Stopwatch.StartNew();
        double windowLoss = 0, windowAcc = 0; int windowSteps = 0; long windowSamples = 0;
        var windowClock = Stopwatch.StartNew();
        double sumSeconds = state.SumSeconds; long sumSamples = state.SumSamples;
        string stopReason = "all steps done";
        int step = state.Step;
        Task<(float[] Feats, long[] Labels)> next = Task.Run(() => MakeBatch(o, step, crop, signals, bySpeaker, labelOfGroup, trainSpeakers.Count));
        net.train(); head.train();
        while (step < o.Steps)
        {
            cancel.ThrowIfCancellationRequested();
            if (o.MaxMinutes > 0 && clock.Elapsed.TotalMinutes >= o.MaxMinutes) { stopReason = $"time budget of {o.MaxMinutes} min reached at step {step}"; break; }
            if (o.StopAfter > 0 && step >= o.StopAfter) { stopReason = $"stopped after {o.StopAfter} steps (--stop-after)"; break; }
            var (feats, labels) = next.Result;
            int frames = feats.Length / o.BatchSize / o.Architecture.FeatDim;
            if (step + 1 < o.Steps) { int s1 = step + 1; next = Task.Run(() => MakeBatch(o, s1, crop, signals, bySpeaker, labelOfGroup, trainSpeakers.Count)); }
            double lr = LearningRateAt(o, step);
            foreach (var g in opt.ParamGroups) g.LearningRate = lr;
            double lossValue, acc;
            using (var scope = NewDisposeScope())
            {
                var x = tensor(feats, [o.BatchSize, frames, o.Architecture.FeatDim]);
                var y = tensor(labels);
                var logits = head.call(net.call(x, null), y);
                var loss = nn.functional.cross_entropy(logits, y);
                lossValue = loss.item<float>();
                if (!double.IsFinite(lossValue))
                    throw new TrainingDivergedException(step + 1, File.Exists(Path.Combine(ckptDir, "state.json")) ? ckptDir : null, lr);
                opt.zero_grad();
                loss.backward();
                opt.step();
                acc = logits.argmax(1).eq(y).to(ScalarType.Float32).mean().item<float>();
            }
            step++;
            windowLoss += lossValue; windowAcc += acc; windowSteps++; windowSamples += o.BatchSize;
            bool evalNow = step % o.EvalEvery == 0 || step == o.Steps;
            if (evalNow || step % 10 == 0)
            {
                double secs = windowClock.Elapsed.TotalSeconds;
                sumSeconds += secs; sumSamples += windowSamples;
                double? eer = null;
                if (evalNow)
                {
                    eer = HeldOutEer(net, heldFeats, heldLabels).Eer;
                    net.train();
                    if (eer < state.BestEer)
                    {
                        state = state with { BestEer = eer.Value, BestStep = step, SinceBest = 0 };
                        ModelFile.Save(modelPath, net, info);
                    }
                    else state = state with { SinceBest = state.SinceBest + 1 };
                    state = state with { Step = step, SumSeconds = sumSeconds, SumSamples = sumSamples };
                    SaveCheckpoint(ckptDir, net, head, opt, state);
                }
                var p = new TrainingProgress(step, o.Steps, windowLoss / windowSteps, windowAcc / windowSteps, windowSamples / Math.Max(secs, 1e-9), lr, eer, clock.Elapsed.TotalSeconds);
                history.Add(p);
                progress?.Invoke(p);
                windowLoss = windowAcc = 0; windowSteps = 0; windowSamples = 0;
                windowClock.Restart();
                if (evalNow && o.Patience > 0 && state.SinceBest >= o.Patience) { stopReason = $"early stop: held-out EER did not improve for {o.Patience} evaluations"; break; }
            }
        }
        // Count the steps since the last progress report too: a run stopped before its first report (e.g. --stop-after 8
        // with reports every 10 steps) would otherwise report 0 samples/s.
        if (windowSamples > 0)
        {
            sumSeconds += windowClock.Elapsed.TotalSeconds;
            sumSamples += windowSamples;
        }
        if (double.IsPositiveInfinity(state.BestEer))
        {
            // Stopped before the first evaluation: keep what we have.
            var e = HeldOutEer(net, heldFeats, heldLabels);
            state = state with { BestEer = e.Eer, BestStep = step };
            ModelFile.Save(modelPath, net, info);
        }
        var final = HeldOutEer(net, heldFeats, heldLabels);
        net.Dispose(); head.Dispose();
        return new TrainingResult(modelPath, step, state.BestStep, state.BestEer, final.TargetTrials, final.NonTargetTrials,
            sumSamples / Math.Max(sumSeconds, 1e-9), stopReason, history) { ResumedFromStep = resumedFrom };
    }

    /// <summary>Warm-up then cosine decay to 1 % of the peak (SGDR-style single cycle).</summary>
    public static double LearningRateAt(TrainOptions o, int step)
    {
        if (step < o.WarmupSteps) return o.LearningRate * (step + 1) / o.WarmupSteps;
        double t = (double)(step - o.WarmupSteps) / Math.Max(1, o.Steps - o.WarmupSteps);
        double min = o.LearningRate * 0.01;
        return min + 0.5 * (o.LearningRate - min) * (1 + Math.Cos(Math.PI * Math.Min(1, t)));
    }

    private static void Validate(TrainOptions o)
    {
        if (!(o.CropSeconds >= 0.5)) throw new InvalidParameterException("--crop", $"crop must be at least 0.5 s, got {o.CropSeconds}.");
        if (o.BatchSize < 2) throw new InvalidParameterException("--batch", $"batch size must be at least 2, got {o.BatchSize}.");
        if (o.Steps < 1) throw new InvalidParameterException("--steps", $"steps must be positive, got {o.Steps}.");
        if (!(o.LearningRate > 0)) throw new InvalidParameterException("--lr", $"learning rate must be positive, got {o.LearningRate}.");
        if (o.HeldOutSpeakers < 2) throw new InvalidParameterException("--held-out", $"at least 2 held-out speakers are needed for an EER, got {o.HeldOutSpeakers}.");
        if (o.EvalEvery < 1) throw new InvalidParameterException("--eval-every", $"must be positive, got {o.EvalEvery}.");
        if (o.Threads < 1) throw new InvalidParameterException("--threads", $"must be positive, got {o.Threads}.");
    }

    /// <summary>The features [B·T·F] and labels of step <paramref name="step"/>'s batch (deterministic for seed and step).</summary>
    internal static (float[] Feats, long[] Labels) MakeBatch(TrainOptions o, int step, int crop, List<Signal> signals, int[][] bySpeaker, int[] labelOfGroup, int speakers)
    {
        int f = o.Architecture.FeatDim;
        var items = new float[o.BatchSize][,];
        var labels = new long[o.BatchSize];
        Parallel.For(0, o.BatchSize, new ParallelOptions { MaxDegreeOfParallelism = 2 }, b =>
        {
            var rng = new Random(unchecked(o.Seed * 1_000_003 + step * 4099 + b));
            int g = rng.Next(bySpeaker.Length);
            var utts = bySpeaker[g];
            var sig = signals[utts[rng.Next(utts.Length)]];
            // The speed is drawn only when enabled, so runs without it keep their random streams.
            int speedIndex = o.SpeedPerturb ? rng.Next(SpeedPerturbation.Speeds.Count) : 0;
            var piece = speedIndex == 0
                ? sig.Slice(rng.Next(sig.Length - crop + 1), crop)
                : SpeedPerturbation.RandomCrop(sig, SpeedPerturbation.Speeds[speedIndex], crop, rng);
            if (rng.NextDouble() < o.AugmentProbability) piece = ChannelSimulator.Apply(piece, ChannelOptions.Augmentation, rng);
            items[b] = KaldiFbank.Compute(piece, FbankOptions.WeSpeakerFbank80 with { NumMelBins = f });
            labels[b] = labelOfGroup[g] + (o.SpeedPerturbNewSpeakers ? speedIndex * speakers : 0);
        });
        int t = items[0].GetLength(0);
        var buf = new float[o.BatchSize * t * f];
        for (int b = 0; b < o.BatchSize; b++) Buffer.BlockCopy(items[b], 0, buf, b * t * f * sizeof(float), t * f * sizeof(float));
        return (buf, labels);
    }

    private static (List<float[,]> Feats, List<string> Labels) HeldOutSegments(SpeakerCorpus corpus, List<Signal> signals, HashSet<string> heldOut)
    {
        // Speakers with ≥ 2 utterances contribute them as they are; a single utterance is cut into 3 equal parts.
        var feats = new List<float[,]>();
        var labels = new List<string>();
        foreach (var g in Enumerable.Range(0, signals.Count).Where(i => heldOut.Contains(corpus.Utterances[i].Speaker)).GroupBy(i => corpus.Utterances[i].Speaker))
        {
            var idx = g.ToList();
            var parts = idx.Count >= 2
                ? idx.Select(i => signals[i]).ToList()
                : Enumerable.Range(0, 3).Select(k => signals[idx[0]].Slice(k * (signals[idx[0]].Length / 3), signals[idx[0]].Length / 3)).ToList();
            foreach (var p in parts)
            {
                feats.Add(KaldiFbank.Compute(p, FbankOptions.WeSpeakerFbank80));
                labels.Add(g.Key);
            }
        }
        return (feats, labels);
    }

    private static VerificationResult HeldOutEer(EmbeddingNetwork net, List<float[,]> feats, List<string> labels)
    {
        net.eval();
        var emb = new TorchSpeakerEmbedder(net, "training", ownsNetwork: false).EmbedFeatures(feats);
        return VerificationMetrics.Evaluate(emb, labels);
    }

    private static void SaveCheckpoint(string dir, EmbeddingNetwork net, AamSoftmax head, TorchSharp.Modules.OptimizerHelper opt, CheckpointState state)
    {
        Directory.CreateDirectory(dir);
        SafeTensorsFile.Write(Path.Combine(dir, "last.safetensors"), net.state_dict(), new Dictionary<string, string>());
        SafeTensorsFile.Write(Path.Combine(dir, "head.safetensors"), head.state_dict(), new Dictionary<string, string>());
        var tmp = Path.Combine(dir, "optimizer.bin.tmp");
        opt.save_state_dict(tmp);
        File.Move(tmp, Path.Combine(dir, "optimizer.bin"), overwrite: true);
        AtomicFile.WriteAllText(Path.Combine(dir, "state.json"), JsonSerializer.Serialize(state));
    }
}
