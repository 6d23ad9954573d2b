using ResearchKit.Audio;

namespace ResearchKit.Models;

/// <summary>
/// A speaker-embedding model: audio segments in, one fixed-size vector per segment out. Implemented by the
/// ONNX wrappers (ResearchKit.Models) and the TorchSharp models (ResearchKit.Torch); pipelines and corpus tools
/// depend only on this interface.
/// </summary>
public interface ISpeakerEmbedder
{
    /// <summary>Human-readable model name (for reports and caches).</summary>
    string Name { get; }

    /// <summary>Embedding dimension D.</summary>
    int Dimension { get; }

    /// <summary>Sample rate in Hz the model expects; callers resample explicitly before calling.</summary>
    int SampleRate { get; }

    /// <summary>Shortest segment in seconds the model accepts (shorter ones are rejected, not silently padded).</summary>
    double MinDurationSeconds { get; }

    /// <summary>Embeds each segment. Returns segments.Count × <see cref="Dimension"/> raw (not L2-normalised) vectors, row i for segment i.</summary>
    float[,] Embed(IReadOnlyList<Signal> segments);
}
