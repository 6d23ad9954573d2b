using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ResearchKit.Annotations;
using ResearchKit.Audio;
using ResearchKit.IO;
using ResearchKit.Models;
using ResearchKit.Pipelines;

namespace ResearchKit.Experiments;

/// <summary>
/// Cache of the expensive stage of <see cref="WindowEmbeddingPipeline"/> (VAD, windows, embeddings), in memory and
/// optionally on disk, keyed by SHA-256 of (audio file content hash, model hash, embedding-stage options). A threshold
/// sweep then re-runs only the clustering. On disk: <c>&lt;key&gt;.npy</c> (float32 embeddings) and <c>&lt;key&gt;.json</c>
/// (speech regions and windows), written atomically.
/// </summary>
public sealed class EmbeddingCache(string? directory = null)
{
    private readonly ConcurrentDictionary<string, WindowEmbeddings> _memory = new();
    private readonly ConcurrentDictionary<string, string> _modelHashes = new();

    /// <summary>The on-disk folder, or null for memory only.</summary>
    public string? Directory { get; } = directory;

    /// <summary>Hits since creation.</summary>
    public int Hits => _hits;
    private int _hits;

    /// <summary>Misses (computed embeddings) since creation.</summary>
    public int Misses => _misses;
    private int _misses;

    /// <summary>The cache key of one file under one pipeline's embedding stage.</summary>
    public string Key(string audioHash, WindowEmbeddingPipeline pipeline)
    {
        string model = ModelHash(pipeline.Embedder);
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{audioHash}|{model}|{pipeline.EmbeddingFingerprint}"));
        return Convert.ToHexStringLower(bytes)[..32];
    }

    /// <summary>Model identity: SHA-256 of the ONNX file for ONNX models, otherwise the embedder's name and dimension.</summary>
    public string ModelHash(ISpeakerEmbedder e) => e is OnnxSpeakerEmbedder o
        ? _modelHashes.GetOrAdd(o.Model.Path, p => { using var s = File.OpenRead(p); return Convert.ToHexStringLower(SHA256.HashData(s)); })
        : $"{e.Name}:{e.Dimension}";

    /// <summary>Returns cached embeddings or computes (and stores) them; <paramref name="timings"/> records 0 s for cached stages.</summary>
    public WindowEmbeddings GetOrCompute(string audioHash, Func<Signal> signal, WindowEmbeddingPipeline pipeline, StageTimings? timings = null)
    {
        string key = Key(audioHash, pipeline);
        if (_memory.TryGetValue(key, out var m) || TryLoad(key, out m))
        {
            Interlocked.Increment(ref _hits);
            _memory[key] = m!;
            timings?.Add("vad", 0);
            timings?.Add("embedding", 0);
            return m!;
        }
        Interlocked.Increment(ref _misses);
        var e = pipeline.Embed(signal(), timings);
        _memory[key] = e;
        if (Directory is not null) Save(key, e);
        return e;
    }

    private sealed record Meta(double[][] Speech, double[][] Windows, int Rows, int Dim, double Duration);

    private void Save(string key, WindowEmbeddings e)
    {
        string b = Path.Combine(Directory!, key);
        Npy.Write(b + ".npy", e.Embeddings);
        var meta = new Meta(e.Speech.Select(s => new[] { s.Start, s.End }).ToArray(), e.Windows.Select(w => new[] { w.Start, w.End }).ToArray(),
            e.Embeddings.GetLength(0), e.Embeddings.GetLength(1), e.Duration);
        AtomicFile.WriteAllText(b + ".json", JsonSerializer.Serialize(meta));
    }

    private bool TryLoad(string key, out WindowEmbeddings? e)
    {
        e = null;
        if (Directory is null) return false;
        string b = Path.Combine(Directory, key);
        if (!File.Exists(b + ".json") || !File.Exists(b + ".npy")) return false;
        var meta = JsonSerializer.Deserialize<Meta>(File.ReadAllText(b + ".json"))
            ?? throw new InvalidInputFileException(b + ".json", "empty cache entry; delete the cache folder.");
        float[,] x = meta.Rows == 0 ? new float[0, meta.Dim] : Npy.Read(b + ".npy").ToFloatMatrix();
        e = new WindowEmbeddings(new Timeline(meta.Speech.Select(s => new Segment(s[0], s[1]))), meta.Windows.Select(w => (w[0], w[1])).ToList(), x, meta.Duration);
        return true;
    }
}
