using TorchSharp;
using static TorchSharp.torch;

namespace ResearchKit.Torch.Architectures;

/// <summary>
/// A speaker-embedding network: fbank features [B, T, F] (WeSpeaker's layout, time first) and optional frame weights
/// [B, T] (1 = use the frame, 0 = ignore it) → embeddings [B, D]. Parameter names equal WeSpeaker's, so its state_dicts
/// load by name (<see cref="Checkpoints.CheckpointImport"/>).
/// </summary>
public abstract class EmbeddingNetwork : nn.Module<Tensor, Tensor?, Tensor>
{
    /// <summary>Creates the module with its registered name.</summary>
    protected EmbeddingNetwork(string name) : base(name) { }

    /// <summary>The architecture and sizes; saved beside the weights so a model file names what it needs.</summary>
    public abstract EmbeddingArchitecture Architecture { get; }

    /// <summary>Embeds without frame weights.</summary>
    public Tensor Embed(Tensor features) => call(features, null);
}
