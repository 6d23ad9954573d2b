using BenchmarkDotNet.Attributes;
using ResearchKit.Benchmarks.Models;
using ResearchKit.Datasets;
using ResearchKit.Experiments;
using ResearchKit.Pipelines;

namespace ResearchKit.Benchmarks.Pipelines;

/// <summary>
/// Compare-style runs (issue 14): one pipeline with its default options over the bundled conversations
/// (data/conversations: 6 files, ≈ 4.6 min of audio): read, diarize and score every file, files in parallel on
/// <see cref="Threads"/> workers (ExperimentRunner.MaxParallelism, as <c>researchkit compare --parallel</c>). The windows
/// pipeline uses <see cref="PipelineFactory.DefaultEmbedder"/>, or the embedder named by <c>RK_BENCH_EMBEDDER</c>
/// (<c>mfcc-stats</c>, an ONNX path or a file name in data/models/). RTF = mean time / audio seconds (printed by Setup).
/// Run: <c>dotnet run -c Release --project tests/ResearchKit.Benchmarks -- --filter '*PipelineBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private Dataset _data = null!;
    private IDiarizationPipeline _pipeline = null!;

    /// <summary>Pipeline (not "Method": BenchmarkDotNet's own column has that name).</summary>
    [Params("frames", "windows")]
    public string Pipeline { get; set; } = "frames";

    /// <summary>Files processed at once.</summary>
    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        _data = Dataset.RttmFolder(Path.Combine(BenchPaths.RepoRoot(), "data", "conversations"), strict: true);
        var embedder = Environment.GetEnvironmentVariable("RK_BENCH_EMBEDDER") ?? PipelineFactory.DefaultEmbedder;
        _pipeline = Pipeline == "windows" ? PipelineFactory.Create("windows", embedder: PipelineFactory.OpenEmbedder(embedder)) : PipelineFactory.Create(Pipeline);
        double audio = _data.Items.Sum(i => Audio.AudioFile.ReadInfo(i.AudioPath!).Duration);
        Console.WriteLine($"// {_pipeline.Name}: {_data.Items.Count} files, {audio:0.0} s of audio (RTF = mean / {audio:0.0} s)");
    }

    /// <summary>All files through the pipeline and the scorer; returns the pooled error seconds (kept live).</summary>
    [Benchmark]
    public double CompareRun() => new ExperimentRunner { MaxParallelism = Threads }.Run(_data, [_pipeline]).Sum(r => r.Row.Error);

    [GlobalCleanup]
    public void Cleanup() => (_pipeline as IDisposable)?.Dispose();
}
