using System.CommandLine;
using ResearchKit.IO;
using ResearchKit.Torch.Architectures;
using ResearchKit.Torch.Training;
using ResearchKit.Verification;

namespace ResearchKit.Cli.Commands;

/// <summary><c>researchkit train-embedding</c>: trains a TorchSharp speaker-embedding model.</summary>
internal static class TrainEmbeddingCommand
{
    public static Command Create()
    {
        var d = TrainOptions.Default;
        var folder = new Argument<string>("folder") { Description = "Training audio: one sub-folder per speaker, or files named <speaker>-… / <speaker>_… (16 kHz)" };
        var output = new Option<string>("--out") { Description = "Model file to write (.safetensors); checkpoints go to <out>.ckpt/", Required = true };
        var arch = new Option<string>("--arch") { Description = "xvector (256/768/192), xvector-compact (128/384/128), resnet34 (pyannote 3.1 size) or ecapa (GLOB c512)", DefaultValueFactory = _ => "xvector" };
        var steps = new Option<int>("--steps") { DefaultValueFactory = _ => d.Steps, Description = "Optimisation steps (cosine schedule length)" };
        var minutes = new Option<double>("--minutes") { DefaultValueFactory = _ => 0, Description = "Wall-clock budget in minutes (0 = none)" };
        var stopAfter = new Option<int>("--stop-after") { DefaultValueFactory = _ => 0, Description = "Stop after this many steps without changing the schedule (0 = none)" };
        var batch = new Option<int>("--batch") { DefaultValueFactory = _ => d.BatchSize, Description = "Crops per step" };
        var crop = new Option<double>("--crop") { DefaultValueFactory = _ => d.CropSeconds, Description = "Crop length in seconds" };
        var lr = new Option<double>("--lr") { DefaultValueFactory = _ => d.LearningRate, Description = "Peak AdamW learning rate" };
        var augment = new Option<double>("--augment") { DefaultValueFactory = _ => d.AugmentProbability, Description = "Probability of a random channel per crop (0 = none)" };
        var heldOut = new Option<int>("--held-out") { DefaultValueFactory = _ => d.HeldOutSpeakers, Description = "Speakers held out for the early-stopping EER" };
        var evalEvery = new Option<int>("--eval-every") { DefaultValueFactory = _ => d.EvalEvery, Description = "Held-out evaluation interval in steps" };
        var patience = new Option<int>("--patience") { DefaultValueFactory = _ => d.Patience, Description = "Early stop after this many evaluations without improvement (0 = never)" };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => d.Seed, Description = "Random seed" };
        var threads = new Option<int>("--threads") { DefaultValueFactory = _ => d.Threads, Description = "libtorch threads" };
        var skipShort = new Option<bool>("--skip-short") { Description = "Leave out files shorter than the crop instead of failing" };
        var resume = new Option<bool>("--resume") { Description = "Continue from <out>.ckpt/ (starts afresh when there is no checkpoint)" };
        var speed = new Option<bool>("--speed-perturb") { Description = "Speed perturbation: each crop at speed 1.0, 0.9 or 1.1 (Kaldi/WeSpeaker); 0.9 and 1.1 count as new speakers (WeSpeaker)" };
        var speedSame = new Option<bool>("--speed-same-speaker") { Description = "With --speed-perturb: keep the original speaker label for perturbed crops" };
        var cmd = new Command("train-embedding", "Train a speaker-embedding network (AAM-softmax, AdamW, cosine schedule, held-out EER early stopping)")
            { folder, output, arch, steps, minutes, stopAfter, batch, crop, lr, augment, heldOut, evalEvery, patience, seed, threads, skipShort, resume, speed, speedSame };
        cmd.SetAction(r =>
        {
            var a = r.GetValue(arch) switch
            {
                "xvector" => EmbeddingArchitecture.XVectorSmall,
                "xvector-compact" => EmbeddingArchitecture.XVectorCompact,
                "resnet34" => EmbeddingArchitecture.ResNet34Pyannote31,
                "ecapa" => EmbeddingArchitecture.EcapaTdnnGlobC512,
                var x => throw new InvalidParameterException("--arch", $"'{x}' is not an architecture; use xvector, xvector-compact, resnet34 or ecapa."),
            };
            var o = d with
            {
                Architecture = a, Steps = r.GetValue(steps), MaxMinutes = r.GetValue(minutes), StopAfter = r.GetValue(stopAfter), BatchSize = r.GetValue(batch), CropSeconds = r.GetValue(crop),
                LearningRate = r.GetValue(lr), AugmentProbability = r.GetValue(augment), HeldOutSpeakers = r.GetValue(heldOut), EvalEvery = r.GetValue(evalEvery),
                Patience = r.GetValue(patience), Seed = r.GetValue(seed), Threads = r.GetValue(threads), SkipShort = r.GetValue(skipShort),
                SpeedPerturb = r.GetValue(speed), SpeedPerturbNewSpeakers = !r.GetValue(speedSame),
            };
            if (r.GetValue(speedSame) && !o.SpeedPerturb)
                throw new InvalidParameterException("--speed-same-speaker", "only applies with --speed-perturb; add --speed-perturb or drop it.");
            var corpus = SpeakerCorpus.Load(r.GetValue(folder)!);
            var outPath = r.GetValue(output)!;
            OutputLocation.RequireOutside(outPath, corpus.Root, "write the model to a different folder, e.g. models/ (inside the training folder it would be read as audio next time)");
            var w = r.InvocationConfiguration.Output;
            w.WriteLine($"training {a.Kind} on {corpus.Utterances.Count} files / {corpus.Speakers.Count} speakers from {corpus.Root}" +
                        (o.SpeedPerturb ? $"; speed perturbation 0.9/1.0/1.1{(o.SpeedPerturbNewSpeakers ? " (new speakers)" : "")}" : ""));
            var res = EmbeddingTrainer.Train(corpus, outPath, o, r.GetValue(resume), p =>
                w.WriteLine($"step {p.Step}/{p.Steps}  loss {p.Loss:0.000}  acc {p.Accuracy:0.000}  {p.SamplesPerSecond:0.0} samples/s  lr {p.LearningRate:0.00e0}  " +
                                      $"{(p.HeldOutEer is double e ? $"held-out EER {e * 100:0.00} %  " : "")}{p.ElapsedSeconds:0} s"));
            if (r.GetValue(resume))
                w.WriteLine(res.ResumedFromStep is int from ? $"resumed from step {from} ({outPath}.ckpt)" : $"no checkpoint at {outPath}.ckpt; started afresh");
            w.WriteLine($"done: {res.StopReason}; {res.Steps} steps, {res.SamplesPerSecond:0.0} samples/s; best held-out EER {res.BestHeldOutEer * 100:0.00} % at step {res.BestStep} " +
                                  $"({res.HeldOutTargetTrials} target / {res.HeldOutNonTargetTrials} non-target trials) → {res.ModelPath}");
            return 0;
        });
        return cmd;
    }
}
