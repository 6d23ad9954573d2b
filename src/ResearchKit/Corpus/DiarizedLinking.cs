using ResearchKit.Annotations;
using ResearchKit.Audio;
using ResearchKit.Clustering;
using ResearchKit.Models;

namespace ResearchKit.Corpus;

/// <summary>Who a turn belongs to within its recording, before linking across recordings.</summary>
public enum WithinRecording
{
    /// <summary>Streaming assignment of the turn embeddings in time order with <see cref="OnlineClustering"/> (the Malay
    /// YouTube seed's within-video step, malaya-speech <c>StreamingSpeakerSimilarity</c>); local speakers are named
    /// <c>speaker 0</c>, <c>speaker 1</c>, … in order of first appearance. The RTTM's labels are used only to cut overlap.</summary>
    Online,
    /// <summary>The RTTM's own speaker labels (trust the diarization).</summary>
    RttmLabels,
}

/// <summary>Options of <see cref="DiarizedLinking.Run"/>.</summary>
/// <param name="Within">How turns become per-recording speakers.</param>
/// <param name="Online">The online clusterer's threshold, its scale and centroid update (used with <see cref="WithinRecording.Online"/>);
/// null = <see cref="OnlineOptions.Malaya"/> (malaya's 0.8 on its (cos+1)/2 scale = cosine 0.6, pair-mean update).</param>
/// <param name="MinTurnSeconds">Turns with less (non-overlapped) audio than this are not embedded (listed as skipped); the
/// embedding model's own minimum applies on top. Short turns give noisy embeddings that would open spurious online clusters.</param>
/// <param name="ExcludeOverlap">Embed only the part of a turn where no other RTTM speaker talks (as pyannote's
/// exclude-overlap embedding does), so overlapped speech does not mix two voices into one vector.</param>
/// <param name="BatchSize">Turns per embedding-model call (bounds memory).</param>
public sealed record DiarizedLinkOptions(
    WithinRecording Within = WithinRecording.RttmLabels,
    OnlineOptions? Online = null,
    double MinTurnSeconds = 0.5,
    bool ExcludeOverlap = true,
    int BatchSize = 32)
{
    /// <summary>The RTTM's labels (online assignment at malaya's 0.8 over-splits with the bundled model's turn embeddings:
    /// README "Corpus tools"), 0.5 s minimum, overlap excluded.</summary>
    public static DiarizedLinkOptions Default { get; } = new();

    /// <summary>The online options in effect.</summary>
    public OnlineOptions OnlineOrDefault => Online ?? OnlineOptions.Malaya;
}

/// <summary>One embedded RTTM turn.</summary>
/// <param name="Recording">RTTM file id.</param>
/// <param name="RttmSpeaker">The RTTM's speaker label.</param>
/// <param name="Start">Turn start (s).</param>
/// <param name="End">Turn end (s).</param>
/// <param name="EmbeddedSeconds">Audio actually embedded (the non-overlapped part with <see cref="DiarizedLinkOptions.ExcludeOverlap"/>).</param>
/// <param name="RttmLine">Line in the RTTM file.</param>
public sealed record EmbeddedTurn(string Recording, string RttmSpeaker, double Start, double End, double EmbeddedSeconds, int RttmLine);

/// <summary>A turn that was not embedded, and why.</summary>
/// <param name="Recording">RTTM file id.</param>
/// <param name="Turn">The RTTM turn.</param>
/// <param name="Reason">Why it was left out.</param>
public sealed record SkippedTurn(string Recording, RttmTurn Turn, string Reason);

/// <summary>Everything <see cref="DiarizedLinking.Run"/> computed, step by step.</summary>
/// <param name="Recordings">The inputs.</param>
/// <param name="Turns">Embedded turns, recordings in input order, each recording's turns in time order.</param>
/// <param name="Embeddings">Raw model output, row i for <c>Turns[i]</c>.</param>
/// <param name="LocalSpeaker">Per turn, its speaker within the recording (RTTM label or online <c>speaker k</c>).</param>
/// <param name="OnlineSimilarity">Per turn, the best similarity (on the online scale) it had on arrival; NaN for a
/// recording's first turn and in <see cref="WithinRecording.RttmLabels"/> mode.</param>
/// <param name="Skipped">Turns not embedded.</param>
/// <param name="Unlinked">RTTM speakers (<c>&lt;recording&gt;-&lt;label&gt;</c>) none of whose turns was embedded (absent from the mapping).</param>
/// <param name="Speakers">Per-recording speaker centroids (the graph nodes).</param>
/// <param name="Links">The grouping at every threshold.</param>
public sealed record DiarizedLinkResult(
    IReadOnlyList<DiarizedRecording> Recordings,
    IReadOnlyList<EmbeddedTurn> Turns,
    float[,] Embeddings,
    IReadOnlyList<string> LocalSpeaker,
    double[] OnlineSimilarity,
    IReadOnlyList<SkippedTurn> Skipped,
    IReadOnlyList<string> Unlinked,
    LocalSpeakers Speakers,
    SpeakerLinks Links)
{
    /// <summary>The turns as a segment index (recording, local speaker, start, end), row i for embedding row i — the
    /// <c>--index</c> format, so the embeddings can be relinked without the model.</summary>
    public IReadOnlyList<IndexedSegment> Index =>
        Turns.Select((t, i) => new IndexedSegment(t.Recording, LocalSpeaker[i], t.Start, t.End)).ToList();
}

