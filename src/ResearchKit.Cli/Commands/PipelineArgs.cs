using System.CommandLine;
using ResearchKit.Clustering;
using ResearchKit.Experiments;
using ResearchKit.Models;
using ResearchKit.Pipelines;

namespace ResearchKit.Cli.Commands;

/// <summary>Options shared by diarize/evaluate/sweep/compare: which pipeline, its models and speaker-count hints.</summary>
internal sealed class PipelineArgs
{
    public Option<string> Pipeline { get; } = new("--pipeline") { Description = "frames | windows | pyannote.", DefaultValueFactory = _ => "windows" };
    public Option<string?> Models { get; } = new("--models") { Description = "Folder with a segmentation-3.0 ONNX (*segmentation*.onnx) and a WeSpeaker ONNX (*wespeaker*/*embedding*.onnx); pyannote pipeline." };
    public Option<string?> Embedder { get; } = new("--embedder") { Description = "WeSpeaker-contract ONNX embedding model for the windows pipeline (default: MFCC statistics)." };
    public Option<double?> Threshold { get; } = new("--threshold") { Description = "clustering.threshold (distance) of the chosen pipeline." };
    public Option<int?> NumSpeakers { get; } = new("--num-speakers") { Description = "Exact number of speakers." };
    public Option<int?> MinSpeakers { get; } = new("--min-speakers") { Description = "Minimum number of speakers." };
    public Option<int?> MaxSpeakers { get; } = new("--max-speakers") { Description = "Maximum number of speakers." };

    public void AddTo(Command c)
    {
        c.Options.Add(Pipeline); c.Options.Add(Models); c.Options.Add(Embedder); c.Options.Add(Threshold);
        c.Options.Add(NumSpeakers); c.Options.Add(MinSpeakers); c.Options.Add(MaxSpeakers);
    }

    public SpeakerCount Count(ParseResult r) => SpeakerCountHints.Resolve(r.GetValue(NumSpeakers), r.GetValue(MinSpeakers), r.GetValue(MaxSpeakers));

    public ISpeakerEmbedder? OpenEmbedder(ParseResult r) => r.GetValue(Embedder) is { } path
        ? (File.Exists(path) ? OnnxSpeakerEmbedder.WeSpeaker(path, PyannotePipeline.WeSpeakerFrontEnd)
            : throw new InvalidInputFileException(path, "missing model: embedding ONNX not found; check --embedder."))
        : null;

    public IDiarizationPipeline Create(ParseResult r, IReadOnlyDictionary<string, double>? point = null)
    {
        var p = new Dictionary<string, double>(point ?? new Dictionary<string, double>());
        if (r.GetValue(Threshold) is double t) p.TryAdd("clustering.threshold", t);
        return PipelineFactory.Create(r.GetValue(Pipeline)!, p, OpenEmbedder(r), r.GetValue(Models));
    }

    /// <summary>Refuses an output path inside the folder of an input (never write into input folders).</summary>
    public static void CheckOutput(string output, params string[] inputs)
    {
        string o = Path.GetFullPath(output);
        foreach (var i in inputs)
        {
            string dir = Directory.Exists(i) ? Path.GetFullPath(i) : Path.GetDirectoryName(Path.GetFullPath(i))!;
            if (o.StartsWith(dir.TrimEnd('/') + "/", StringComparison.Ordinal) || o == dir)
                throw new OutputException(output, $"is inside the input folder {dir}; write outputs elsewhere (e.g. out/).");
        }
    }

    public static int Fail(ResearchKitException e)
    {
        Console.Error.WriteLine($"error: {e.Message}");
        return 2;
    }
}
