namespace ResearchKit.Models;

/// <summary>The input convention of an embedding model (each with its <see cref="ModelContract"/>).</summary>
public enum EmbeddingInput
{
    /// <summary>WeSpeaker: <c>feats [B,T,80]</c> → <c>embs [B,D]</c> (<see cref="ModelContract.WeSpeakerFbank80"/>).</summary>
    WeSpeakerFbank,
    /// <summary>NeMo: <c>processed_signal [B,80,T]</c> + <c>processed_signal_length [B]</c> → <c>embs [B,D]</c> (<see cref="ModelContract.NemoMel80"/>).</summary>
    NemoMel,
    /// <summary>Raw samples <c>[B,T]</c> or <c>[B,1,T]</c> → <c>[B,D]</c> (<see cref="ModelContract.RawWaveform"/>, <see cref="ModelContract.RawWaveformChannel"/>).</summary>
    RawWaveform,
}

/// <summary>
/// Turns one audio segment into the feature matrix a feature-input embedding model takes: <c>[frames, bins]</c>
/// row-major (e.g. 80-bin Kaldi fbank with per-segment mean subtraction for WeSpeaker).
/// </summary>
public delegate float[,] FeatureFrontEnd(Audio.Signal segment);
