using System.Globalization;
using System.Text;
using ResearchKit.Audio;
using ResearchKit.IO;

namespace ResearchKit.Datasets;

/// <summary>
/// Writes simulated conversations in sim-dev's layout: <c>&lt;uri&gt;.wav</c> (16-bit PCM), <c>&lt;uri&gt;.rttm</c>,
/// <c>&lt;uri&gt;.uem</c>, plus <c>sources.tsv</c> and <c>stats.tsv</c> with make_sim.py's columns. Every file is written
/// atomically; the folder then opens with <see cref="Dataset.RttmFolder"/>.
/// </summary>
public static class SimulationWriter
{
    /// <summary>Writes all conversations into <paramref name="outDir"/>.</summary>
    public static void Write(IReadOnlyList<SimulatedConversation> conversations, string outDir)
    {
        var src = new StringBuilder("uri\tspeaker\tonset\tduration\tsource_utterance\tsource_start\tsource_end\tgain_db\n");
        var st = new StringBuilder("uri\tduration_s\tn_speakers\tspeakers\tn_segments\tspeech_s\tspeech_pct\toverlap_s\toverlap_pct_of_speech\tper_speaker_s\n");
        var ci = CultureInfo.InvariantCulture;
        foreach (var c in conversations)
        {
            // The Audio WAV writer: 44-byte header, 16-bit PCM mono, round(x · 32768) clipped to int16, written atomically.
            AudioFile.WriteWav(Path.Combine(outDir, c.Uri + ".wav"), c.Audio, WavSampleFormat.Pcm16);
            AtomicFile.WriteAllText(Path.Combine(outDir, c.Uri + ".rttm"), c.ToRttm());
            AtomicFile.WriteAllText(Path.Combine(outDir, c.Uri + ".uem"), c.ToUem());
            foreach (var g in c.Segments)
                src.Append(string.Format(ci, "{0}\t{1}\t{2:0.000}\t{3:0.000}\t{4}\t{5:0.000}\t{6:0.000}\t{7:+0.00;-0.00}\n",
                    c.Uri, g.Speaker, g.Onset, g.Duration, g.SourceId, g.SourceStart, g.SourceStart + g.Duration, g.GainDb));
            var s = c.Stats;
            st.Append(string.Format(ci, "{0}\t{1:0.00}\t{2}\t{3}\t{4}\t{5:0.00}\t{6:0.0}\t{7:0.00}\t{8:0.0}\t{9}\n",
                c.Uri, c.Duration, c.Speakers.Count, string.Join(",", c.Speakers), c.Segments.Count, s.SpeechSeconds,
                100 * s.SpeechSeconds / c.Duration, s.OverlapSeconds, 100 * s.OverlapRatio,
                string.Join(",", c.Speakers.Select(k => string.Format(ci, "{0}:{1:0.0}", k, s.PerSpeakerSeconds[k])))));
        }
        AtomicFile.WriteAllText(Path.Combine(outDir, "sources.tsv"), src.ToString());
        AtomicFile.WriteAllText(Path.Combine(outDir, "stats.tsv"), st.ToString());
    }
}
