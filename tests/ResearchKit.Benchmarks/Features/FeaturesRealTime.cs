using System.Diagnostics;
using System.Globalization;
using ResearchKit.Features;

namespace ResearchKit.Benchmarks.Features;

/// <summary>
/// Side-by-side speed run (<c>dotnet run -c Release --project tests/ResearchKit.Benchmarks -- features-rt</c>):
/// our three features and, when Debian's /usr/bin/python3 has torch + torchaudio, the same torchaudio calls
/// (torchaudio_bench.py), both on the same 600 s input, one thread, one warm-up then the median of 3 runs.
/// </summary>
public static class FeaturesRealTime
{
    public static void Run()
    {
        var signal = FeatureBench.TenMinutes();
        Console.WriteLine($"input: {signal.Duration:0} s at 16 kHz, one thread; median of 3 runs after one warm-up");
        Console.WriteLine("× RT = 600 s / median wall time; in brackets 600 s / median CPU time of the process (robust when the machine is shared)");
        Console.WriteLine($"{"job",-44} {"ResearchKit",22} {"torchaudio",22}");
        var torch = RunTorchaudio();
        Report("kaldi fbank-80", () => KaldiFbank.Compute(signal, FbankOptions.Kaldi), torch, "fbank");
        Report("kaldi MFCC-13 (23 bins)", () => KaldiMfcc.Compute(signal, MfccOptions.Kaldi), torch, "mfcc");
        Report("log-mel-80 (MelSpectrogram 400/160 + ln)", () => LogMel.Compute(signal, LogMelOptions.Torchaudio80), torch, "melspec");
        if (torch is null) Console.WriteLine("(torchaudio not measured: /usr/bin/python3 with torch and torchaudio not found)");
    }

    private static void Report(string name, Action job, Dictionary<string, double>? torch, string key)
    {
        job();
        var t = new double[3];
        var c = new double[3];
        var proc = Process.GetCurrentProcess();
        for (int i = 0; i < 3; i++)
        {
            proc.Refresh();
            var c0 = proc.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            job();
            t[i] = sw.Elapsed.TotalSeconds;
            proc.Refresh();
            c[i] = (proc.TotalProcessorTime - c0).TotalSeconds;
        }
        Array.Sort(t);
        Array.Sort(c);
        string ours = $"{FeatureBench.Seconds / t[1]:0}× ({FeatureBench.Seconds / c[1]:0}×)";
        string theirs = torch is not null && torch.TryGetValue(key, out var s) && torch.TryGetValue(key + "_cpu", out var sc)
            ? $"{FeatureBench.Seconds / s:0}× ({FeatureBench.Seconds / sc:0}×)" : "—";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-44} {ours,22} {theirs,22}   (ours {t[1]:0.000} s wall, {c[1]:0.000} s CPU)"));
    }

    private static Dictionary<string, double>? RunTorchaudio()
    {
        const string py = "/usr/bin/python3";
        if (!File.Exists(py)) return null;
        string script = Path.Combine(FeatureBench.RepoRoot(), "tests", "ResearchKit.Benchmarks", "Features", "torchaudio_bench.py");
        var psi = new ProcessStartInfo(py) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(script);
        psi.ArgumentList.Add(Path.Combine(FeatureBench.RepoRoot(), "tests", "fixtures", "features", "audio"));
        using var p = Process.Start(psi)!;
        string stdout = p.StandardOutput.ReadToEnd();
        p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) return null;
        var d = new Dictionary<string, double>();
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ');
            if (parts.Length == 2) d[parts[0]] = double.Parse(parts[1], CultureInfo.InvariantCulture);
        }
        return d;
    }
}
