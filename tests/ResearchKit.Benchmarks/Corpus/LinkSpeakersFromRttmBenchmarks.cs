using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using ResearchKit.Clustering;
using ResearchKit.Corpus;
using ResearchKit.Models;
using ResearchKit.Pipelines;

namespace ResearchKit.Benchmarks.Corpus;

/// <summary>
/// <c>link-speakers --rttm … --audio …</c> end to end: the six bundled conversations (data/conversations, 4.6 min of audio,
/// 20 RTTM speakers) copied <see cref="Copies"/> times under new file ids (so 6·Copies recordings), each turn embedded
/// (overlap cut, ≥ 0.5 s), the RTTM labels within recordings (the default), grouping at the seed's three thresholds.
/// Models: the bundled model's ONNX twin (the command's default; newest data/models/researchkit-xvector-*.onnx) and the
/// MFCC-statistics baseline. One cold run per case (decoding + embedding dominate; the real-time factor and peak working set
/// are printed after each case). <c>RK_LINK_COPIES</c> (comma-separated) overrides the copies, e.g. <c>RK_LINK_COPIES=1</c> for a smoke run.
/// Run: <c>dotnet run -c Release --project tests/ResearchKit.Benchmarks -- --filter '*LinkSpeakersFromRttm*'</c>.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1)]
[MemoryDiagnoser]
public class LinkSpeakersFromRttmBenchmarks
{
    private string _dir = null!;
    private IReadOnlyList<DiarizedRecording> _recordings = null!;
    private ISpeakerEmbedder _embedder = null!;
    private double _audioSeconds;
    private readonly Stopwatch _clock = new();

    /// <summary>Copies of the six conversations.</summary>
    [ParamsSource(nameof(CopiesValues))]
    public int Copies { get; set; }

    /// <summary>Embedding model: "bundled-onnx" or "mfcc-stats".</summary>
    [Params("bundled-onnx", "mfcc-stats")]
    public string Model { get; set; } = "";

    /// <summary>1 and 10 copies (6 and 60 recordings, 4.6 and 46 minutes), or RK_LINK_COPIES.</summary>
    public static IEnumerable<int> CopiesValues() =>
        Environment.GetEnvironmentVariable("RK_LINK_COPIES") is { Length: > 0 } v ? v.Split(',').Select(int.Parse) : [1, 10];

    [GlobalSetup]
    public void Setup()
    {
        string root = Models.BenchPaths.RepoRoot(), conv = Path.Combine(root, "data", "conversations");
        _dir = Path.Combine(Path.GetTempPath(), "researchkit-bench-link-" + Guid.NewGuid().ToString("N"));
        string audio = Path.Combine(_dir, "audio"), rttm = Path.Combine(_dir, "rttm");
        Directory.CreateDirectory(audio);
        Directory.CreateDirectory(rttm);
        foreach (var src in Directory.GetFiles(conv, "*.rttm"))
        {
            string id = Path.GetFileNameWithoutExtension(src);
            for (int c = 0; c < Copies; c++)
            {
                string copy = $"c{c:000}-{id}";
                File.Copy(Path.Combine(conv, id + ".wav"), Path.Combine(audio, copy + ".wav"));
                File.WriteAllLines(Path.Combine(rttm, copy + ".rttm"), File.ReadAllLines(src).Select(l => l.Replace($" {id} ", $" {copy} ")));
            }
        }
        _recordings = DiarizedRecordings.Open([rttm], audio);
        _audioSeconds = _recordings.Sum(r => r.AudioSeconds);
        _embedder = Model == "mfcc-stats" ? new MfccStatisticsEmbedder() : OnnxSpeakerEmbedder.WeSpeaker(BundledOnnx(root), new EmbeddingOptions(MinDurationSeconds: 0.2));
    }

    [Benchmark]
    public int LinkFromRttmAndAudio()
    {
        _clock.Restart();
        var r = DiarizedLinking.Run(_recordings, _embedder, GraphGroupingOptions.Malaya);
        _clock.Stop();
        return r.Links.Levels[^1].Groups;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Console.WriteLine($"// {Model}, {_recordings.Count} recordings, {_audioSeconds / 60:0.0} min audio: {_clock.Elapsed.TotalSeconds:0.00} s, " +
                          $"{_audioSeconds / Math.Max(1e-9, _clock.Elapsed.TotalSeconds):0} × real time, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:0} MB");
        (_embedder as IDisposable)?.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>The newest bundled model's ONNX twin (researchkit-xvector-v1, -v2 …), as the command's default uses.</summary>
    private static string BundledOnnx(string root) =>
        Directory.GetFiles(Path.Combine(root, "data", "models"), "researchkit-xvector-*.onnx").OrderBy(p => p.Length).ThenBy(p => p, StringComparer.Ordinal).LastOrDefault()
        ?? throw new FileNotFoundException("no data/models/researchkit-xvector-*.onnx (the bundled model's ONNX twin)");
}
