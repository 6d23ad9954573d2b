using System.Diagnostics;
using System.Globalization;
using ResearchKit.Torch.Runtime;
using ResearchKit.Torch.Training;
using ResearchKit.Verification;

namespace ResearchKit.Benchmarks.Torch;

/// <summary>
/// <c>torch-train &lt;folder&gt;</c>: one training epoch of <see cref="EmbeddingTrainer"/> over a speaker-labelled folder
/// (16 kHz audio; e.g. librispeech-train-251 as WAV). One epoch = as many crops as the training audio holds
/// (total duration of the training speakers' files / crop length), in steps of <c>--batch</c>; 2 speakers are held out
/// (the trainer's minimum) and evaluated once at the end, outside the timed steps. Reports the trainer's own
/// throughput (crops/s, data preparation included: cropping, augmentation, fbank run on a background task) and the
/// wall time. Defaults: the issue's calibration recipe (x-vector 256/768/192, batch 64, 2 s crops, augmentation 0.6,
/// 2 threads); PyTorch 1.13 measured 33–37 samples/s for it on these 2 cores.
/// </summary>
internal static class TorchTrainEpoch
{
    public static void Run(string[] args)
    {
        var a = Args.Parse(args);
        string folder = a.Positional.FirstOrDefault() ?? Environment.GetEnvironmentVariable("RK_LS251_WAV") ?? "/tmp/ls251wav";
        var arch = TorchSpeed.Preset(a.One("--arch", "xvector"));
        int batch = int.Parse(a.One("--batch", "64"), CultureInfo.InvariantCulture);
        double crop = double.Parse(a.One("--crop", "2"), CultureInfo.InvariantCulture);
        int threads = int.Parse(a.One("--threads", "2"), CultureInfo.InvariantCulture);
        double epochs = double.Parse(a.One("--epochs", "1"), CultureInfo.InvariantCulture);
        double augment = double.Parse(a.One("--augment", "0.6"), CultureInfo.InvariantCulture);
        bool speed = a.One("--speed-perturb", "false") == "true";

        var corpus = SpeakerCorpus.Load(folder);
        var o = TrainOptions.Default with
        {
            Architecture = arch, BatchSize = batch, CropSeconds = crop, Threads = threads, AugmentProbability = augment,
            SpeedPerturb = speed, HeldOutSpeakers = 2, Patience = 0,
        };
        // Held-out speakers are drawn inside the trainer from the seed; estimate the epoch from all files minus 2 / speakers.
        double seconds = corpus.Utterances.Sum(u => SpeakerCorpus.Read(u).Duration) * (corpus.Speakers.Count - 2) / corpus.Speakers.Count;
        int steps = Math.Max(1, (int)Math.Ceiling(epochs * seconds / crop / batch));
        o = o with { Steps = steps, EvalEvery = steps, WarmupSteps = Math.Min(o.WarmupSteps, steps) };
        Console.WriteLine($"TorchSharp libtorch {TorchRuntime.Version}; {corpus.Utterances.Count} files / {corpus.Speakers.Count} speakers, " +
                          $"{seconds / 60:0.0} min of training audio in {folder}");
        Console.WriteLine($"{arch.Kind} {arch.Channels}/{arch.StatsDim}/{arch.EmbedDim}, batch {batch} × {crop} s crops, augment {augment}, " +
                          $"speed perturbation {(speed ? "on" : "off")}, {threads} threads: {epochs} epoch = {steps} steps = {steps * batch} crops");
        var dir = Path.Combine(Path.GetTempPath(), "researchkit-bench-train-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            var sw = Stopwatch.StartNew();
            var r = EmbeddingTrainer.Train(corpus, Path.Combine(dir, "m.safetensors"), o,
                progress: p => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  step {p.Step}/{p.Steps}: {p.SamplesPerSecond:0.0} samples/s, loss {p.Loss:0.000}")));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"epoch: {r.SamplesPerSecond:0.0} samples/s over {r.Steps} steps (training loop); wall {sw.Elapsed.TotalSeconds:0.0} s including loading, fbank of held-out audio and the final evaluation"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
