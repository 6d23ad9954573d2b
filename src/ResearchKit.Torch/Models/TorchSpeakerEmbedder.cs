using System.Runtime.InteropServices;
using ResearchKit.Audio;
using ResearchKit.Features;
using ResearchKit.Models;
using ResearchKit.Torch.Architectures;
using TorchSharp;
using static TorchSharp.torch;

namespace ResearchKit.Torch.Models;

/// <summary>
/// An <see cref="ISpeakerEmbedder"/> running a TorchSharp network on WeSpeaker fbank
/// (<see cref="FbankOptions.WeSpeakerFbank80"/>): either an eager <see cref="EmbeddingNetwork"/> or a TorchScript module
/// (<c>torch.jit.trace</c> of the PyTorch twin, <see cref="LoadTorchScript"/>). Segments of equal length share a
/// batch; inference runs under <c>inference_mode</c> with <see cref="Threads"/> intra-op threads; features are written
/// straight into the input tensor's native memory and embeddings read straight out of the output (no managed copies
/// of whole batches, no per-call pinning).
/// </summary>
public sealed class TorchSpeakerEmbedder : ISpeakerEmbedder, IDisposable
{
    private readonly EmbeddingNetwork? _network;
    private readonly jit.ScriptModule<Tensor, Tensor>? _script;
    private readonly bool _owns;

    /// <summary>Wraps a network (eval mode is set). <paramref name="ownsNetwork"/>: dispose it with this object.</summary>
    public TorchSpeakerEmbedder(EmbeddingNetwork network, string name, int sampleRate = 16000, bool ownsNetwork = true)
    {
        _network = network;
        _owns = ownsNetwork;
        Name = name;
        SampleRate = sampleRate;
        Dimension = network.Architecture.EmbedDim;
        network.eval();
    }

    /// <summary>Wraps a TorchScript module mapping fbank [B, T, F] to embeddings [B, <paramref name="dimension"/>] (eval mode is set).</summary>
    public TorchSpeakerEmbedder(jit.ScriptModule<Tensor, Tensor> script, string name, int dimension, int sampleRate = 16000, bool ownsModule = true)
    {
        script.eval();
        _script = script;
        _owns = ownsModule;
        Name = name;
        SampleRate = sampleRate;
        Dimension = dimension;
    }

    /// <summary>Loads a ResearchKit model file (<see cref="ModelFile"/>); <paramref name="threads"/> as <see cref="Threads"/>.</summary>
    public static TorchSpeakerEmbedder Load(string path, int threads = 0)
    {
        var (net, info) = ModelFile.Load(path);
        if (info.Features != "WeSpeakerFbank80")
            throw new InvalidInputFileException(path, $"the model expects '{info.Features}' features; this embedder computes WeSpeakerFbank80 only.");
        return new TorchSpeakerEmbedder(net, Path.GetFileNameWithoutExtension(path), info.SampleRate) { Threads = threads };
    }

