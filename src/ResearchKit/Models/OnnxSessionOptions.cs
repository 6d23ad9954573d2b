using Microsoft.ML.OnnxRuntime;

namespace ResearchKit.Models;

/// <summary>Graph optimisation level passed to ONNX Runtime (mirrors ORT's <c>GraphOptimizationLevel</c>).</summary>
public enum GraphOptimization
{
    /// <summary>No graph rewrites (useful when debugging a model's numbers).</summary>
    None,
    /// <summary>Constant folding and redundant-node elimination only.</summary>
    Basic,
    /// <summary>Basic plus node fusions.</summary>
    Extended,
    /// <summary>All optimisations, including layout changes (ORT's default).</summary>
    All,
}

/// <summary>
/// How an <see cref="OnnxModel"/> creates its ONNX Runtime session. Immutable; use a preset and <c>with</c>.
/// </summary>
/// <param name="IntraOpThreads">Threads used inside one operator (ORT <c>IntraOpNumThreads</c>). 1 is best for small
/// streaming models such as Silero VAD (models-platform.md: 2 threads gave the same median and a 2–3× worse mean).</param>
/// <param name="InterOpThreads">Threads running independent operators in parallel (ORT <c>InterOpNumThreads</c>; only
/// used with <paramref name="ParallelExecution"/>).</param>
/// <param name="Optimization">Graph optimisation level.</param>
/// <param name="ParallelExecution">ORT <c>ExecutionMode.ORT_PARALLEL</c> instead of sequential execution.</param>
public sealed record OnnxSessionOptions(
    int IntraOpThreads = 1,
    int InterOpThreads = 1,
    GraphOptimization Optimization = GraphOptimization.All,
    bool ParallelExecution = false)
{
    /// <summary>One thread, all optimisations: the right setting for streaming VAD and for running many sessions in parallel.</summary>
    public static OnnxSessionOptions SingleThread { get; } = new();

    /// <summary>As many intra-op threads as the machine has cores: for large batched models (embeddings, segmentation).</summary>
    public static OnnxSessionOptions AllCores { get; } = new(IntraOpThreads: Environment.ProcessorCount);

    /// <summary>Throws <see cref="InvalidParameterException"/> if a value is out of range.</summary>
    public void Validate()
    {
        if (IntraOpThreads < 1)
            throw new InvalidParameterException(nameof(IntraOpThreads), $"must be at least 1, got {IntraOpThreads}; use 1 for small models.");
        if (InterOpThreads < 1)
            throw new InvalidParameterException(nameof(InterOpThreads), $"must be at least 1, got {InterOpThreads}.");
    }

    internal SessionOptions ToOrt()
    {
        Validate();
        var o = new SessionOptions
        {
            IntraOpNumThreads = IntraOpThreads,
            InterOpNumThreads = InterOpThreads,
            ExecutionMode = ParallelExecution ? ExecutionMode.ORT_PARALLEL : ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = Optimization switch
            {
                GraphOptimization.None => GraphOptimizationLevel.ORT_DISABLE_ALL,
                GraphOptimization.Basic => GraphOptimizationLevel.ORT_ENABLE_BASIC,
                GraphOptimization.Extended => GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
                _ => GraphOptimizationLevel.ORT_ENABLE_ALL,
            },
            // Warnings such as "Removing initializer ... not used by any node" (Silero op18) are noise for users.
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        return o;
    }
}
