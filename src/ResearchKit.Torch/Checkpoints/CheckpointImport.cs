using System.Collections;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace ResearchKit.Torch.Checkpoints;

/// <summary>
/// Imports PyTorch checkpoints into ResearchKit networks by parameter name: <c>torch.save(model.state_dict())</c> files
/// (.pt/.pth/.ckpt/.bin, read with TorchSharp.PyBridge's unpickler) and safetensors files. Every load returns an
/// <see cref="ImportReport"/> naming missing, unexpected and mis-shaped tensors.
/// </summary>
public static class CheckpointImport
{
    /// <summary>Reads a state_dict (name → tensor) from a PyTorch pickle or a safetensors file.</summary>
    public static Dictionary<string, Tensor> ReadStateDict(string path)
    {
        if (!File.Exists(path))
            throw new InvalidInputFileException(path, "checkpoint file not found; give the path of a torch.save(state_dict) .pt file or a .safetensors file.");
        Runtime.TorchRuntime.EnsureLoaded();
        try
        {
            if (path.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase))
                return SafeTensorsFile.Read(path).Tensors;
            Hashtable table = PyTorchUnpickler.UnpickleStateDict(path);
            var result = new Dictionary<string, Tensor>();
            foreach (DictionaryEntry e in table)
            {
                if (e.Value is Tensor t) result[(string)e.Key] = t;
                else
                    throw new InvalidInputFileException(path, $"entry '{e.Key}' is a {e.Value?.GetType().Name ?? "null"}, not a tensor: the file is not a plain state_dict. " +
                                                               "Save it with torch.save(model.state_dict(), path) (for a Lightning/WeSpeaker checkpoint: ckpt['state_dict']).");
            }
            return result;
        }
        catch (Exception e) when (e is not ResearchKitException)
        {
            throw new InvalidInputFileException(path, $"cannot read it as a PyTorch state_dict or safetensors file ({e.GetType().Name}: {e.Message}). " +
                                                       "Save it with torch.save(model.state_dict(), path) or as .safetensors.", e);
        }
    }

    /// <summary>Compares a state_dict with a module without changing anything.</summary>
    public static ImportReport Compare(nn.Module module, IReadOnlyDictionary<string, Tensor> stateDict, ImportOptions options) =>
        Match(module, stateDict, options).Report;

    /// <summary>
    /// Copies matching tensors from <paramref name="stateDict"/> into <paramref name="module"/>. With
    /// <see cref="ImportOptions.Strict"/> nothing is copied unless the match is exact, and the report's summary is thrown.
    /// </summary>
    public static ImportReport Load(nn.Module module, IReadOnlyDictionary<string, Tensor> stateDict, ImportOptions options, string sourceForMessages)
    {
        var (report, pairs) = Match(module, stateDict, options);
        if (options.Strict && !report.IsExact)
            throw new InvalidInputFileException(sourceForMessages,
                $"the checkpoint does not match the {module.GetName()} architecture: {report.Describe()} " +
                "Check that the checkpoint was saved from the same architecture and sizes (EmbeddingArchitecture), or set ImportOptions " +
                "StripPrefix/IgnorePrefixes for wrapper names, or Strict = false to load the matching part only.");
        using (no_grad())
        {
            foreach (var (target, source) in pairs)
                target.copy_(source.to(target.dtype));
        }
        return report;
    }

    /// <summary>Reads <paramref name="path"/> and loads it into <paramref name="module"/> (see <see cref="Load(nn.Module, IReadOnlyDictionary{string, Tensor}, ImportOptions, string)"/>).</summary>
    public static ImportReport Load(nn.Module module, string path, ImportOptions options)
    {
        var sd = ReadStateDict(path);
        try
        {
            return Load(module, sd, options, path);
        }
        finally
        {
            foreach (var t in sd.Values) t.Dispose();
        }
    }

    private static (ImportReport Report, List<(Tensor Target, Tensor Source)> Pairs) Match(nn.Module module, IReadOnlyDictionary<string, Tensor> stateDict, ImportOptions options)
    {
        var target = module.state_dict();
        var renamed = new Dictionary<string, Tensor>();
        foreach (var (name, t) in stateDict)
        {
            if (options.IgnorePrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal))) continue;
            var n = options.StripPrefix.Length > 0 && name.StartsWith(options.StripPrefix, StringComparison.Ordinal) ? name[options.StripPrefix.Length..] : name;
            renamed[n] = t;
        }
        var loaded = new List<string>();
        var missing = new List<string>();
        var mismatched = new List<ShapeMismatch>();
        var pairs = new List<(Tensor, Tensor)>();
        foreach (var (name, t) in target)
        {
            if (!renamed.TryGetValue(name, out var src)) { missing.Add(name); continue; }
            if (!src.shape.SequenceEqual(t.shape)) { mismatched.Add(new ShapeMismatch(name, t.shape, src.shape)); continue; }
            loaded.Add(name);
            pairs.Add((t, src));
        }
        var unexpected = renamed.Keys.Where(k => !target.ContainsKey(k)).OrderBy(k => k, StringComparer.Ordinal).ToList();
        return (new ImportReport(loaded, missing, unexpected, mismatched), pairs);
    }
}
