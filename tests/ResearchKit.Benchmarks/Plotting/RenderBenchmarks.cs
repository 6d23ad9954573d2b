using BenchmarkDotNet.Attributes;
using ResearchKit.Annotations;
using ResearchKit.Audio;
using ResearchKit.Plotting;

namespace ResearchKit.Benchmarks.Plotting;

/// <summary>
/// PNG rendering per figure with ONE headless Chromium kept open (issue goal: ≤ 0.3 s per figure), for a simple line
/// chart, a 10 s waveform + diarization timeline and a 12×12 similarity heatmap with cell text; plus the JSON alone.
/// Run: <c>dotnet run -c Release --project tests/ResearchKit.Benchmarks -- --filter '*RenderBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
public class RenderBenchmarks
{
    private ChromiumRenderer _chromium = null!;
    private Figure _line = null!, _diarization = null!, _heatmap = null!;

    [GlobalSetup]
    public void Setup()
    {
        _chromium = new ChromiumRenderer();
        _line = new Figure(new Scatter { X = Enumerable.Range(0, 200).Select(i => i * 0.05).ToArray(), Y = Enumerable.Range(0, 200).Select(i => Math.Sin(i * 0.1)).ToArray(), Mode = "lines" });
        var rng = new Random(1);
        var wave = new Signal(Enumerable.Range(0, 160_000).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray(), 16000);
        var reference = new Annotation("f", [(0.0, 4.0, "A"), (4.0, 8.0, "B"), (6.0, 7.0, "C")]);
        var hypothesis = new Annotation("f", [(0.0, 3.0, "s1"), (3.0, 8.0, "s2"), (9.0, 10.0, "s1")]);
        _diarization = Charts.Diarization(reference, hypothesis, wave, "diarization");
        var d = new double[12, 12];
        for (int i = 0; i < 12; i++) for (int j = 0; j < 12; j++) d[i, j] = i / 3 == j / 3 ? 0.3 : 0.8;
        var names = Enumerable.Range(0, 12).Select(i => $"u{i}").ToArray();
        _heatmap = Charts.SimilarityMatrix(d, names, names.Select((_, i) => $"s{i / 3}").ToArray(), "similarity");
        _chromium.RenderPng(_line); // warm-up: first render compiles plotly's code paths
    }

    [GlobalCleanup]
    public void Cleanup() => _chromium.Dispose();

    /// <summary>Line chart to PNG.</summary>
    [Benchmark] public byte[] LinePng() => _chromium.RenderPng(_line);

    /// <summary>Waveform (4000 points) + ref/hyp timeline + error shading to PNG.</summary>
    [Benchmark] public byte[] DiarizationPng() => _chromium.RenderPng(_diarization);

    /// <summary>12×12 heatmap with values in the cells to PNG.</summary>
    [Benchmark] public byte[] SimilarityHeatmapPng() => _chromium.RenderPng(_heatmap);

    /// <summary>The diarization figure's JSON only (serialisation cost).</summary>
    [Benchmark] public string DiarizationJson() => _diarization.ToJson();
}
