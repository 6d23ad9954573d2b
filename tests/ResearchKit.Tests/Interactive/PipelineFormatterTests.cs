using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;
using ResearchKit.Annotations;
using ResearchKit.Clustering;
using ResearchKit.Interactive;
using ResearchKit.Pipelines;
using ResearchKit.Plotting;

namespace ResearchKit.Tests.Interactive;

/// <summary>The pipeline-result formatter and the kernel-extension entry point (formatters are global state: one collection).</summary>
[Collection("Formatters")]
public class PipelineFormatterTests
{
    // A windows-pipeline result built by hand: stages 0.25 + 0.75 + 0.5 + 0.5 = 2 s; speech 0–4 and 5–9 s (8 s);
    // 3 windows of 4-dim embeddings in 2 clusters; turns SPEAKER_00 0–4, SPEAKER_01 5–9.
    private static WindowEmbeddingResult HandBuilt()
    {
        var timings = new StageTimings();
        timings.Add("vad", 0.25); timings.Add("embedding", 0.75); timings.Add("clustering", 0.5); timings.Add("segments", 0.5);
        SpeakerTurn[] turns = [new(0, 0, 4), new(1, 5, 9)];
        return new WindowEmbeddingResult
        {
            Annotation = DiarizationResult.ToAnnotation("conv", turns), Turns = turns, Timings = timings,
            Speech = new Timeline([new Segment(0, 4), new Segment(5, 9)]),
            Windows = [(0.0, 1.5), (2.5, 4.0), (5.0, 6.5)], Embeddings = new float[3, 4], Clustering = new ClusteringResult([0, 1, 0]),
        };
    }

    [Fact]
    public void PipelineResult_DisplaysAsStageSummaryCountsAndTimeline()
    {
        ResearchKitFormatters.Register();
        var r = HandBuilt();
        // Registered for the base record: the derived result type picks it up, as HTML by preference.
        string html = r.ToDisplayString("text/html");
        Assert.Contains("WindowEmbeddingResult · conv: 2 speakers, 2 turns, 2.000 s", html);
        Assert.Contains("<tr><td>vad</td><td>0.250</td><td>12.5</td></tr>", html);
        Assert.Contains("<tr><td>embedding</td><td>0.750</td><td>37.5</td></tr>", html);
        Assert.Contains("<tr><td>segments</td><td>0.500</td><td>25.0</td></tr>", html);
        Assert.Contains("<tr><td>TOTAL</td><td>2.000</td><td>100.0</td></tr>", html);
        Assert.Contains("<tr><td>speech (VAD)</td><td>2 regions, 8.00 s</td></tr>", html);
        Assert.Contains("<tr><td>windows</td><td>3</td></tr>", html);
        Assert.Contains("<tr><td>embeddings</td><td>3 × 4</td></tr>", html);
        Assert.Contains("<tr><td>clusters</td><td>2</td></tr>", html);
        Assert.Contains("<tr><td>speaker time</td><td>8.00 s</td></tr>", html);
        Assert.Contains("<img alt=\"timeline\" src=\"data:image/png;base64,iVBORw0KGgo", html); // CI installs chromium
        Assert.Contains("text/html", Formatter.GetPreferredMimeTypesFor(typeof(WindowEmbeddingResult)));
        Assert.DoesNotContain("<img", ResearchKitFormatters.PipelineResultHtml(r, timeline: false));
    }

    [Fact]
    public void PipelineResult_FramePipelineRun_CountsMatchItsIntermediates()
    {
        // A real run: 6 s of two alternating tones with noise, frame-MFCC clustering.
        var rng = new Random(3);
        var x = new float[16000 * 6];
        for (int i = 0; i < x.Length; i++)
            x[i] = (float)(0.3 * Math.Sin(2 * Math.PI * (i / 16000 % 2 == 0 ? 220 : 700) * i / 16000.0) + 0.01 * (rng.NextDouble() - 0.5));
        var r = new FrameClusteringPipeline(FrameClusteringOptions.Mfcc).RunFrames(new ResearchKit.Audio.Signal(x, 16000), uri: "tones");
        var counts = ResearchKitFormatters.PipelineCounts(r).ToDictionary(c => c.Name, c => c.Value);
        Assert.Equal($"{r.Features.GetLength(0)} × {r.Features.GetLength(1)}, {r.SpeechMask.Count(m => m)} in speech", counts["feature frames"]);
        Assert.Equal(r.Clustering.NumClusters.ToString(), counts["clusters"]);
        Assert.Equal(r.Turns.Count.ToString(), counts["turns"]);
        string html = ResearchKitFormatters.PipelineResultHtml(r, timeline: false);
        foreach (var (stage, _) in r.Timings.Stages) Assert.Contains($"<tr><td>{stage}</td>", html);
    }

    [Fact]
    public async Task KernelExtension_FoundAndLoadedTheWayTheKernelLoadsExtensions_RegistersFormatters()
    {
        ResearchKitFormatters.ResetForTests();
        try
        {
            var df = new DataFrame(new DoubleDataFrameColumn("DER", [1.0]));
            Assert.DoesNotContain("rk-table", df.ToDisplayString("text/html"));   // nothing registered yet
            Assert.DoesNotContain("image/png", Formatter.GetPreferredMimeTypesFor(typeof(Figure)));

            // dotnet-interactive 1.0.712001 (PackageDirectoryExtensionLoader): every exported, instantiable IKernelExtension
            // of each DLL in a package's interactive-extensions/dotnet folder is created and OnLoadAsync(kernel) is awaited.
            var extensions = typeof(ResearchKitFormatters).Assembly.ExportedTypes
                .Where(t => !t.IsAbstract && !t.IsGenericTypeDefinition && !t.IsInterface && typeof(IKernelExtension).IsAssignableFrom(t)).ToArray();
            Assert.Equal([typeof(ResearchKitKernelExtension)], extensions);
            using var kernel = new CompositeKernel();
            await ((IKernelExtension)Activator.CreateInstance(extensions[0])!).OnLoadAsync(kernel);

            Assert.Contains("rk-table", df.ToDisplayString("text/html"));
            Assert.Contains("image/png", Formatter.GetPreferredMimeTypesFor(typeof(Figure)));
            Assert.Contains("rk-pipeline", HandBuilt().ToDisplayString("text/html"));
        }
        finally { ResearchKitFormatters.Register(); }
    }
}
