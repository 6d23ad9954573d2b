using System.Diagnostics;
using System.Globalization;
using ResearchKit.IO;
using ResearchKit.Torch.Checkpoints;
using ResearchKit.Torch.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ResearchKit.Benchmarks.Torch;

/// <summary>
/// <c>torch-gap</c>: the eager-vs-TorchScript comparison of shared/docs/models-platform.md, on its small net
/// (Conv1d 80→256 k5, BatchNorm1d, Conv1d 256→256 k3, mean over time, Linear 256→192; input [1, 80, 300]) with the
/// weights and TorchScript trace make_models.py writes. Per-call time (median and minimum of <c>--calls</c> calls after
/// a warm-up) for the eager module under no guard / no_grad / inference_mode, with and without the managed
/// input/output copies and a DisposeScope per call, and for the TorchScript module; on 1 and 2 threads; then the
/// time of each layer alone. Checks the eager and TorchScript outputs equal PyTorch's (≤ 1e-5).
/// </summary>
internal static class TorchGap
{
    private sealed class SmallNet : nn.Module<Tensor, Tensor>
    {
#pragma warning disable IDE1006 // PyTorch parameter names
        public readonly Conv1d conv1 = nn.Conv1d(80, 256, 5);
        public readonly BatchNorm1d bn = nn.BatchNorm1d(256);
        public readonly Conv1d conv2 = nn.Conv1d(256, 256, 3);
        public readonly Linear linear = nn.Linear(256, 192);
#pragma warning restore IDE1006

        public SmallNet() : base(nameof(SmallNet)) => RegisterComponents();

        public override Tensor forward(Tensor x)
        {
            using var scope = NewDisposeScope();
            return linear.call(conv2.call(bn.call(conv1.call(x))).mean([-1])).MoveToOuterDisposeScope();
        }
    }

    public static void Run(string[] args)
    {
        var a = Args.Parse(args);
        int calls = int.Parse(a.One("--calls", "200"), CultureInfo.InvariantCulture);
        var threads = a.List("--threads", ["1", "2"]).Select(int.Parse).ToArray();
        string dir = TorchSpeed.ModelDir();
        if (!File.Exists(Path.Combine(dir, "smallnet.ts.pt")))
        {
            Console.WriteLine($"{dir}/smallnet.* missing: run /usr/bin/python3 tests/ResearchKit.Benchmarks/Torch/make_models.py first.");
            return;
        }
        TorchRuntime.EnsureLoaded();
        using var net = new SmallNet();
        CheckpointImport.Load(net, Path.Combine(dir, "smallnet.safetensors"), ImportOptions.Exact);
        net.eval();
        using var script = jit.load<Tensor, Tensor>(Path.Combine(dir, "smallnet.ts.pt"));
        script.eval();
        var inArr = Npy.Read(Path.Combine(dir, "smallnet.in.npy"));
        var inData = inArr.ToFloatArray();
        var reference = Npy.Read(Path.Combine(dir, "smallnet.ref.npy")).ToFloatArray();
        using var x = tensor(inData, [1, 80, 300]);
        double firstEager, firstScript, secondScript;
        using (inference_mode())
        {
            // First calls are timed too: they create oneDNN primitives, and TorchScript's profiling executor
            // records and optimises its graph on the first runs.
            long t0 = Stopwatch.GetTimestamp();
            Check("eager", net.call(x), reference);
            firstEager = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            t0 = Stopwatch.GetTimestamp();
            Check("torchscript", script.call(x), reference);
            firstScript = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            t0 = Stopwatch.GetTimestamp();
            Check("torchscript", script.call(x), reference);
            secondScript = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        }
        Console.WriteLine($"TorchSharp libtorch {TorchRuntime.Version}; small net of models-platform.md, input [1, 80, 300]; median / min ms per call over {calls} calls");
        Console.WriteLine($"interop threads {get_num_interop_threads()}, intra-op threads at start {get_num_threads()}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"first call: eager {firstEager:0.0} ms; torchscript {firstScript:0.0} ms, second {secondScript:0.0} ms ({get_num_threads()} threads)"));
        Console.WriteLine($"{"variant",-52} {"threads",7} {"median",8} {"min",8}");
        var variants = new (string Name, Func<float[], float[]> Call)[]
        {
            ("eager, grad enabled (no guard)", _ => { using var y = net.call(x); return []; }),
            ("eager, no_grad", _ => { using var g = no_grad(); using var y = net.call(x); return []; }),
            ("eager, inference_mode", _ => { using var g = inference_mode(); using var y = net.call(x); return []; }),
            ("eager, inference_mode, float[] in/out, DisposeScope", d =>
            {
                using var g = inference_mode();
                using var s = NewDisposeScope();
                return net.call(tensor(d, [1, 80, 300])).data<float>().ToArray();
            }),
            ("torchscript, grad enabled (no guard)", _ => { using var y = script.call(x); return []; }),
            ("torchscript, inference_mode", _ => { using var g = inference_mode(); using var y = script.call(x); return []; }),
            ("torchscript, inference_mode, float[] in/out, DisposeScope", d =>
            {
                using var g = inference_mode();
                using var s = NewDisposeScope();
                return script.call(tensor(d, [1, 80, 300])).data<float>().ToArray();
            }),
        };
        foreach (int t in threads)
        {
            set_num_threads(t);
            foreach (var (name, call) in variants)
            {
                var (med, min) = Time(() => call(inData), calls);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-52} {t,7} {med,8:0.000} {min,8:0.000}"));
            }
        }
        // Each layer alone (eager, inference_mode, 1 thread): where the time goes.
        set_num_threads(1);
        using (inference_mode())
        {
            using var h1 = net.conv1.call(x);
            using var h2 = net.bn.call(h1);
            using var h3 = net.conv2.call(h2);
            using var h4 = h3.mean([-1]);
            var layers = new (string, Func<Tensor>)[]
            {
                ("conv1 (Conv1d 80→256 k5)", () => net.conv1.call(x)),
                ("bn (BatchNorm1d eval)", () => net.bn.call(h1)),
                ("conv2 (Conv1d 256→256 k3)", () => net.conv2.call(h2)),
                ("mean over time", () => h3.mean([-1])),
                ("linear (256→192)", () => net.linear.call(h4)),
                ("functional.conv1d (same as conv1)", () => nn.functional.conv1d(x, net.conv1.weight!, net.conv1.bias)),
            };
            foreach (var (name, f) in layers)
            {
                var (med, min) = Time(() => { using var y = f(); return []; }, calls);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"  layer: " + name,-52} {1,7} {med,8:0.000} {min,8:0.000}"));
            }
        }
    }

    private static (double Median, double Min) Time(Func<float[]> f, int calls)
    {
        for (int i = 0; i < Math.Max(5, calls / 10); i++) f();
        var ms = new double[calls];
        for (int i = 0; i < calls; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            f();
            ms[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        }
        Array.Sort(ms);
        return (ms[calls / 2], ms[0]);
    }

    private static void Check(string name, Tensor y, float[] reference)
    {
        var v = y.data<float>().ToArray();
        y.Dispose();
        double max = 0;
        for (int i = 0; i < v.Length; i++) max = Math.Max(max, Math.Abs(v[i] - reference[i]));
        if (v.Length != reference.Length || max > 1e-5) throw new InvalidOperationException($"{name}: differs from PyTorch by {max:g3}");
    }
}
