using System.Diagnostics;
using System.Globalization;
using ResearchKit.Audio;
using ResearchKit.Benchmarks.Models;
using ResearchKit.Experiments;
using ResearchKit.Pipelines;

namespace ResearchKit.Benchmarks.Pipelines;

/// <summary>
/// Long-input run of the windows pipeline (issue 14: peak memory for a 1-hour input ≤ 1.5 GB and linear in duration):
/// <c>dotnet run -c Release --project tests/ResearchKit.Benchmarks -- pipeline-scale [minutes …]</c> (default 10 30 60).
/// Each duration runs in its own child process, so <see cref="Process.PeakWorkingSet64"/> is that run's peak: the
/// bundled conversations (data/conversations, all 16 kHz mono) concatenated and looped to the duration, then one
/// <c>RunWindows</c> with the default options of <see cref="PipelineFactory.DefaultEmbedder"/> (or <c>RK_BENCH_EMBEDDER</c>),
/// on one thread, after a warm-up on 30 s. Printed per duration: wall seconds, real-time factor (wall / audio), RTF per
/// stage, windows, speakers found, peak working set, and the input signal's own size (4 bytes per sample).
/// </summary>
public static class PipelineScale
{
    public static void Run(string[] args)
    {
        var minutes = args.Length > 0 ? args.Select(a => double.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [10.0, 30.0, 60.0];
        Console.WriteLine($"windows pipeline, embedder {Environment.GetEnvironmentVariable("RK_BENCH_EMBEDDER") ?? PipelineFactory.DefaultEmbedder}; one child process per duration");
        Console.WriteLine($"{"minutes",8} {"wall s",8} {"RTF",8} {"peak MB",8} {"signal MB",9} {"windows",8} {"spk",4}  stages (RTF)");
        foreach (var m in minutes)
        {
            var psi = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
            // Under `dotnet <dll>` the host is dotnet itself: pass the assembly first.
            if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet") psi.ArgumentList.Add(typeof(PipelineScale).Assembly.Location);
            psi.ArgumentList.Add("pipeline-scale-one");
            psi.ArgumentList.Add(m.ToString(CultureInfo.InvariantCulture));
            using var p = Process.Start(psi)!;
            string output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            Console.Write(p.ExitCode == 0 ? output : $"{m,8} failed (exit {p.ExitCode}): {output}\n");
        }
    }

    /// <summary>The child: one duration, one line.</summary>
    public static void RunOne(double minutes)
    {
        var ci = CultureInfo.InvariantCulture;
        var embedder = PipelineFactory.OpenEmbedder(Environment.GetEnvironmentVariable("RK_BENCH_EMBEDDER") ?? PipelineFactory.DefaultEmbedder);
        var pipeline = (WindowEmbeddingPipeline)PipelineFactory.Create("windows", embedder: embedder);
        var signal = Looped(minutes * 60);
        pipeline.RunWindows(signal.SliceTime(0, Math.Min(30, signal.Duration))); // warm-up: JIT, ORT session
        var sw = Stopwatch.StartNew();
        var r = pipeline.RunWindows(signal, null, "long");
        double wall = sw.Elapsed.TotalSeconds;
        var proc = Process.GetCurrentProcess();
        proc.Refresh();
        string stages = string.Join(" ", r.Timings.Stages.Select(s => string.Format(ci, "{0} {1:0.0000}", s.Key, s.Value / signal.Duration)));
        Console.WriteLine(string.Format(ci, "{0,8:0.#} {1,8:0.00} {2,8:0.0000} {3,8:0} {4,9:0} {5,8} {6,4}  {7}", minutes, wall, wall / signal.Duration,
            proc.PeakWorkingSet64 / 1048576.0, signal.Length * 4.0 / 1048576.0, r.Windows.Count, r.NumSpeakers, stages));
        (embedder as IDisposable)?.Dispose();
    }

    /// <summary>data/conversations' recordings one after another, repeated until <paramref name="seconds"/> are filled.</summary>
    private static Signal Looped(double seconds)
    {
        var dir = Path.Combine(BenchPaths.RepoRoot(), "data", "conversations");
        var parts = Directory.GetFiles(dir, "*.wav").Order(StringComparer.Ordinal).Select(f => AudioFile.Read(f)).ToList();
        if (parts.Any(p => p.SampleRate != 16000)) throw new InvalidOperationException("data/conversations must be 16 kHz.");
        var x = new float[(long)Math.Round(seconds * 16000)];
        for (long i = 0; i < x.Length;)
            foreach (var p in parts)
            {
                int n = (int)Math.Min(p.Length, x.Length - i);
                p.Samples[..n].CopyTo(x.AsSpan((int)i));
                i += n;
                if (i >= x.Length) break;
            }
        return new Signal(x, 16000);
    }
}
