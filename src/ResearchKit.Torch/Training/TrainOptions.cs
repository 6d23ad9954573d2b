using ResearchKit.Torch.Architectures;

namespace ResearchKit.Torch.Training;

/// <summary>
/// Recipe of <see cref="EmbeddingTrainer"/>. Defaults are the PyTorch calibration recipe: x-vector TDNN,
/// 2 s crops, batch 64, AAM-softmax m 0.2 s 30, AdamW 2e-3 with a cosine schedule.
/// </summary>
public sealed record TrainOptions
{
    /// <summary>Network to train.</summary>
    public EmbeddingArchitecture Architecture { get; init; } = EmbeddingArchitecture.XVectorSmall;

    /// <summary>Random crop length in seconds.</summary>
    public double CropSeconds { get; init; } = 2.0;

    /// <summary>Crops per step.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Total optimisation steps (the cosine schedule spans them).</summary>
    public int Steps { get; init; } = 1000;

    /// <summary>Stop after this wall-clock time (minutes) even if steps remain; 0 = no limit.</summary>
    public double MaxMinutes { get; init; }

    /// <summary>Stop after this many steps without changing the schedule (reproduces a run that a time budget cut short); 0 = run all.</summary>
    public int StopAfter { get; init; }

    /// <summary>Peak AdamW learning rate.</summary>
    public double LearningRate { get; init; } = 2e-3;

    /// <summary>AdamW weight decay.</summary>
    public double WeightDecay { get; init; } = 1e-4;

    /// <summary>Linear warm-up steps before the cosine decay.</summary>
    public int WarmupSteps { get; init; } = 50;

    /// <summary>AAM-softmax margin m (radians).</summary>
    public double Margin { get; init; } = 0.2;

    /// <summary>AAM-softmax scale s.</summary>
    public double Scale { get; init; } = 30;

    /// <summary>Probability that a crop is augmented (random channel: EQ, reverberation, noise 5–30 dB, gain); 0 = none.</summary>
    public double AugmentProbability { get; init; } = 0.6;

    /// <summary>
    /// Speed perturbation (<see cref="SpeedPerturbation"/>): each crop is played at 1.0, 0.9 or 1.1 (uniformly, before the
    /// channel augmentation), as Kaldi and WeSpeaker do.
    /// </summary>
    public bool SpeedPerturb { get; init; }

    /// <summary>
    /// With <see cref="SpeedPerturb"/>: a crop at speed 0.9 or 1.1 counts as a new speaker (WeSpeaker's convention: label
    /// l + k·speakers for speed index k, tripling the classifier), since pitch and formants move with the speed. False keeps
    /// the original label (Kaldi's x-vector recipes keep utt2spk but prefix the speaker id, i.e. also new speakers).
    /// </summary>
    public bool SpeedPerturbNewSpeakers { get; init; } = true;

    /// <summary>Speakers held out of training for the early-stopping EER (each held-out utterance is cut into 3 parts).</summary>
    public int HeldOutSpeakers { get; init; } = 20;

    /// <summary>Evaluate the held-out EER every this many steps.</summary>
    public int EvalEvery { get; init; } = 50;

    /// <summary>Stop when the held-out EER has not improved for this many evaluations; 0 = never.</summary>
    public int Patience { get; init; } = 6;

    /// <summary>Skip training files shorter than the crop instead of failing.</summary>
    public bool SkipShort { get; init; }

    /// <summary>Seed of weights, crop sampling and augmentation.</summary>
    public int Seed { get; init; } = 17;

    /// <summary>libtorch intra-op threads.</summary>
    public int Threads { get; init; } = 2;

    /// <summary>The calibration recipe.</summary>
    public static TrainOptions Default { get; } = new();
}
