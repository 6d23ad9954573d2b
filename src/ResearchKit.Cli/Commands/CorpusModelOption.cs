using System.CommandLine;
using ResearchKit.Corpus;
using ResearchKit.Models;
using ResearchKit.Pipelines;
using ResearchKit.Torch.Models;

namespace ResearchKit.Cli.Commands;

/// <summary>The <c>--model</c> option shared by the corpus commands (cluster-dir, link-speakers, similarity).</summary>
internal static class CorpusModelOption
{
    /// <summary>The bundled TDNN x-vector needs ≥ 0.2 s (its frame context), as TorchSpeakerEmbedder enforces; the ONNX twin
    /// gets the same floor so both files of the bundled model accept the same segments.</summary>
    private const double BundledMinSeconds = 0.2;

    public static Option<string?> Create() => new("--model")
    {
        Description = "Speaker-embedding model. Default: the bundled model (data/models/" + BundledModel.FileName + ", run through its ONNX twin). " +
                      "An .onnx file with the WeSpeaker contract (feats [B,T,80] -> embs [B,D], fed WeSpeaker's 80-bin fbank minus its time mean), " +
                      "a ResearchKit .safetensors model file (TorchSharp), or 'mfcc-stats' (the no-training MFCC mean+std baseline).",
    };

    /// <summary>Opens the model the user named, or the bundled one when <paramref name="path"/> is null; dispose it if it is
    /// <see cref="IDisposable"/>. <paramref name="describe"/> says what was opened (for the command's first output line).</summary>
    public static ISpeakerEmbedder Open(string? path, out string describe)
    {
        if (path is null)
        {
            string st = BundledModel.Path();
            // The bundled model ships as .safetensors (TorchSharp) plus an ONNX twin giving the same embeddings (≤ 1e-4,
            // BundledModelTests). The twin is preferred: ONNX Runtime starts without loading libtorch (measured: see README
            // "Corpus tools"), and the corpus commands need no training-only dependency.
            string onnx = System.IO.Path.ChangeExtension(st, ".onnx");
            if (File.Exists(onnx))
            {
                describe = $"bundled model {System.IO.Path.GetFileNameWithoutExtension(st)} (ONNX twin {onnx})";
                return OnnxSpeakerEmbedder.WeSpeaker(onnx, new EmbeddingOptions(MinDurationSeconds: BundledMinSeconds));
            }
            describe = $"bundled model {st}";
            return TorchSpeakerEmbedder.Load(st);
        }
        if (path is "mfcc-stats" or "mfcc")
        {
            describe = "MFCC statistics baseline (mfcc-stats: c1..c19 mean+std, no training)";
            return new MfccStatisticsEmbedder();
        }
        string ext = System.IO.Path.GetExtension(path).ToLowerInvariant();
        if (ext is not (".onnx" or ".safetensors"))
            throw new InvalidParameterException("--model", $"'{path}' is not a model this command can run; give an .onnx file (WeSpeaker contract), a ResearchKit .safetensors model, 'mfcc-stats', or nothing for the bundled model.");
        if (!File.Exists(path))
            throw new InvalidInputFileException(path, "the model file does not exist; check the --model path (or omit --model for the bundled model).");
        describe = $"model {path}";
        return ext == ".onnx"
            ? OnnxSpeakerEmbedder.WeSpeaker(path, s => ResearchKit.Features.KaldiFbank.Compute(s, ResearchKit.Features.FbankOptions.WeSpeakerFbank80))
            : TorchSpeakerEmbedder.Load(path);
    }
}

/// <summary>Writes corpus progress reports to stderr synchronously (the <c>\r[done/total] …</c> style of compare/evaluate);
/// synchronous so no report lands after the command's own output.</summary>
internal sealed class CorpusProgressWriter : IProgress<CorpusProgress>
{
    private int _width;

    public void Report(CorpusProgress p)
    {
        string line = $"\r[{p.Done}/{p.Total}] {p.Stage} {p.Item}";
        int pad = Math.Max(0, _width - line.Length);
        _width = Math.Max(_width, line.Length);
        Console.Error.Write(line + new string(' ', pad));
        if (p.Done == p.Total) { Console.Error.WriteLine(); _width = 0; }
    }
}