/// <summary>
/// <c>link-speakers</c> from per-recording diarization: RTTM turns + audio + an embedding model → one embedding per turn →
/// per-recording speakers (streaming assignment with <see cref="OnlineClustering"/>, or the RTTM's labels) → speaker
/// centroids (<see cref="LocalSpeakers.FromSegments"/>) → the cross-recording grouping of <see cref="SpeakerLinking"/>
/// at every threshold. This is the Malay YouTube seed's pipeline with its pyannote/malaya diarization replaced by any
/// RTTM. Recordings are processed one at a time (one decoded recording in memory).
/// </summary>
public static class DiarizedLinking
{
    /// <summary>Runs the whole pipeline. <paramref name="progress"/> gets one report per embedded recording.</summary>
    /// <exception cref="InvalidParameterException">Bad options; no turn long enough anywhere.</exception>
    /// <exception cref="InvalidInputFileException">Audio that does not decode, a turn beyond the end of compressed audio,
    /// a NaN embedding.</exception>
    public static DiarizedLinkResult Run(IReadOnlyList<DiarizedRecording> recordings, ISpeakerEmbedder embedder, GraphGroupingOptions grouping,
        DiarizedLinkOptions? options = null, IProgress<CorpusProgress>? progress = null)
    {
        options ??= DiarizedLinkOptions.Default;
        if (!(options.MinTurnSeconds >= 0))
            throw new InvalidParameterException("--min-turn", $"is {options.MinTurnSeconds}; give a duration ≥ 0 seconds.");
        if (options.BatchSize < 1)
            throw new InvalidParameterException("batch-size", $"is {options.BatchSize}; give at least 1.");
        var online = options.OnlineOrDefault;
        if (options.Within == WithinRecording.Online)
            CheckOnlineThreshold(online);
        foreach (double t in grouping.Thresholds) SpeakerLinking.ToCosine(t, grouping.Scale); // fail before the slow part
        double min = Math.Max(options.MinTurnSeconds, embedder.MinDurationSeconds);

        var turns = new List<EmbeddedTurn>();
        var rows = new List<float[]>();
        var local = new List<string>();
        var sims = new List<double>();
        var skipped = new List<SkippedTurn>();
        int d = embedder.Dimension;
        for (int r = 0; r < recordings.Count; r++)
        {
            var rec = recordings[r];
            var audio = AudioFile.Read(rec.AudioPath);
            if (audio.SampleRate != embedder.SampleRate) audio = Resampler.Resample(audio, embedder.SampleRate);
            if (double.IsNaN(rec.AudioSeconds))
                foreach (var t in rec.Turns)
                    if (t.Onset + t.Duration > audio.Duration + DiarizedRecordings.EndTolerance)
                        throw new InvalidInputFileException(rec.AudioPath, DiarizedRecordings.BeyondEnd(rec.RttmPath, t, rec.AudioPath, audio.Duration));

            // Time order (the order a stream would see them), file order on ties.
            var ordered = rec.Turns.Select((t, i) => (t, i)).OrderBy(p => p.t.Onset).ThenBy(p => p.i).Select(p => p.t).ToList();
            var used = new List<(RttmTurn Turn, Signal Audio, double Seconds)>();
            foreach (var t in ordered)
            {
                var pieces = options.ExcludeOverlap ? NonOverlapped(t, rec.Turns) : [t.Segment];
                double seconds = pieces.Sum(p => p.Duration);
                if (seconds < min)
                {
                    skipped.Add(new SkippedTurn(rec.Id, t, options.ExcludeOverlap && seconds < t.Duration - 1e-9
                        ? $"{seconds:0.###} s without overlap (turn {t.Duration:0.###} s), shorter than {min:0.###} s"
                        : $"{t.Duration:0.###} s, shorter than {min:0.###} s"));
                    continue;
                }
                used.Add((t, Concatenate(audio, pieces), seconds));
            }

            var emb = new float[used.Count, d];
            for (int b = 0; b < used.Count; b += options.BatchSize)
            {
                int len = Math.Min(options.BatchSize, used.Count - b);
                var e = embedder.Embed(used.Skip(b).Take(len).Select(u => u.Audio).ToList());
                for (int i = 0; i < len; i++)
                    for (int k = 0; k < d; k++)
                    {
                        if (!float.IsFinite(e[i, k]))
                        {
                            var t = used[b + i].Turn;
                            throw new InvalidInputFileException(rec.AudioPath, $"the embedding model '{embedder.Name}' returned NaN or infinity for the turn {t.Onset:0.###}–{t.Onset + t.Duration:0.###} s of '{t.Speaker}' ({rec.RttmPath} line {t.SourceLine}); check that part of the audio (silence, clipping) or drop the turn.");
                        }
                        emb[b + i, k] = e[i, k];
                    }
            }

            string[] labels;
            double[] recSims;
            if (options.Within == WithinRecording.Online && used.Count > 0)
            {
                var x = new double[used.Count, d];
                for (int i = 0; i < used.Count; i++)
                    for (int k = 0; k < d; k++) x[i, k] = emb[i, k];
                var res = new OnlineClustering(online).Run(x);
                labels = res.Labels.Select(l => $"speaker {l}").ToArray();
                recSims = res.Similarities;
            }
            else
            {
                labels = used.Select(u => u.Turn.Speaker).ToArray();
                recSims = Enumerable.Repeat(double.NaN, used.Count).ToArray();
            }
            for (int i = 0; i < used.Count; i++)
            {
                var t = used[i].Turn;
                turns.Add(new EmbeddedTurn(rec.Id, t.Speaker, t.Onset, t.Onset + t.Duration, used[i].Seconds, t.SourceLine));
                rows.Add(Enumerable.Range(0, d).Select(k => emb[i, k]).ToArray());
                local.Add(labels[i]);
                sims.Add(recSims[i]);
            }
            progress?.Report(new CorpusProgress("embedding", r + 1, recordings.Count, rec.Id));
        }

        if (turns.Count == 0)
            throw new InvalidParameterException("--min-turn", $"no turn of the {recordings.Count} recording(s) has {min:0.###} s of {(options.ExcludeOverlap ? "non-overlapped " : "")}speech, so nothing can be embedded; lower --min-turn or check the RTTM.");
        var all = new float[turns.Count, d];
        for (int i = 0; i < rows.Count; i++)
            for (int k = 0; k < d; k++) all[i, k] = rows[i][k];
        var result0 = new DiarizedLinkResult(recordings, turns, all, local, sims.ToArray(), skipped, [], null!, null!);
        var speakers = LocalSpeakers.FromSegments(all, result0.Index);
        var links = SpeakerLinking.Run(speakers, grouping);
        var embeddedRttm = turns.Select(t => t.Recording + "-" + t.RttmSpeaker).ToHashSet(StringComparer.Ordinal);
        var unlinked = options.Within == WithinRecording.RttmLabels
            ? recordings.SelectMany(r => r.Turns.Select(t => r.Id + "-" + t.Speaker)).Distinct().Where(n => !embeddedRttm.Contains(n)).Order(StringComparer.Ordinal).ToList()
            : [];
        return result0 with { Unlinked = unlinked, Speakers = speakers, Links = links };
    }

