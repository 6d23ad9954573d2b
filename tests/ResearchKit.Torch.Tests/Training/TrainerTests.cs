using ResearchKit.Audio;
using ResearchKit.IO;
using ResearchKit.Tests;
using ResearchKit.Torch.Architectures;
using ResearchKit.Torch.Models;
using ResearchKit.Torch.Training;
using ResearchKit.Verification;

namespace ResearchKit.Torch.Tests.Training;

public class TrainerTests
{
    private static readonly TrainOptions Tiny = TrainOptions.Default with
    {
        Architecture = new EmbeddingArchitecture { Kind = ArchitectureKind.XVector, FeatDim = 80, EmbedDim = 8, Channels = 16, StatsDim = 32 },
        CropSeconds = 1.0, BatchSize = 4, Steps = 4, EvalEvery = 2, HeldOutSpeakers = 2, WarmupSteps = 1, Threads = 1, AugmentProbability = 0.5,
    };

    private static string FourPersons() => Fixtures.Data("4persons");

    [Fact]
    public void TrainsDeterministicallyAndWritesALoadableModel()
    {
        var dir = Fixtures.TempDir();
        var corpus = SpeakerCorpus.Load(FourPersons());
        var r1 = EmbeddingTrainer.Train(corpus, Path.Combine(dir, "a.safetensors"), Tiny);
        var r2 = EmbeddingTrainer.Train(corpus, Path.Combine(dir, "b.safetensors"), Tiny);
        Assert.Equal(4, r1.Steps);
        Assert.Equal(r1.History.Select(h => h.Loss), r2.History.Select(h => h.Loss));
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "a.safetensors")), File.ReadAllBytes(Path.Combine(dir, "b.safetensors")));
        using var emb = TorchSpeakerEmbedder.Load(r1.ModelPath);
        Assert.Equal(8, emb.Dimension);
        Assert.True(File.Exists(Path.Combine(dir, "a.safetensors.ckpt", "state.json")));
    }

    [Fact]
    public void ResumeContinuesToTheSameResult()
    {
        var dir = Fixtures.TempDir();
        var corpus = SpeakerCorpus.Load(FourPersons());
        var full = EmbeddingTrainer.Train(corpus, Path.Combine(dir, "full.safetensors"), Tiny);
        var part = Path.Combine(dir, "part.safetensors");
        EmbeddingTrainer.Train(corpus, part, Tiny with { StopAfter = 2 });
        var resumed = EmbeddingTrainer.Train(corpus, part, Tiny, resume: true);
        Assert.Equal(full.History.Last().Loss, resumed.History.Last().Loss, 5);
    }

    [Fact]
    public void AFileShorterThanTheCropIsRejected()
    {
        // Bad input: every 4persons file is shorter than a 4 s crop.
        var ex = Assert.Throws<InvalidInputFileException>(() =>
            EmbeddingTrainer.Train(SpeakerCorpus.Load(FourPersons()), Path.Combine(Fixtures.TempDir(), "m.safetensors"), Tiny with { CropSeconds = 4 }));
        Assert.Contains("shorter than the 4 s training crop", ex.Message);
        Assert.Contains("--skip-short", ex.Message);
    }

    [Fact]
    public void ANaNLossStopsWithAClearMessageAndKeepsTheLastGoodCheckpoint()
    {
        // Bad input: a learning rate so large that the loss overflows to NaN/Inf after the first evaluation.
        var dir = Fixtures.TempDir();
        var model = Path.Combine(dir, "m.safetensors");
        var ex = Assert.Throws<TrainingDivergedException>(() =>
            EmbeddingTrainer.Train(SpeakerCorpus.Load(FourPersons()), model, Tiny with { LearningRate = 1e30, WarmupSteps = 0, EvalEvery = 1, Steps = 8, Patience = 0 }));
        Assert.Contains("NaN/Inf", ex.Message);
        Assert.NotNull(ex.LastGoodCheckpoint);
        Assert.Contains(ex.LastGoodCheckpoint!, ex.Message);
        Assert.True(File.Exists(Path.Combine(ex.LastGoodCheckpoint!, "last.safetensors")));
    }
}
