namespace ResearchKit.Torch.Training;

/// <summary>One progress report of <see cref="EmbeddingTrainer"/>.</summary>
/// <param name="Step">Steps done.</param>
/// <param name="Steps">Planned steps.</param>
/// <param name="Loss">Mean AAM-softmax loss since the previous report.</param>
/// <param name="Accuracy">Training accuracy (margin-free argmax) since the previous report.</param>
/// <param name="SamplesPerSecond">Crops per second since the previous report (data preparation included).</param>
/// <param name="LearningRate">Current learning rate.</param>
/// <param name="HeldOutEer">Held-out speakers' EER at this step (when evaluated), else null.</param>
/// <param name="ElapsedSeconds">Wall-clock time since training (re)started.</param>
public sealed record TrainingProgress(int Step, int Steps, double Loss, double Accuracy, double SamplesPerSecond, double LearningRate, double? HeldOutEer, double ElapsedSeconds);

/// <summary>What <see cref="EmbeddingTrainer.Train"/> produced.</summary>
/// <param name="ModelPath">The saved model (best held-out EER).</param>
/// <param name="Steps">Steps done.</param>
/// <param name="BestStep">Step of the saved model.</param>
/// <param name="BestHeldOutEer">Its held-out EER.</param>
/// <param name="HeldOutTargetTrials">Target trials of the held-out evaluation.</param>
/// <param name="HeldOutNonTargetTrials">Non-target trials of the held-out evaluation.</param>
/// <param name="SamplesPerSecond">Mean training throughput (crops/s, data preparation included).</param>
/// <param name="StopReason">Why training ended (steps done, time budget, early stop).</param>
/// <param name="History">Every progress report.</param>
public sealed record TrainingResult(string ModelPath, int Steps, int BestStep, double BestHeldOutEer, int HeldOutTargetTrials, int HeldOutNonTargetTrials,
    double SamplesPerSecond, string StopReason, IReadOnlyList<TrainingProgress> History)
{
    /// <summary>The checkpoint step training resumed from, or null when it started afresh.</summary>
    public int? ResumedFromStep { get; init; }
}
