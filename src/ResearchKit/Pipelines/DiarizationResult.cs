using ResearchKit.Annotations;

namespace ResearchKit.Pipelines;

/// <summary>
/// What every pipeline run returns: the final annotation (labels SPEAKER_00, SPEAKER_01, …), the same as turns with
/// cluster indices, and per-stage timings. Each pipeline's result type adds its intermediates (features, speech
/// regions, windows, embeddings, affinity/dendrogram, labels) so a notebook can plot any stage without re-running.
/// </summary>
public abstract record DiarizationResult
{
    /// <summary>The diarization.</summary>
    public required Annotation Annotation { get; init; }

    /// <summary>The diarization as turns (speaker = cluster index).</summary>
    public required IReadOnlyList<SpeakerTurn> Turns { get; init; }

    /// <summary>Seconds per stage.</summary>
    public required StageTimings Timings { get; init; }

    /// <summary>Number of distinct speakers in the output.</summary>
    public int NumSpeakers => Turns.Select(t => t.Speaker).Distinct().Count();

    /// <summary>Builds the annotation of <paramref name="turns"/> with pyannote's labels (cluster k → SPEAKER_kk).</summary>
    public static Annotation ToAnnotation(string uri, IEnumerable<SpeakerTurn> turns) =>
        new(uri, turns.Where(t => t.End > t.Start).Select(t => (t.Start, t.End, t.Label)));
}
