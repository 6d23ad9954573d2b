using ResearchKit.Models;
using ResearchKit.Pipelines;

namespace ResearchKit.Experiments;

/// <summary>
/// Builds the three pipelines by name (<c>frames</c>, <c>windows</c>, <c>pyannote</c>) from their default options plus
/// one point of a <see cref="ParameterGrid"/>, so grids stay separate from the options they vary.
/// </summary>
public static class PipelineFactory
{
    /// <summary>
    /// The default embedder of the windows pipeline (and so of <c>researchkit compare</c>, <c>evaluate</c>, <c>sweep</c> and
    /// <c>diarize</c> without <c>--embedder</c>): <c>mfcc-stats</c> (<see cref="MfccStatisticsEmbedder"/>), or the file name of
    /// a WeSpeaker-contract ONNX in the repository's <c>data/models/</c> (e.g. <c>researchkit-xvector-v2.onnx</c>, the bundled
    /// model). Changing this one constant switches every default; the clustering threshold follows the embedder
    /// (<see cref="WindowEmbeddingOptions.ForEmbedder"/>).
    /// </summary>
    public const string DefaultEmbedder = "mfcc-stats";

    /// <summary>
    /// Opens an embedder from a command-line value: <c>mfcc-stats</c>, a path to a WeSpeaker-contract ONNX (80-bin fbank
    /// in, embedding out; <see cref="OnnxSpeakerEmbedder.WeSpeaker(string, EmbeddingOptions?, OnnxSessionOptions?)"/>), or
    /// the file name of one in <c>data/models/</c> (searched upwards from the working directory, then from the program).
    /// </summary>
    /// <exception cref="InvalidInputFileException">Missing model: the file is neither a path nor in data/models.</exception>
    public static ISpeakerEmbedder OpenEmbedder(string spec, OnnxSessionOptions? session = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec == "mfcc-stats") return new MfccStatisticsEmbedder();
        string? path = File.Exists(spec) ? spec : FindInDataModels(spec);
        return path is not null ? OnnxSpeakerEmbedder.WeSpeaker(path, options: null, session: session)
            : throw new InvalidInputFileException(spec, "missing model: the embedding ONNX is neither an existing path nor a file in data/models/; check --embedder (or use mfcc-stats).");
    }

    private static string? FindInDataModels(string fileName)
    {
        if (fileName.Contains('/') || fileName.Contains('\\')) return null;
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            {
                var p = Path.Combine(d.FullName, "data", "models", fileName);
                if (File.Exists(p)) return p;
            }
        return null;
    }

    /// <summary>The pipeline names.</summary>
    public static IReadOnlyList<string> Methods { get; } = ["frames", "windows", "pyannote"];

    /// <summary>Grid parameter names each method accepts.</summary>
    public static IReadOnlyList<string> Parameters(string method) => method switch
    {
        "frames" => ["clustering.threshold", "min_duration_on", "min_duration_off", "pool_frames", "frame_ms", "stride_ms"],
        "windows" => ["clustering.threshold", "min_duration_on", "min_duration_off", "window", "overlap"],
        "pyannote" => ["clustering.threshold", "clustering.min_cluster_size", "segmentation.min_duration_off"],
        _ => throw UnknownMethod(method),
    };

    private static InvalidParameterException UnknownMethod(string m) =>
        new("--pipeline", $"unknown pipeline '{m}'; use frames, windows or pyannote.");

    /// <summary>
    /// Creates a pipeline. <paramref name="embedder"/> serves the windows method (default: <see cref="DefaultEmbedder"/>;
    /// its options are <see cref="WindowEmbeddingOptions.ForEmbedder"/>); <paramref name="modelsDir"/> holds the pyannote
    /// method's ONNX models; <paramref name="vad"/> replaces the frames and windows methods' VAD (default: energy).
    /// </summary>
    public static IDiarizationPipeline Create(string method, IReadOnlyDictionary<string, double>? point = null,
        ISpeakerEmbedder? embedder = null, string? modelsDir = null, VadChoice? vad = null)
    {
        if (vad is not null && method == "pyannote")
            throw new InvalidParameterException("--vad", "the pyannote pipeline finds speech with its segmentation model; --vad applies to frames and windows only.");
        point ??= new Dictionary<string, double>();
        foreach (var k in point.Keys)
            if (!Parameters(method).Contains(k))
                throw new InvalidParameterException("--param", $"'{k}' is not a parameter of the {method} pipeline; use one of {string.Join(", ", Parameters(method))}.");
        double? P(string k) => point.TryGetValue(k, out var v) ? v : null;
        string suffix = point.Count == 0 ? "" : "[" + ParameterGrid.Describe(point) + "]";
        switch (method)
        {
            case "frames":
            {
                var o = FrameClusteringOptions.Mfcc;
                if (vad is not null) o = o with { Vad = vad };
                if (P("clustering.threshold") is double t) o = o with { Clustering = o.Clustering.WithThreshold(t) };
                if (P("min_duration_on") is double a) o = o with { MinDurationOn = a };
                if (P("min_duration_off") is double b) o = o with { MinDurationOff = b };
                if (P("pool_frames") is double pf) o = o with { PoolFrames = (int)pf };
                if (P("frame_ms") is double fm) o = o with { FrameMs = fm };
                if (P("stride_ms") is double sm) o = o with { StrideMs = sm };
                return new FrameClusteringPipeline(o) { Name = "frames-mfcc" + suffix };
            }
            case "windows":
            {
                embedder ??= OpenEmbedder(DefaultEmbedder);
                var o = WindowEmbeddingOptions.ForEmbedder(embedder.Name);
                if (vad is not null) o = o with { Vad = vad };
                if (P("clustering.threshold") is double t) o = o with { Clustering = o.Clustering.WithThreshold(t) };
                if (P("min_duration_on") is double a) o = o with { MinDurationOn = a };
                if (P("min_duration_off") is double b) o = o with { MinDurationOff = b };
                if (P("window") is double w) o = o with { WindowSeconds = w };
                if (P("overlap") is double ov) o = o with { OverlapRate = ov };
                return new WindowEmbeddingPipeline(o, embedder) { Name = "windows-" + embedder.Name + suffix };
            }
            case "pyannote":
            {
                var o = PyannoteOptions.Pyannote31;
                if (P("clustering.threshold") is double t) o = o with { Clustering = o.Clustering with { Threshold = t } };
                if (P("clustering.min_cluster_size") is double m) o = o with { Clustering = o.Clustering with { MinClusterSize = (int)m } };
                if (P("segmentation.min_duration_off") is double d) o = o with { MinDurationOff = d };
                if (modelsDir is null)
                    throw new InvalidParameterException("--models", "the pyannote pipeline needs --models <dir> with a segmentation-3.0 ONNX and a WeSpeaker embedding ONNX.");
                return PyannotePipeline.Open(modelsDir, o);
            }
            default: throw UnknownMethod(method);
        }
    }
}
