namespace ResearchKit.Torch.Training;

/// <summary>Training stopped because the loss became NaN or infinite; the last good checkpoint is kept.</summary>
public sealed class TrainingDivergedException : ResearchKitException
{
    /// <summary>Creates the exception.</summary>
    public TrainingDivergedException(int step, string? lastGoodCheckpoint, double learningRate)
        : base($"training diverged: the loss became NaN/Inf at step {step} (learning rate {learningRate:g3}). " +
               (lastGoodCheckpoint is null ? "No checkpoint had been written yet. " : $"The last good checkpoint is kept at {lastGoodCheckpoint}. ") +
               "Lower --lr, or check the training audio for NaN/Inf or clipped samples; resume with --resume.")
    {
        Step = step;
        LastGoodCheckpoint = lastGoodCheckpoint;
    }

    /// <summary>Step at which the loss was not finite.</summary>
    public int Step { get; }

    /// <summary>Folder of the last good checkpoint, or null.</summary>
    public string? LastGoodCheckpoint { get; }
}
