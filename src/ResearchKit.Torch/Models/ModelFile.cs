using System.Text.Json;
using ResearchKit.Torch.Architectures;
using ResearchKit.Torch.Checkpoints;
using static TorchSharp.torch;

namespace ResearchKit.Torch.Models;

/// <summary>What a ResearchKit model file says about itself (stored as JSON in the safetensors <c>__metadata__</c>).</summary>
/// <param name="Architecture">Network to rebuild before loading the weights.</param>
/// <param name="Features">Front end name; "WeSpeakerFbank80" = <c>FbankOptions.WeSpeakerFbank80</c>.</param>
/// <param name="SampleRate">Sample rate in Hz the model expects.</param>
/// <param name="Description">Free text: data, recipe, command.</param>
public sealed record ModelInfo(EmbeddingArchitecture Architecture, string Features, int SampleRate, string Description);

/// <summary>
/// ResearchKit embedding-model files: a safetensors file holding the network's state_dict (WeSpeaker names) and a
/// <c>researchkit.model</c> metadata entry with the <see cref="ModelInfo"/> JSON. Python reads it with
/// tests/fixtures/torch/twin.py (json + numpy) to export ONNX.
/// </summary>
public static class ModelFile
{
    private const string MetadataKey = "researchkit.model";

    /// <summary>Saves the network's weights and <paramref name="info"/> atomically.</summary>
    public static void Save(string path, EmbeddingNetwork network, ModelInfo info)
    {
        var sd = network.state_dict();
        SafeTensorsFile.Write(path, sd, new Dictionary<string, string> { [MetadataKey] = JsonSerializer.Serialize(info) });
    }

    /// <summary>Reads only the <see cref="ModelInfo"/>.</summary>
    public static ModelInfo ReadInfo(string path)
    {
        var c = SafeTensorsFile.Read(path);
        foreach (var t in c.Tensors.Values) t.Dispose();
        return Info(path, c.Metadata);
    }

    /// <summary>Rebuilds the network and loads its weights (eval mode). Throws <see cref="InvalidInputFileException"/>
    /// when the file is not a ResearchKit model or its tensors do not fit the architecture it names.</summary>
    public static (EmbeddingNetwork Network, ModelInfo Info) Load(string path)
    {
        if (!File.Exists(path))
            throw new InvalidInputFileException(path, "model file not found; give a ResearchKit .safetensors model (e.g. data/models/researchkit-xvector-v2.safetensors).");
        Runtime.TorchRuntime.EnsureLoaded();
        var c = SafeTensorsFile.Read(path);
        try
        {
            var info = Info(path, c.Metadata);
            var net = info.Architecture.Create();
            try
            {
                CheckpointImport.Load(net, c.Tensors, ImportOptions.Exact, path);
            }
            catch (InvalidInputFileException e)
            {
                net.Dispose();
                throw new InvalidInputFileException(path, $"its weights do not fit the architecture it declares ({info.Architecture}); the file was " +
                    $"written by an incompatible architecture or edited. {e.Message[(path.Length + 2)..]}", e);
            }
            net.eval();
            return (net, info);
        }
        finally
        {
            foreach (var t in c.Tensors.Values) t.Dispose();
        }
    }

    private static ModelInfo Info(string path, IReadOnlyDictionary<string, string> meta)
    {
        if (!meta.TryGetValue(MetadataKey, out var json))
            throw new InvalidInputFileException(path, $"not a ResearchKit model file (no '{MetadataKey}' metadata). To use PyTorch weights, build the " +
                "architecture (EmbeddingArchitecture.Create) and load them with CheckpointImport.Load, then ModelFile.Save.");
        try
        {
            return JsonSerializer.Deserialize<ModelInfo>(json) ?? throw new JsonException("null");
        }
        catch (JsonException e)
        {
            throw new InvalidInputFileException(path, $"the '{MetadataKey}' metadata is not valid model JSON ({e.Message}).", e);
        }
    }
}
