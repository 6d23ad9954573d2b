using System.CommandLine;
using ResearchKit.Features;
using ResearchKit.Models;
using ResearchKit.Pipelines;

namespace ResearchKit.Cli.Commands;

/// <summary>The <c>--model</c> option shared by the corpus commands (cluster-dir, similarity).</summary>
internal static class CorpusModelOption
{
    public static Option<string?> Create() => new("--model")
    {
        Description = "Speaker-embedding model: an .onnx file with the WeSpeaker contract (feats [B,T,80] -> embs [B,D], fed WeSpeaker's 80-bin fbank minus its time mean), or 'mfcc-stats' (the no-training MFCC mean+std baseline).",
    };

    /// <summary>Opens the model the user named (dispose it if it is <see cref="IDisposable"/>); the default (bundled) model is not in the repository yet.</summary>
    public static ISpeakerEmbedder Open(string? path)
    {
        if (path is null)
            throw new InvalidParameterException("--model", "no embedding model given; pass --model <file.onnx> (WeSpeaker contract) or --model mfcc-stats. The bundled default model is not available yet.");
        if (path == "mfcc-stats") return new MfccStatisticsEmbedder();
        if (!File.Exists(path))
            throw new InvalidInputFileException(path, "the model file does not exist; check the --model path.");
        return OnnxSpeakerEmbedder.WeSpeaker(path, s => KaldiFbank.Compute(s, FbankOptions.WeSpeakerFbank80));
    }
}
