using BenchmarkDotNet.Attributes;
using ResearchKit.Audio;
using ResearchKit.Features;

namespace ResearchKit.Benchmarks.Features;

/// <summary>
/// Kaldi fbank-80, Kaldi MFCC-13 and log-mel-80 on 10 minutes of 16 kHz audio, one thread
/// (<c>dotnet run -c Release --project tests/ResearchKit.Benchmarks -- --filter '*FeatureBenchmarks*'</c>).
/// × real time = 600 s / mean. For the side-by-side run with torchaudio use the <c>features-rt</c> mode.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class FeatureBenchmarks
{
    private Signal _signal = null!;

    [GlobalSetup]
    public void Setup() => _signal = FeatureBench.TenMinutes();

    [Benchmark(Description = "kaldi fbank-80 (10 min)")]
    public float[,] KaldiFbank80() => KaldiFbank.Compute(_signal, FbankOptions.Kaldi);

    [Benchmark(Description = "kaldi MFCC-13 (10 min)")]
    public float[,] KaldiMfcc13() => KaldiMfcc.Compute(_signal, MfccOptions.Kaldi);

    [Benchmark(Description = "log-mel-80 400/160 (10 min)")]
    public double[,] LogMel80() => LogMel.Compute(_signal, LogMelOptions.Torchaudio80);
}
