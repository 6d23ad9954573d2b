namespace ResearchKit.Pipelines;

/// <summary>
/// Post-processing shared by all pipelines, over turns or [frame, speaker] matrices: minimum duration on/off,
/// an exclusive (one speaker at a time) version, and conversions between frame labels and turns.
/// </summary>
public static class PostProcessing
{
    /// <summary>
    /// Fills same-speaker gaps strictly shorter than <paramref name="minDurationOff"/> seconds and merges overlapping
    /// or touching turns of the same speaker (pyannote.core <c>Timeline.support(collar)</c> per label).
    /// Input order does not matter; output is sorted by (speaker, start).
    /// </summary>
    public static List<SpeakerTurn> FillGaps(IEnumerable<SpeakerTurn> turns, double minDurationOff)
    {
        var outp = new List<SpeakerTurn>();
        foreach (var g in turns.GroupBy(t => t.Speaker).OrderBy(g => g.Key))
        {
            SpeakerTurn? cur = null;
            foreach (var t in g.OrderBy(t => t.Start).ThenBy(t => t.End))
            {
                if (cur is { } c && (t.Start <= c.End || t.Start - c.End < minDurationOff))
                    cur = c with { End = Math.Max(c.End, t.End) };
                else
                {
                    if (cur is { } done) outp.Add(done);
                    cur = t;
                }
            }
            if (cur is { } last) outp.Add(last);
        }
        return outp;
    }

    /// <summary>Removes turns strictly shorter than <paramref name="minDurationOn"/> seconds (pyannote <c>Binarize.min_duration_on</c>).</summary>
    public static List<SpeakerTurn> RemoveShort(IEnumerable<SpeakerTurn> turns, double minDurationOn) =>
        turns.Where(t => t.Duration >= minDurationOn).ToList();

    /// <summary>
    /// Applies min_duration_off then min_duration_on (pyannote's order in <c>Binarize</c>), and sorts by (start, speaker).
    /// Both 0 = off.
    /// </summary>
    public static List<SpeakerTurn> Smooth(IEnumerable<SpeakerTurn> turns, double minDurationOn, double minDurationOff)
    {
        if (minDurationOn < 0) throw new InvalidParameterException("min_duration_on", $"must be ≥ 0 seconds, got {minDurationOn}.");
        if (minDurationOff < 0) throw new InvalidParameterException("min_duration_off", $"must be ≥ 0 seconds, got {minDurationOff}.");
        var t = FillGaps(turns, minDurationOff);
        if (minDurationOn > 0) t = RemoveShort(t, minDurationOn);
        return Sorted(t);
    }

    /// <summary>
    /// Exclusive diarization: at most one speaker per frame; where several are active, the one with the highest
    /// <paramref name="scores"/> value wins (lowest index on ties, or when no scores are given).
    /// </summary>
    /// <param name="binary">[frame, speaker] 0/1 matrix.</param>
    /// <param name="scores">Optional [frame, speaker] scores of the same shape (e.g. summed activations of <see cref="PyannoteSteps.Reconstruct"/>).</param>
    public static float[,] Exclusive(float[,] binary, float[,]? scores = null)
    {
        int n = binary.GetLength(0), k = binary.GetLength(1);
        if (scores is not null && (scores.GetLength(0) != n || scores.GetLength(1) != k))
            throw new InvalidParameterException("scores", $"shape [{scores.GetLength(0)}, {scores.GetLength(1)}] differs from the diarization's [{n}, {k}].");
        var y = new float[n, k];
        for (int t = 0; t < n; t++)
        {
            int best = -1;
            for (int j = 0; j < k; j++)
            {
                if (binary[t, j] < 0.5) continue;
                if (best < 0 || (scores is not null && scores[t, j] > scores[t, best])) best = j;
            }
            if (best >= 0) y[t, best] = 1f;
        }
        return y;
    }

    /// <summary>
    /// Turns from one label per frame (−1 = non-speech): consecutive frames with the same label form a turn from
    /// the first frame's start to the last frame's end (<c>start + duration</c>, clipped to the next frame's start so
    /// turns of different speakers do not overlap). This is how frame-level clustering (malaya-speech's "frames
    /// arranged in time") becomes segments.
    /// </summary>
    public static List<SpeakerTurn> TurnsFromFrameLabels(IReadOnlyList<int> labels, SlidingWindow frames, double? totalDuration = null)
    {
        var turns = new List<SpeakerTurn>();
        int i = 0;
        while (i < labels.Count)
        {
            int l = labels[i], j = i;
            while (j + 1 < labels.Count && labels[j + 1] == l) j++;
            if (l >= 0)
            {
                double s = frames.WindowStart(i);
                double e = j + 1 < labels.Count ? Math.Min(frames.WindowStart(j) + frames.Duration, frames.WindowStart(j + 1)) : frames.WindowStart(j) + frames.Duration;
                if (totalDuration is { } d) e = Math.Min(e, d);
                if (e > s) turns.Add(new SpeakerTurn(l, s, e));
            }
            i = j + 1;
        }
        return turns;
    }

    /// <summary>Renumbers speakers 0..K−1 in order of first appearance (pyannote's SPEAKER_00, SPEAKER_01… convention).</summary>
    public static List<SpeakerTurn> RelabelByFirstAppearance(IEnumerable<SpeakerTurn> turns)
    {
        var sorted = Sorted(turns);
        var map = new Dictionary<int, int>();
        foreach (var t in sorted) if (!map.ContainsKey(t.Speaker)) map[t.Speaker] = map.Count;
        return sorted.Select(t => t with { Speaker = map[t.Speaker] }).ToList();
    }

    internal static List<SpeakerTurn> Sorted(IEnumerable<SpeakerTurn> turns) =>
        turns.OrderBy(t => t.Start).ThenBy(t => t.Speaker).ThenBy(t => t.End).ToList();
}
