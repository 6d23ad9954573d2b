using ResearchKit.Audio;
using ResearchKit.Clustering;

namespace ResearchKit.Pipelines;

/// <summary>A diarization method: audio and a speaker-count hint in, a result with every intermediate out.</summary>
public interface IDiarizationPipeline
{
    /// <summary>Short method name for tables and reports (e.g. "frames-mfcc", "windows-mfccstats").</summary>
    string Name { get; }

    /// <summary>A stable text of every option and model identity that changes the output (cache keys, reports).</summary>
    string Fingerprint { get; }

    /// <summary>Diarizes <paramref name="signal"/>; <paramref name="uri"/> names the file in the annotation.</summary>
    DiarizationResult Run(Signal signal, SpeakerCount? count = null, string uri = "audio");
}
