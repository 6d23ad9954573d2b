using ResearchKit.Annotations;
using ResearchKit.Audio;

namespace ResearchKit.Datasets;

/// <summary>One placed piece of speech of a simulated conversation; also one reference RTTM segment.</summary>
/// <param name="Speaker">Speaker label (<c>ls&lt;LibriSpeech id&gt;</c> for LibriSpeech sources).</param>
/// <param name="Onset">Start in the conversation, seconds.</param>
/// <param name="Duration">Duration in seconds.</param>
/// <param name="SourceId">Source utterance id.</param>
/// <param name="SourceStart">Start of the span taken from the source, seconds.</param>
/// <param name="GainDb">Speaker gain applied, dB.</param>
public sealed record SimulatedSegment(string Speaker, double Onset, double Duration, string SourceId, double SourceStart, double GainDb)
{
    /// <summary>Onset + Duration.</summary>
    public double End => Onset + Duration;
}

/// <summary>Statistics of one conversation, computed on a 10-ms grid as make_sim.py's <c>frame_stats</c>.</summary>
/// <param name="SpeechSeconds">Time with at least one speaker.</param>
/// <param name="OverlapSeconds">Time with two or more speakers.</param>
/// <param name="MaxSimultaneous">Largest number of simultaneous speakers.</param>
/// <param name="PerSpeakerSeconds">Speech time per speaker.</param>
public sealed record ConversationStats(double SpeechSeconds, double OverlapSeconds, int MaxSimultaneous, IReadOnlyDictionary<string, double> PerSpeakerSeconds)
{
    /// <summary>Overlapped speech as a fraction of speech (sim-dev: 0.104–0.133).</summary>
    public double OverlapRatio => SpeechSeconds > 0 ? OverlapSeconds / SpeechSeconds : 0;
}

/// <summary>A simulated multi-speaker conversation: audio, reference segments, scored region and statistics.</summary>
/// <param name="Uri">File id.</param>
/// <param name="Audio">Mixed mono audio.</param>
/// <param name="Segments">Reference segments sorted by (onset, speaker).</param>
/// <param name="Speakers">Speakers drawn for this file (sorted).</param>
/// <param name="Stats">Statistics.</param>
public sealed record SimulatedConversation(string Uri, Signal Audio, IReadOnlyList<SimulatedSegment> Segments, IReadOnlyList<string> Speakers, ConversationStats Stats)
{
    /// <summary>Duration in seconds (the UEM covers [0, Duration]).</summary>
    public double Duration => Audio.Duration;

    /// <summary>Reference RTTM text: one SPEAKER line per segment in (onset, speaker) order, times with 3 decimals (as sim-dev).</summary>
    public string ToRttm() => Rttm.Format(Segments.Select(s => new RttmTurn(Uri, "1", s.Onset, s.Duration, s.Speaker)));

    /// <summary>The reference as an annotation.</summary>
    public Annotation ToAnnotation() => new(Uri, Segments.Select(s => (s.Onset, s.End, s.Speaker)));

    /// <summary>UEM text: the whole file is scored.</summary>
    public string ToUem() => FormattableString.Invariant($"{Uri} 1 0.000 {Duration:0.000}\n");
}
