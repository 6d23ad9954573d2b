using ResearchKit.Audio;
using ResearchKit.Features;
using ResearchKit.Models;
using ResearchKit.Torch.Architectures;
using TorchSharp;
using static TorchSharp.torch;

namespace ResearchKit.Torch.Models;

/// <summary>
/// An <see cref="ISpeakerEmbedder"/> running a TorchSharp <see cref="EmbeddingNetwork"/> on WeSpeaker fbank
/// (<see cref="FbankOptions.WeSpeakerFbank80"/>): segments of equal length are batched, inference runs under
/// <c>inference_mode</c> with the requested intra-op thread count.
/// </summary>
public sealed class TorchSpeakerEmbedder : ISpeakerEmbedder, IDisposable
{
    private readonly EmbeddingNetwork _network;
    private readonly bool _owns;

    /// <summary>Wraps a network (eval mode is set). <paramref name="ownsNetwork"/>: dispose it with this object.</summary>
    public TorchSpeakerEmbedder(EmbeddingNetwork network, string name, int sampleRate = 16000, bool ownsNetwork = true)
    {
        _network = network;
        _owns = ownsNetwork;
        Name = name;
        SampleRate = sampleRate;
        network.eval();
    }

    /// <summary>Loads a ResearchKit model file (<see cref="ModelFile"/>).</summary>
    public static TorchSpeakerEmbedder Load(string path)
    {
        var (net, info) = ModelFile.Load(path);
        if (info.Features != "WeSpeakerFbank80")
            throw new InvalidInputFileException(path, $"the model expects '{info.Features}' features; this embedder computes WeSpeakerFbank80 only.");
        return new TorchSpeakerEmbedder(net, Path.GetFileNameWithoutExtension(path), info.SampleRate);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public int Dimension => _network.Architecture.EmbedDim;

    /// <inheritdoc />
    public int SampleRate { get; }

    /// <inheritdoc />
    public double MinDurationSeconds => 0.2;

    /// <summary>Largest number of segments per forward pass.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>The network (for training-time evaluation and export).</summary>
    public EmbeddingNetwork Network => _network;

    /// <inheritdoc />
    public float[,] Embed(IReadOnlyList<Signal> segments)
    {
        var feats = new float[segments.Count][,];
        for (int i = 0; i < segments.Count; i++)
        {
            var s = segments[i];
            if (s.SampleRate != SampleRate)
                throw new InvalidParameterException("segments", $"segment {i} is {s.SampleRate} Hz; the model expects {SampleRate} Hz. Resample it first.");
            if (s.Duration < MinDurationSeconds)
                throw new InvalidParameterException("segments", $"segment {i} is {s.Duration:0.###} s; the model needs at least {MinDurationSeconds} s.");
            feats[i] = KaldiFbank.Compute(s, FbankOptions.WeSpeakerFbank80);
        }
        return EmbedFeatures(feats);
    }

    /// <summary>Embeds precomputed fbank matrices (frames × bins); equal-length ones share a batch.</summary>
    public float[,] EmbedFeatures(IReadOnlyList<float[,]> features)
    {
        Runtime.TorchRuntime.EnsureLoaded();
        int d = Dimension;
        var result = new float[features.Count, d];
        using var _ = inference_mode();
        foreach (var group in Enumerable.Range(0, features.Count).GroupBy(i => features[i].GetLength(0)))
        {
            var idx = group.ToList();
            for (int start = 0; start < idx.Count; start += BatchSize)
            {
                var chunk = idx.Skip(start).Take(BatchSize).ToList();
                int t = group.Key, f = features[chunk[0]].GetLength(1);
                var buf = new float[chunk.Count * t * f];
                for (int b = 0; b < chunk.Count; b++)
                    Buffer.BlockCopy(features[chunk[b]], 0, buf, b * t * f * sizeof(float), t * f * sizeof(float));
                using var scope = NewDisposeScope();
                var x = tensor(buf, [chunk.Count, t, f]);
                var y = _network.call(x, null).data<float>().ToArray();
                for (int b = 0; b < chunk.Count; b++)
                    for (int k = 0; k < d; k++) result[chunk[b], k] = y[b * d + k];
            }
        }
        return result;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_owns) _network.Dispose();
    }
}
