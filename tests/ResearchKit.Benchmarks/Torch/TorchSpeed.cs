using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using ResearchKit.IO;
using ResearchKit.Models;
using ResearchKit.Torch.Architectures;
using ResearchKit.Torch.Models;
using ResearchKit.Torch.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace ResearchKit.Benchmarks.Torch;

/// <summary>
/// <c>torch-speed</c>: embeddings per second for 1.5 s windows (148 fbank frames × 80) at batch 1 and 32 on 1 and 2
/// threads, per architecture (xvector, xvector-compact, resnet34, ecapa) and inference path:
/// <list type="bullet">
/// <item><c>eager-before</c> — the embedder as session 1 shipped it (copy kept below): a managed batch buffer,
///   <c>torch.tensor</c> (which clones and pins it), <c>data&lt;float&gt;().ToArray()</c>, threads left to libtorch.</item>
/// <item><c>eager</c> — <see cref="TorchSpeakerEmbedder"/> now (features written into the tensor, Threads set per call).</item>
/// <item><c>eager-raw</c> — only <c>network.call</c> on a prepared tensor under inference_mode (the floor for eager).</item>
/// <item><c>torchscript</c> — <see cref="TorchSpeakerEmbedder.LoadTorchScript"/> on the twin's torch.jit.trace.</item>
/// <item><c>onnx</c> — <see cref="OnnxSpeakerEmbedder"/> (ONNX Runtime) on the twin's torch.onnx.export.</item>
/// </list>
/// Models: random weights from make_models.py in this folder (TorchScript/ONNX need it; eager falls back to a seeded
/// random network). Each call embeds one batch; after a warm-up call, <c>--repeats</c> passes over <c>--windows</c> windows
/// give the median and the fastest per-window time (on a busy machine the fastest call is the steadier figure).
/// Also checks that all paths give the same embeddings (≤ 1e-4) on make_models.py's reference input.
/// </summary>
internal static class TorchSpeed
{
    public const int Frames = 148;   // 1.5 s: (24000 − 400) / 160 + 1

    public static readonly string[] AllArchs = ["xvector", "xvector-compact", "resnet34", "ecapa"];
    public static readonly string[] AllPaths = ["eager-before", "eager", "eager-raw", "torchscript", "onnx"];

    public static EmbeddingArchitecture Preset(string name) => name switch
    {
        "xvector" => EmbeddingArchitecture.XVectorSmall,
        "xvector-compact" => EmbeddingArchitecture.XVectorCompact,
        "resnet34" => EmbeddingArchitecture.ResNet34Pyannote31,
        "ecapa" => EmbeddingArchitecture.EcapaTdnnGlobC512,
        _ => throw new ArgumentException($"unknown architecture '{name}'; use {string.Join(", ", AllArchs)}"),
    };

