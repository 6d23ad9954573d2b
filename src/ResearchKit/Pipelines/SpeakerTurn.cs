namespace ResearchKit.Pipelines;

/// <summary>One continuous stretch of speech of one (hypothesis) speaker, in seconds; a pipeline's output before it
/// becomes an annotation. Speakers are cluster indices 0..K−1.</summary>
/// <param name="Speaker">Speaker (cluster) index.</param>
/// <param name="Start">Start in seconds.</param>
/// <param name="End">End in seconds (≥ Start).</param>
public readonly record struct SpeakerTurn(int Speaker, double Start, double End)
{
    /// <summary>End − Start in seconds.</summary>
    public double Duration => End - Start;

    /// <summary>pyannote's label for this speaker: SPEAKER_00, SPEAKER_01, …</summary>
    public string Label => $"SPEAKER_{Speaker:00}";
}
