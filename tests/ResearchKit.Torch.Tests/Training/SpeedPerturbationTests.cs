using ResearchKit.Audio;
using ResearchKit.IO;
using ResearchKit.Tests;
using ResearchKit.Torch.Architectures;
using ResearchKit.Torch.Checkpoints;
using ResearchKit.Torch.Training;
using ResearchKit.Verification;

namespace ResearchKit.Torch.Tests.Training;

public class SpeedPerturbationTests
{
    private static Signal Clip() => AudioFile.Read(Fixtures.Data("audio", "speech_m3.wav"));

    [Theory]
    [InlineData(0.9)]
    [InlineData(1.1)]
    public void Matches_WeSpeakers_sox_speed_then_rate(double speed)
    {
        // Reference: torchaudio.sox_effects [['speed', s], ['rate', 16000]] (speed_perturb.py). Same length; the two
        // resampling filters differ, so the waveforms agree to a residual 40 dB below the signal, not bit for bit.
        var reference = Npy.Read(TorchFixtures.File($"speed_m3_{speed.ToString(System.Globalization.CultureInfo.InvariantCulture)}.npy")).ToFloatArray();
        var ours = SpeedPerturbation.Apply(Clip(), speed).Samples;
        Assert.Equal(reference.Length, ours.Length);
        double err = 0, pow = 0;
        for (int i = 0; i < ours.Length; i++) { err += Math.Pow(ours[i] - reference[i], 2); pow += reference[i] * (double)reference[i]; }
        double snrDb = 10 * Math.Log10(pow / err);
        Assert.True(snrDb > 40, $"SNR vs sox {snrDb:0.0} dB");
    }

    [Theory]
    [InlineData(0.9)]
    [InlineData(1.1)]
    public void A_random_crop_is_the_same_stretch_of_the_perturbed_signal(double speed)
    {
        // The crop resamples only a margin-padded stretch; away from the whole signal's edges it must equal the
        // corresponding part of the whole perturbed signal (crops start on its sample grid).
        var clip = Clip();
        var whole = SpeedPerturbation.Apply(clip, speed).Samples.ToArray();
        var crop = SpeedPerturbation.RandomCrop(clip, speed, 16000, new Random(3)).Samples.ToArray();
        Assert.Equal(16000, crop.Length);
        // find the crop's offset in the whole signal by the best match of its first 400 samples
        int best = -1; double bestErr = double.MaxValue;
        for (int o = 0; o + crop.Length <= whole.Length; o++)
        {
            double e = 0;
            for (int i = 0; i < 400 && e < bestErr; i++) e += Math.Abs(whole[o + i] - crop[i]);
            if (e < bestErr) { bestErr = e; best = o; }
        }
        double err = 0, pow = 0;
        for (int i = 0; i < crop.Length; i++) { err += Math.Pow(whole[best + i] - crop[i], 2); pow += crop[i] * (double)crop[i]; }
        Assert.True(err == 0 || 10 * Math.Log10(pow / err) > 80, $"crop vs whole: {10 * Math.Log10(pow / err):0.0} dB");
    }

    [Fact]
    public void A_short_signal_is_repeated_to_the_crop_length()
    {
        var sig = new Signal(Enumerable.Range(0, 1000).Select(i => (float)Math.Sin(i * 0.05)).ToArray(), 16000);
        var crop = SpeedPerturbation.RandomCrop(sig, 1.1, 2000, new Random(1));
        Assert.Equal(2000, crop.Length);
        int n = (int)Math.Round(1000 / 1.1);
        Assert.Equal(crop.Samples[5], crop.Samples[n + 5]);
    }

    [Fact]
    public void A_speed_that_gives_a_fractional_rate_is_rejected()
    {
        var ex = Assert.Throws<InvalidParameterException>(() => SpeedPerturbation.Apply(Clip(), 0.91234567));
        Assert.Contains("not a whole number of Hz", ex.Message);
    }

    [Fact]
    public void Training_with_new_speaker_labels_triples_the_classes()
    {
        var tiny = TrainOptions.Default with
        {
            Architecture = new EmbeddingArchitecture { Kind = ArchitectureKind.XVector, FeatDim = 80, EmbedDim = 8, Channels = 16, StatsDim = 32 },
            CropSeconds = 1.0, BatchSize = 8, Steps = 2, EvalEvery = 2, HeldOutSpeakers = 2, WarmupSteps = 1, Threads = 1, SpeedPerturb = true,
        };
        var corpus = SpeakerCorpus.Load(Fixtures.Data("4persons"));
        var dir = Fixtures.TempDir();
        EmbeddingTrainer.Train(corpus, Path.Combine(dir, "new.safetensors"), tiny);
        EmbeddingTrainer.Train(corpus, Path.Combine(dir, "same.safetensors"), tiny with { SpeedPerturbNewSpeakers = false });
        Assert.Equal([6L, 8L], HeadShape(Path.Combine(dir, "new.safetensors.ckpt", "head.safetensors")));   // 2 training speakers × 3 speeds
        Assert.Equal([2L, 8L], HeadShape(Path.Combine(dir, "same.safetensors.ckpt", "head.safetensors")));
    }

    [Fact]
    public void Perturbed_crops_get_labels_in_the_speed_block_and_keep_the_crop_length()
    {
        var o = TrainOptions.Default with { CropSeconds = 1.0, BatchSize = 32, SpeedPerturb = true, AugmentProbability = 0 };
        var signals = new List<Signal> { Clip(), Clip() };
        var (feats, labels) = EmbeddingTrainer.MakeBatch(o, 0, 16000, signals, [[0], [1]], [0, 1], 2);
        Assert.Equal(32 * 98 * 80, feats.Length);                        // 1 s → 98 frames whatever the speed
        Assert.All(labels, l => Assert.InRange(l, 0, 5));
        Assert.Contains(labels, l => l >= 2);                              // some crops were perturbed …
        Assert.Contains(labels, l => l < 2);                               // … some not
    }

    private static long[] HeadShape(string path)
    {
        var c = SafeTensorsFile.Read(path);
        var shape = c.Tensors["weight"].shape;
        foreach (var t in c.Tensors.Values) t.Dispose();
        return shape;
    }
}
