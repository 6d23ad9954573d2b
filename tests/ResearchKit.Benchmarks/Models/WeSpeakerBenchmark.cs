using BenchmarkDotNet.Attributes;
using Microsoft.ML.OnnxRuntime;
using ResearchKit.Models;

namespace ResearchKit.Benchmarks.Models;

/// <summary>
/// A random-weight WeSpeaker ResNet34 ONNX (resnet34.onnx of Torch/make_models.py; ~26 MB, not committed) on N
/// segments of 3 s (298 fbank frames × 80), at batch 1/16/32 and 1/2 intra-op threads: our
/// <see cref="OnnxSpeakerEmbedder.EmbedFeatures"/> versus a bare <c>InferenceSession.Run</c> loop on the same graph,
/// batches and data (issue 13 goal: wrapper overhead ≤ 5 %). N defaults to 500; set RK_BENCH_SEGMENTS to run fewer
/// on a loaded machine (times scale linearly).
/// </summary>
public class WeSpeakerBenchmark
{
    private OnnxSpeakerEmbedder _embedder = null!;
    private InferenceSession _bare = null!;
    private List<float[,]> _feats = null!;
    private float[] _flat = null!;

    [Params(1, 16, 32)]
    public int Batch { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    public static int Segments => int.TryParse(Environment.GetEnvironmentVariable("RK_BENCH_SEGMENTS"), out var n) ? n : 500;

    [GlobalSetup]
    public void Setup()
    {
        string model = BenchPaths.ResNet34Model();
        var session = OnnxSessionOptions.SingleThread with { IntraOpThreads = Threads };
        _embedder = OnnxSpeakerEmbedder.WeSpeaker(model, (_ => throw new InvalidOperationException()), new EmbeddingOptions(BatchSize: Batch), session);
        using var so = new SessionOptions { IntraOpNumThreads = Threads, InterOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        _bare = new InferenceSession(model, so);
        var rng = new Random(3);
        _feats = [];
        for (int i = 0; i < Segments; i++)
        {
            var f = new float[298, 80];
            for (int t = 0; t < 298; t++) for (int b = 0; b < 80; b++) f[t, b] = (float)(rng.NextDouble() * 2 - 1);
            _feats.Add(f);
        }
        _flat = new float[Batch * 298 * 80];
    }

    /// <summary>Our wrapper: contract-checked, same-length batching, pinned reused buffers, results in a [N,256] matrix.</summary>
    [Benchmark]
    public float[,] Wrapper() => _embedder.EmbedFeatures(_feats);

    /// <summary>Bare ORT: copy each batch into one array, OrtValue over it, session.Run, read the output.</summary>
    [Benchmark(Baseline = true)]
    public float BareRun()
    {
        float acc = 0;
        string[] inNames = ["feats"], outNames = ["embs"];
        for (int p = 0; p < _feats.Count; p += Batch)
        {
            int b = Math.Min(Batch, _feats.Count - p);
            for (int k = 0; k < b; k++) Buffer.BlockCopy(_feats[p + k], 0, _flat, k * 298 * 80 * 4, 298 * 80 * 4);
            using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _flat.AsMemory(0, b * 298 * 80), [b, 298, 80]);
            using var outs = _bare.Run(new RunOptions(), inNames, [input], outNames);
            acc += outs[0].GetTensorDataAsSpan<float>()[0];
        }
        return acc;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _embedder.Dispose();
        _bare.Dispose();
    }
}