    /// <summary>The parts of <paramref name="turn"/> where no turn of another speaker in <paramref name="all"/> overlaps it,
    /// in time order (empty when it is entirely overlapped).</summary>
    public static IReadOnlyList<Segment> NonOverlapped(RttmTurn turn, IReadOnlyList<RttmTurn> all)
    {
        var seg = turn.Segment;
        var cuts = all.Where(o => o.Speaker != turn.Speaker && o.Segment.Overlaps(seg)).Select(o => o.Segment).OrderBy(s => s.Start).ToList();
        var parts = new List<Segment>();
        double at = seg.Start;
        foreach (var c in cuts)
        {
            if (c.Start > at) parts.Add(new Segment(at, c.Start));
            at = Math.Max(at, c.End);
            if (at >= seg.End) break;
        }
        if (at < seg.End) parts.Add(new Segment(at, seg.End));
        return parts;
    }

    private static Signal Concatenate(Signal audio, IReadOnlyList<Segment> pieces)
    {
        if (pieces.Count == 1) return audio.SliceTime(pieces[0].Start, pieces[0].End);
        var parts = pieces.Select(p => audio.SliceTime(p.Start, p.End)).ToList();
        var x = new float[parts.Sum(p => p.Length)];
        int at = 0;
        foreach (var p in parts) { p.Samples.CopyTo(x.AsSpan(at)); at += p.Length; }
        return new Signal(x, audio.SampleRate);
    }

    /// <summary>Rejects an online threshold outside its scale's range (cosine [-1, 1], malaya (cos+1)/2 [0, 1]).</summary>
    public static void CheckOnlineThreshold(OnlineOptions online)
    {
        try { SpeakerLinking.ToCosine(online.Threshold, online.Scale); }
        catch (InvalidParameterException e)
        {
            throw new InvalidParameterException("--online-threshold", e.Message[(e.Message.IndexOf(':') + 1)..].Trim());
        }
    }
}
