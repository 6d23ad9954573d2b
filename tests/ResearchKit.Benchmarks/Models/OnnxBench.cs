using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using ResearchKit.Audio;
using ResearchKit.Models;

namespace ResearchKit.Benchmarks.Models;

/// <summary>
/// Issue 13 speed checks as one command (not BenchmarkDotNet: the wrapper-vs-bare comparison must be interleaved in one
/// process so that load changes on a shared machine hit both sides alike):
/// <code>dotnet run -c Release --project tests/ResearchKit.Benchmarks -- onnx-bench [embed|vad|all] [options]</code>
/// <list type="bullet">
/// <item><c>embed</c>: random-weight WeSpeaker ResNet34 ONNX (resnet34.onnx of Torch/make_models.py) on N segments of 3 s (298 × 80
/// fbank frames) at each batch size and thread count. For every batch, our <see cref="OnnxSpeakerEmbedder.EmbedFeatures"/>
/// and a bare <c>InferenceSession.Run</c> on the same session with the same batch (prebuilt input tensor) run back to
/// back, alternating which goes first; the overhead is the median of the per-batch time ratios (goal ≤ 5 %), and the
/// throughput is the wrapper's total time for the N segments (median over rounds).</item>
/// <item><c>vad</c>: Silero VAD v6 on one thread over the bundled real recordings (tests/fixtures/vad/*.wav) repeated to
/// at least 10 minutes: <see cref="SileroVad.Detect"/> end to end, median over rounds, as × real time (goal ≥ 500×);
/// plus the per-chunk wrapper overhead, interleaved in blocks of chunks against bare <c>Run</c> calls on the same session.</item>
/// </list>
/// Options: <c>--segments N</c> (500), <c>--batches 1,16,32</c>, <c>--threads 1,2</c>, <c>--rounds R</c> (default 1 for
/// embed, 5 for vad),
/// <c>--minutes M</c> (10, VAD audio length), <c>--model path</c> (ResNet34 ONNX; default <see cref="BenchPaths.ResNet34Model"/>).
/// </summary>
public static class OnnxBench
{
    private const int Frames = 298, Bins = 80; // 3 s at 10 ms hop with 25 ms snip-edges frames

    /// <summary>Entry point for <c>onnx-bench</c>.</summary>
    public static void Run(string[] args)
    {
        string what = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "all";
        // One embedding round is 500 segments × 2 sides × 6 configurations (estimated ≈ 10 min on a quiet 2-core machine); VAD rounds are ~1 s.
        int segments = Int(args, "--segments", 500), embedRounds = Int(args, "--rounds", 1), vadRounds = Int(args, "--rounds", 5);
        int[] batches = Ints(args, "--batches", [1, 16, 32]), threads = Ints(args, "--threads", [1, 2]);
        double minutes = double.Parse(Opt(args, "--minutes") ?? "10", System.Globalization.CultureInfo.InvariantCulture);
        Console.WriteLine($"onnx-bench {what}: {Environment.ProcessorCount} cores, load average {LoadAverage()}, ORT {OrtEnv.Instance().GetVersionString()}");
        if (what is "embed" or "all") Embed(Opt(args, "--model") ?? BenchPaths.ResNet34Model(), segments, batches, threads, embedRounds);
        if (what is "vad" or "all") Vad(minutes, vadRounds);
        if (what is not ("embed" or "vad" or "all")) throw new ArgumentException($"unknown onnx-bench mode '{what}'; use embed, vad or all.");
    }