    /// <summary>
    /// Loads a TorchScript module (<c>torch.jit.trace(model, feats).save(path)</c> of a network taking fbank [B, T, 80]
    /// and returning embeddings [B, D], e.g. written by tests/ResearchKit.Benchmarks/Torch/make_models.py or
    /// data/models/export_torchscript.py). libtorch runs the whole graph natively, with no managed call per layer.
    /// </summary>
    public static TorchSpeakerEmbedder LoadTorchScript(string path, int sampleRate = 16000, int threads = 0)
    {
        if (!File.Exists(path))
            throw new InvalidInputFileException(path, "TorchScript file not found; export one with torch.jit.trace(model, feats).save(path).");
        Runtime.TorchRuntime.EnsureLoaded();
        jit.ScriptModule<Tensor, Tensor> script;
        try
        {
            script = jit.load<Tensor, Tensor>(path);
        }
        catch (Exception e) when (e is ExternalException or InvalidOperationException or ArgumentException)
        {
            throw new InvalidInputFileException(path, $"is not a TorchScript module libtorch {Runtime.TorchRuntime.Version} can load ({e.Message.Split('\n')[0]}); " +
                "save it with torch.jit.trace(model, feats).save(path) or torch.jit.script(model).save(path).", e);
        }
        int dim;
        using (inference_mode())
        using (var probe = zeros(1, 100, 80))
        using (var y = script.call(probe))
        {
            if (y.dim() != 2 || y.shape[0] != 1)
                throw new InvalidInputFileException(path, $"maps fbank [1, 100, 80] to shape [{string.Join(", ", y.shape)}], not [1, D] embeddings.");
            dim = (int)y.shape[1];
        }
        return new TorchSpeakerEmbedder(script, Path.GetFileNameWithoutExtension(path), dim, sampleRate) { Threads = threads };
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <inheritdoc />
    public int SampleRate { get; }

    /// <inheritdoc />
    public double MinDurationSeconds => 0.2;

    /// <summary>Largest number of segments per forward pass.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>
    /// libtorch intra-op threads for the forward passes, set on the calling thread before each call (libtorch's OpenMP
    /// thread count is per calling thread); 0 leaves the current setting (libtorch's default is one per core). On a
    /// machine busy with other work use 1: an OpenMP barrier waits for a descheduled second thread, which made calls
    /// 20× slower in torch-gap (tests/ResearchKit.Benchmarks/Torch).
    /// </summary>
    public int Threads { get; init; }

    /// <summary>The eager network (null for a TorchScript module).</summary>
    public EmbeddingNetwork? Network => _network;

    /// <summary>The TorchScript module (null for an eager network).</summary>
    public jit.ScriptModule<Tensor, Tensor>? Script => _script;

    /// <inheritdoc />
    public float[,] Embed(IReadOnlyList<Signal> segments)
    {
        SpeakerEmbedderSegments.Check(this, segments);
        var feats = new float[segments.Count][,];
        for (int i = 0; i < segments.Count; i++)
            feats[i] = KaldiFbank.Compute(segments[i], FbankOptions.WeSpeakerFbank80);
        return EmbedFeatures(feats);
    }

    /// <summary>Embeds precomputed fbank matrices (frames × bins); equal-length ones share a batch.</summary>
    public float[,] EmbedFeatures(IReadOnlyList<float[,]> features)
    {
        Runtime.TorchRuntime.EnsureLoaded();
        if (Threads > 0 && get_num_threads() != Threads) set_num_threads(Threads);
        int d = Dimension;
        var result = new float[features.Count, d];
        using var _ = inference_mode();
        foreach (var group in Enumerable.Range(0, features.Count).GroupBy(i => features[i].GetLength(0)))
        {
            var idx = group.ToArray();
            int t = group.Key, f = features[idx[0]].GetLength(1);
            for (int start = 0; start < idx.Length; start += BatchSize)
            {
                int n = Math.Min(BatchSize, idx.Length - start);
                using var scope = NewDisposeScope();
                var x = empty(n, t, f);
                var input = Span(x, n * t * f);
                for (int b = 0; b < n; b++)
                {
                    var m = features[idx[start + b]];
                    if (m.GetLength(1) != f)
                        throw new InvalidParameterException("features", $"matrix {idx[start + b]} has {m.GetLength(1)} bins; the others have {f}.");
                    MemoryMarshal.CreateReadOnlySpan(ref m[0, 0], t * f).CopyTo(input.Slice(b * t * f, t * f));
                }
                var y = Forward(x).contiguous();
                var output = Span(y, n * d);
                for (int b = 0; b < n; b++)
                    output.Slice(b * d, d).CopyTo(MemoryMarshal.CreateSpan(ref result[idx[start + b], 0], d));
            }
        }
        return result;
    }

    private Tensor Forward(Tensor x) => _network is not null ? _network.call(x, null) : _script!.call(x);

    // A contiguous float32 CPU tensor's storage as a span (valid while the tensor lives).
    private static Span<float> Span(Tensor t, int count) => MemoryMarshal.Cast<byte, float>(t.bytes)[..count];

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_owns) return;
        _network?.Dispose();
        _script?.Dispose();
    }
}
