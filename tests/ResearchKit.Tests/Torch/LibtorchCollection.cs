namespace ResearchKit.Tests.Torch;

/// <summary>Runs the train/eval-embedding command tests alone: libtorch's random generator and thread count are
/// process-wide, so a concurrent test could change a training run's losses.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LibtorchCollection
{
    /// <summary>Collection name.</summary>
    public const string Name = "libtorch process-wide state";
}