    private static void Embed(string model, int n, int[] batches, int[] threads, int rounds)
    {
        var rng = new Random(3);
        var feats = new List<float[,]>(n);
        for (int i = 0; i < n; i++)
        {
            var f = new float[Frames, Bins];
            for (int t = 0; t < Frames; t++) for (int b = 0; b < Bins; b++) f[t, b] = (float)(rng.NextDouble() * 2 - 1);
            feats.Add(f);
        }
        Console.WriteLine($"\nResNet34-shaped embedding ({Path.GetFileName(model)}), {n} segments × 3 s, {rounds} round(s)");
        Console.WriteLine("| threads | batch | wrapper total s (median) | segments/s | × real time | bare ms/batch (median) | wrapper ms/batch (median) | overhead: median paired ratio − 1 [IQR] | pairs |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (int th in threads)
            foreach (int batch in batches)
            {
                using var e = OnnxSpeakerEmbedder.WeSpeaker(model, (_ => throw new InvalidOperationException("features are given")),
                    new EmbeddingOptions(BatchSize: batch), OnnxSessionOptions.SingleThread with { IntraOpThreads = th });
                var session = e.Model.Session; // same session for both sides: only the wrapper code differs
                using var runOptions = new RunOptions();
                // Bare side: one prebuilt contiguous input tensor per batch (what a caller of Run must build anyway).
                var groups = new List<(List<float[,]> Items, OrtValue Input)>();
                for (int p = 0; p < n; p += batch)
                {
                    int b = Math.Min(batch, n - p);
                    var items = feats.GetRange(p, b);
                    var flat = new float[b * Frames * Bins];
                    for (int k = 0; k < b; k++) Buffer.BlockCopy(items[k], 0, flat, k * Frames * Bins * 4, Frames * Bins * 4);
                    groups.Add((items, OrtValue.CreateTensorValueFromMemory(flat, [b, Frames, Bins])));
                }
                string[] inNames = ["feats"], outNames = ["embs"];
                double Bare(OrtValue input)
                {
                    long t0 = Stopwatch.GetTimestamp();
                    using var outs = session.Run(runOptions, inNames, [input], outNames);
                    float sink = outs[0].GetTensorDataAsSpan<float>()[0];
                    double ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                    return float.IsNaN(sink) ? -ms : ms;
                }
                double Wrap(List<float[,]> items)
                {
                    long t0 = Stopwatch.GetTimestamp();
                    var r = e.EmbedFeatures(items);
                    double ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                    return float.IsNaN(r[0, 0]) ? -ms : ms;
                }
                // warm-up: both sides, two batches each
                for (int w = 0; w < Math.Min(2, groups.Count); w++) { Bare(groups[w].Input); Wrap(groups[w].Items); }
                var ratios = new List<double>();
                var bareMs = new List<double>();
                var wrapMs = new List<double>();
                var totals = new List<double>();
                for (int r = 0; r < rounds; r++)
                {
                    double total = 0;
                    for (int g = 0; g < groups.Count; g++)
                    {
                        double tb, tw;
                        if (((g + r) & 1) == 0) { tb = Bare(groups[g].Input); tw = Wrap(groups[g].Items); }
                        else { tw = Wrap(groups[g].Items); tb = Bare(groups[g].Input); }
                        tb = Math.Abs(tb); tw = Math.Abs(tw);
                        total += tw;
                        if (groups[g].Items.Count == batch) { bareMs.Add(tb); wrapMs.Add(tw); ratios.Add(tw / tb); }
                    }
                    totals.Add(total / 1000);
                }
                foreach (var g in groups) g.Input.Dispose();
                double tot = Median(totals);
                Console.WriteLine($"| {th} | {batch} | {tot:0.00} | {n / tot:0.0} | {n * 3.0 / tot:0.0} | {Median(bareMs):0.00} | {Median(wrapMs):0.00} | " +
                    $"{(Median(ratios) - 1) * 100:+0.0;-0.0} % [{(Quantile(ratios, 0.25) - 1) * 100:+0.0;-0.0}, {(Quantile(ratios, 0.75) - 1) * 100:+0.0;-0.0}] | {ratios.Count} |");
            }
    }

    private static void Vad(double minutes, int rounds)
    {
        var parts = new[] { "sample", "dev00", "simdev00", "trn05" }
            .Select(c => AudioFile.Read(BenchPaths.Fixture("vad", c + ".wav"))).ToList();
        int target = (int)(minutes * 60 * 16000), len = 0;
        var x = new float[target];
        for (int k = 0; len < target; k++)
        {
            var s = parts[k % parts.Count].Samples;
            int m = Math.Min(s.Length, target - len);
            s[..m].CopyTo(x.AsSpan(len));
            len += m;
        }
        var audio = new Signal(x, 16000);
        using var vad = SileroVad.Open(ModelStore.Default.Acquire(PretrainedModels.SileroVadV6), OnnxSessionOptions.SingleThread);
        Console.WriteLine($"\nSilero VAD v6, 1 thread, {audio.Duration:0} s of the bundled recordings (vad/*.wav repeated), {rounds} round(s)");
        vad.Detect(new Signal(x.AsMemory(0, 16000 * 5).ToArray(), 16000)); // warm-up
        var times = new List<double>();
        int regions = 0;
        for (int r = 0; r < rounds; r++)
        {
            long t0 = Stopwatch.GetTimestamp();
            regions = vad.Detect(audio).Count;
            times.Add(Stopwatch.GetElapsedTime(t0).TotalSeconds);
        }
        double med = Median(times);
        Console.WriteLine($"| Detect end to end (median s) | × real time | ms per 32 ms chunk | speech regions |");
        Console.WriteLine("|---|---|---|---|");
        Console.WriteLine($"| {med:0.000} | {audio.Duration / med:0} | {med * 1000 / (x.Length / 512.0):0.0000} | {regions} |");

        // Per-chunk overhead: blocks of 500 chunks through SileroVad.Process versus bare Run on the same session
        // (same input layout: 64 context + 512 new samples, state ping-pong, sr), alternating which goes first.
        var session = vad.Model.Session;
        using var runOptions = new RunOptions();
        var input = new float[576];
        var st = new[] { new float[256], new float[256] };
        var prob = new float[1];
        using var inV = OrtValue.CreateTensorValueFromMemory(input, [1, 576]);
        using var s0 = OrtValue.CreateTensorValueFromMemory(st[0], [2, 1, 128]);
        using var s1 = OrtValue.CreateTensorValueFromMemory(st[1], [2, 1, 128]);
        bool scalarSr = vad.Model.Inputs.First(i => i.Name == "sr").Shape.Count == 0;
        using var srV = OrtValue.CreateTensorValueFromMemory(new long[] { 16000 }, scalarSr ? [] : [1]);
        using var pV = OrtValue.CreateTensorValueFromMemory(prob, [1, 1]);
        string[] inNames = ["input", "state", "sr"], outNames = ["output", "stateN"];
        OrtValue[] insA = [inV, s0, srV], insB = [inV, s1, srV], outsA = [pV, s1], outsB = [pV, s0];
        const int Block = 500;
        int chunks = x.Length / 512;
        double BareBlock(int start)
        {
            long t0 = Stopwatch.GetTimestamp();
            bool a = true;
            for (int c = start; c < start + Block; c++)
            {
                input.AsSpan(512).CopyTo(input);
                x.AsSpan(c * 512, 512).CopyTo(input.AsSpan(64));
                session.Run(runOptions, inNames, a ? insA : insB, outNames, a ? outsA : outsB);
                a = !a;
            }
            return Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        }
        double WrapBlock(int start)
        {
            long t0 = Stopwatch.GetTimestamp();
            for (int c = start; c < start + Block; c++) vad.Process(x.AsSpan(c * 512, 512));
            return Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        }
        var ratios = new List<double>();
        var bare = new List<double>();
        for (int r = 0; r < rounds; r++)
            for (int b = 0, k = 0; b + Block <= chunks; b += Block, k++)
            {
                double tb, tw;
                if (((k + r) & 1) == 0) { tb = BareBlock(b); tw = WrapBlock(b); } else { tw = WrapBlock(b); tb = BareBlock(b); }
                ratios.Add(tw / tb);
                bare.Add(tb);
            }
        Console.WriteLine($"\n| bare Run ms per chunk (median) | wrapper overhead: median paired ratio − 1 [IQR] | blocks of {Block} chunks |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine($"| {Median(bare) / Block:0.0000} | {(Median(ratios) - 1) * 100:+0.0;-0.0} % [{(Quantile(ratios, 0.25) - 1) * 100:+0.0;-0.0}, {(Quantile(ratios, 0.75) - 1) * 100:+0.0;-0.0}] | {ratios.Count} |");
    }

    private static double Median(List<double> v) => Quantile(v, 0.5);

    private static double Quantile(List<double> v, double q)
    {
        if (v.Count == 0) return double.NaN;
        var s = v.OrderBy(a => a).ToArray();
        double pos = q * (s.Length - 1);
        int lo = (int)Math.Floor(pos), hi = (int)Math.Ceiling(pos);
        return s[lo] + (s[hi] - s[lo]) * (pos - lo);
    }

    private static string? Opt(string[] a, string name)
    {
        int i = Array.IndexOf(a, name);
        return i >= 0 && i + 1 < a.Length ? a[i + 1] : null;
    }

    private static int Int(string[] a, string name, int def) => Opt(a, name) is { } s ? int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : def;

    private static int[] Ints(string[] a, string name, int[] def) =>
        Opt(a, name) is { } s ? s.Split(',').Select(t => int.Parse(t, System.Globalization.CultureInfo.InvariantCulture)).ToArray() : def;

    private static string LoadAverage()
    {
        try { return File.ReadAllText("/proc/loadavg").Split(' ')[0]; }
        catch (IOException) { return "?"; }
    }
}