    public static string ModelDir() => Environment.GetEnvironmentVariable("RK_TORCH_BENCH_DIR")
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "researchkit", "bench", "torch");

    public static void Run(string[] args)
    {
        var a = Args.Parse(args);
        var archs = a.List("--arch", AllArchs);
        var paths = a.List("--path", AllPaths);
        var batches = a.List("--batch", ["1", "32"]).Select(int.Parse).ToArray();
        var threads = a.List("--threads", ["1", "2"]).Select(int.Parse).ToArray();
        int windows = int.Parse(a.One("--windows", "64"), CultureInfo.InvariantCulture);
        int repeats = int.Parse(a.One("--repeats", "3"), CultureInfo.InvariantCulture);
        string dir = ModelDir();
        Console.WriteLine($"TorchSharp libtorch {TorchRuntime.Version}, ORT {OrtEnv.Instance().GetVersionString()}, {Environment.ProcessorCount} cores; " +
                          $"1.5 s windows ({Frames} frames); {repeats} passes over {windows} windows, one call per batch; models from {dir}");
        Console.WriteLine($"interop threads {get_num_interop_threads()}, intra-op threads at start {get_num_threads()}");
        Console.WriteLine($"{"arch",-16} {"path",-13} {"batch",5} {"threads",7} {"emb/s",9} {"best",9} {"ms/window",10}");
        Console.WriteLine("(emb/s and ms/window from the median call, best from the fastest call)");
        var rng = new Random(5);
        var feats = Enumerable.Range(0, windows).Select(_ => RandomFeats(rng)).ToList();
        foreach (var arch in archs)
        {
            foreach (var path in paths)
            {
                using var runner = Runner.Create(arch, path, dir);
                if (runner is null) { Console.WriteLine($"{arch,-16} {path,-13} (skipped: {Path.Combine(dir, arch)}.* missing; run make_models.py)"); continue; }
                runner.CheckReference(dir, arch);
                foreach (int b in batches)
                    foreach (int t in threads)
                    {
                        // Every call embeds one batch; the figures are per window from the median and the fastest call.
                        var batchesOf = Enumerable.Range(0, Math.Max(1, windows / b)).Select(i => feats.Skip(i * b % feats.Count).Take(b).ToList()).ToList();
                        runner.Embed(batchesOf[0], b, t);   // warm-up (JIT, oneDNN primitive cache, ORT arena)
                        var secs = new List<double>();
                        for (int r = 0; r < repeats; r++)
                            foreach (var chunk in batchesOf)
                            {
                                long t0 = Stopwatch.GetTimestamp();
                                runner.Embed(chunk, b, t);
                                secs.Add(Stopwatch.GetElapsedTime(t0).TotalSeconds / chunk.Count);
                            }
                        secs.Sort();
                        double med = secs[secs.Count / 2], min = secs[0];
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"{arch,-16} {path,-13} {b,5} {t,7} {1 / med,9:0.0} {1 / min,9:0.0} {med * 1000,10:0.000}"));
                    }
            }
        }
    }

    public static float[,] RandomFeats(Random rng)
    {
        var f = new float[Frames, 80];
        for (int i = 0; i < Frames; i++) for (int j = 0; j < 80; j++) f[i, j] = (float)(rng.NextDouble() * 2 - 1);
        return f;
    }

    /// <summary>One inference path for one model.</summary>
    internal abstract class Runner : IDisposable
    {
        public abstract void Embed(IReadOnlyList<float[,]> feats, int batch, int threads);

        public abstract float[,] EmbedOnce(IReadOnlyList<float[,]> feats);

        public abstract void Dispose();

        /// <summary>Same embeddings as the PyTorch twin on make_models.py's input (skipped for a fallback random network).</summary>
        public void CheckReference(string dir, string arch)
        {
            string inp = Path.Combine(dir, "in.npy"), refp = Path.Combine(dir, arch + ".ref.npy");
            if (!File.Exists(inp) || !File.Exists(refp) || !File.Exists(Path.Combine(dir, arch + ".safetensors"))) return;
            var x = Npy.Read(inp);
            var data = x.ToFloatArray();
            int n = x.Shape[0], t = x.Shape[1], f = x.Shape[2];
            var list = new List<float[,]>();
            for (int i = 0; i < n; i++)
            {
                var m = new float[t, f];
                Buffer.BlockCopy(data, i * t * f * 4, m, 0, t * f * 4);
                list.Add(m);
            }
            var y = EmbedOnce(list);
            var r = Npy.Read(refp).ToFloatArray();
            double max = 0;
            int k = 0;
            foreach (var v in y) max = Math.Max(max, Math.Abs(v - r[k++]));
            if (max > 1e-4) throw new InvalidOperationException($"{arch}: {GetType().Name} differs from PyTorch by {max:g3} (> 1e-4)");
        }

        public static Runner? Create(string arch, string path, string dir)
        {
            string st = Path.Combine(dir, arch + ".safetensors");
            switch (path)
            {
                case "eager-before":
                case "eager":
                case "eager-raw":
                    var net = File.Exists(st) ? ModelFile.Load(st).Network : SeededNetwork(arch);
                    return path switch
                    {
                        "eager-before" => new Before(net),
                        "eager" => new Wrapper(new TorchSpeakerEmbedder(net, arch)),
                        _ => new Raw(net),
                    };
                case "torchscript":
                    var ts = Path.Combine(dir, arch + ".ts.pt");
                    return File.Exists(ts) ? new Wrapper(TorchSpeakerEmbedder.LoadTorchScript(ts)) : null;
                case "onnx":
                    var onnx = Path.Combine(dir, arch + ".onnx");
                    return File.Exists(onnx) ? new Onnx(onnx) : null;
                default:
                    throw new ArgumentException($"unknown path '{path}'; use {string.Join(", ", AllPaths)}");
            }
        }

        private static EmbeddingNetwork SeededNetwork(string arch)
        {
            manual_seed(17);
            var n = Preset(arch).Create();
            n.eval();
            return n;
        }
    }

    private sealed class Wrapper(TorchSpeakerEmbedder owner) : Runner
    {
        public override void Embed(IReadOnlyList<float[,]> feats, int batch, int threads) => View(batch, threads).EmbedFeatures(feats);

        public override float[,] EmbedOnce(IReadOnlyList<float[,]> feats) => owner.EmbedFeatures(feats);

        // BatchSize/Threads are init-only: a non-owning view of the same network or script per configuration.
        private TorchSpeakerEmbedder View(int batch, int threads) => owner.Network is { } net
            ? new TorchSpeakerEmbedder(net, owner.Name, ownsNetwork: false) { BatchSize = batch, Threads = threads }
            : new TorchSpeakerEmbedder(owner.Script!, owner.Name, owner.Dimension, ownsModule: false) { BatchSize = batch, Threads = threads };

        public override void Dispose() => owner.Dispose();
    }

    private sealed class Raw(EmbeddingNetwork net) : Runner
    {
        public override void Embed(IReadOnlyList<float[,]> feats, int batch, int threads)
        {
            set_num_threads(threads);
            using var _ = inference_mode();
            using var x = randn(Math.Min(batch, feats.Count), Frames, 80);
            for (int p = 0; p < feats.Count; p += batch)
            {
                using var y = net.call(x, null);
            }
        }

        public override float[,] EmbedOnce(IReadOnlyList<float[,]> feats) => new TorchSpeakerEmbedder(net, "raw", ownsNetwork: false).EmbedFeatures(feats);

        public override void Dispose() => net.Dispose();
    }

    /// <summary>TorchSpeakerEmbedder.EmbedFeatures as session 1 shipped it (commit c6b97c5), for the before/after comparison.</summary>
    private sealed class Before(EmbeddingNetwork net) : Runner
    {
        private int _batch = 32;

        public override void Embed(IReadOnlyList<float[,]> feats, int batch, int threads)
        {
            _batch = batch;
            set_num_threads(threads);   // the CLI's --threads did this once, globally
            EmbedOnce(feats);
        }

        public override float[,] EmbedOnce(IReadOnlyList<float[,]> features)
        {
            int d = net.Architecture.EmbedDim;
            var result = new float[features.Count, d];
            using var _ = inference_mode();
            foreach (var group in Enumerable.Range(0, features.Count).GroupBy(i => features[i].GetLength(0)))
            {
                var idx = group.ToList();
                for (int start = 0; start < idx.Count; start += _batch)
                {
                    var chunk = idx.Skip(start).Take(_batch).ToList();
                    int t = group.Key, f = features[chunk[0]].GetLength(1);
                    var buf = new float[chunk.Count * t * f];
                    for (int b = 0; b < chunk.Count; b++)
                        Buffer.BlockCopy(features[chunk[b]], 0, buf, b * t * f * sizeof(float), t * f * sizeof(float));
                    using var scope = NewDisposeScope();
                    var x = tensor(buf, [chunk.Count, t, f]);
                    var y = net.call(x, null).data<float>().ToArray();
                    for (int b = 0; b < chunk.Count; b++)
                        for (int k = 0; k < d; k++) result[chunk[b], k] = y[b * d + k];
                }
            }
            return result;
        }

        public override void Dispose() => net.Dispose();
    }

    private sealed class Onnx(string path) : Runner
    {
        private OnnxSpeakerEmbedder? _e;
        private (int, int) _config;

        public override void Embed(IReadOnlyList<float[,]> feats, int batch, int threads)
        {
            if (_e is null || _config != (batch, threads))
            {
                _e?.Dispose();
                _e = OnnxSpeakerEmbedder.WeSpeaker(path, _ => throw new InvalidOperationException(), new EmbeddingOptions(BatchSize: batch),
                    OnnxSessionOptions.SingleThread with { IntraOpThreads = threads });
                _config = (batch, threads);
            }
            _e.EmbedFeatures(feats);
        }

        public override float[,] EmbedOnce(IReadOnlyList<float[,]> feats)
        {
            Embed(feats.Take(1).ToList(), 32, 1);
            return _e!.EmbedFeatures(feats);
        }

        public override void Dispose() => _e?.Dispose();
    }
}

/// <summary>Minimal <c>--name value</c> parsing for the benchmark switches.</summary>
internal sealed class Args
{
    private readonly Dictionary<string, string> _values = [];

    public List<string> Positional { get; } = [];

    public static Args Parse(string[] args)
    {
        var a = new Args();
        for (int i = 1; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length) a._values[args[i]] = args[++i];
            else a.Positional.Add(args[i]);
        }
        return a;
    }

    public string One(string name, string fallback) => _values.TryGetValue(name, out var v) ? v : fallback;

    public string[] List(string name, string[] fallback) => _values.TryGetValue(name, out var v) ? v.Split(',') : fallback;
}
