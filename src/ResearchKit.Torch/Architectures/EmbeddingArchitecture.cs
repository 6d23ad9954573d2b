using System.Text.Json.Serialization;

namespace ResearchKit.Torch.Architectures;

/// <summary>The embedding architectures ResearchKit defines in TorchSharp.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ArchitectureKind>))]
public enum ArchitectureKind
{
    /// <summary>WeSpeaker <c>ResNet34</c> (wespeaker/models/resnet.py), the embedding model of pyannote.audio 3.1.</summary>
    ResNet34,

    /// <summary>WeSpeaker <c>ECAPA_TDNN</c> (wespeaker/models/ecapa_tdnn.py; SpeechBrain's ECAPA-TDNN structure).</summary>
    EcapaTdnn,

    /// <summary>WeSpeaker <c>XVEC</c> x-vector TDNN (wespeaker/models/tdnn.py), small sizes for fast CPU training.</summary>
    XVector,
}

/// <summary>
/// Architecture and sizes of an embedding network — everything needed to rebuild it before loading weights.
/// Presets are named after their reference configuration.
/// </summary>
public sealed record EmbeddingArchitecture
{
    /// <summary>Which network.</summary>
    public ArchitectureKind Kind { get; init; }

    /// <summary>Input feature dimension (fbank bins), WeSpeaker <c>feat_dim</c>.</summary>
    public int FeatDim { get; init; } = 80;

    /// <summary>Embedding dimension, WeSpeaker <c>embed_dim</c>.</summary>
    public int EmbedDim { get; init; } = 256;

    /// <summary>ResNet: base channels (<c>m_channels</c>); ECAPA: <c>channels</c>; x-vector: <c>hid_dim</c>.</summary>
    public int Channels { get; init; } = 32;

    /// <summary>x-vector: <c>stats_dim</c> (channels of the last frame layer). ECAPA: unused.</summary>
    public int StatsDim { get; init; }

    /// <summary>ResNet: <c>two_emb_layer</c> (WeSpeaker default true; pyannote 3.1 uses false). ECAPA: <c>global_context_att</c>.</summary>
    public bool Flag { get; init; }

    /// <summary>pyannote.audio 3.1's <c>WeSpeakerResNet34</c>: ResNet34(feat_dim=80, embed_dim=256, two_emb_layer=False), m_channels 32.</summary>
    public static EmbeddingArchitecture ResNet34Pyannote31 { get; } = new() { Kind = ArchitectureKind.ResNet34, FeatDim = 80, EmbedDim = 256, Channels = 32, Flag = false };

    /// <summary>WeSpeaker <c>ECAPA_TDNN_GLOB_c512</c>: channels 512, global-context attention, embed 192.</summary>
    public static EmbeddingArchitecture EcapaTdnnGlobC512 { get; } = new() { Kind = ArchitectureKind.EcapaTdnn, FeatDim = 80, EmbedDim = 192, Channels = 512, Flag = true };

    /// <summary>The small x-vector of the PyTorch calibration: hid 256, stats 768, embed 192 (≈ 1.06 M parameters); the bundled model researchkit-xvector-v2's architecture.</summary>
    public static EmbeddingArchitecture XVectorSmall { get; } = new() { Kind = ArchitectureKind.XVector, FeatDim = 80, EmbedDim = 192, Channels = 256, StatsDim = 768 };

    /// <summary>A compact x-vector (hid 128, stats 384, embed 128; ≈ 0.3 M parameters) for quick training on a 2-core CPU (the architecture of the first bundled model, v1).</summary>
    public static EmbeddingArchitecture XVectorCompact { get; } = new() { Kind = ArchitectureKind.XVector, FeatDim = 80, EmbedDim = 128, Channels = 128, StatsDim = 384 };

    /// <summary>Builds a freshly initialised network of this architecture.</summary>
    public EmbeddingNetwork Create() => Kind switch
    {
        ArchitectureKind.ResNet34 => new WeSpeakerResNet34(this),
        ArchitectureKind.EcapaTdnn => new EcapaTdnn(this),
        ArchitectureKind.XVector => new XVectorTdnn(this),
        _ => throw new InvalidParameterException("architecture", $"unknown architecture {Kind}; use ResNet34, EcapaTdnn or XVector."),
    };
}
