namespace ResearchKit.Torch.Checkpoints;

/// <summary>How to map a foreign state_dict onto a ResearchKit network.</summary>
public sealed record ImportOptions
{
    /// <summary>Throw when anything is missing, unexpected or mis-shaped (PyTorch's <c>strict=True</c>). Default true.</summary>
    public bool Strict { get; init; } = true;

    /// <summary>Prefix removed from checkpoint names before matching, e.g. <c>"resnet."</c> for pyannote's WeSpeakerResNet34 wrapper.</summary>
    public string StripPrefix { get; init; } = "";

    /// <summary>Checkpoint name prefixes that are silently skipped, e.g. WeSpeaker's training head <c>"projection."</c>.</summary>
    public IReadOnlyList<string> IgnorePrefixes { get; init; } = [];

    /// <summary>Exact name matching, strict: what PyTorch's <c>load_state_dict</c> does.</summary>
    public static ImportOptions Exact { get; } = new();

    /// <summary>A WeSpeaker training checkpoint (<c>avg_model.pt</c>): the AAM head <c>projection.*</c> is skipped.</summary>
    public static ImportOptions WeSpeaker { get; } = new() { IgnorePrefixes = ["projection."] };

    /// <summary>pyannote.audio's <c>WeSpeakerResNet34</c> state_dict: names under <c>resnet.</c>; its fbank module has no parameters.</summary>
    public static ImportOptions Pyannote { get; } = new() { StripPrefix = "resnet." };
}
