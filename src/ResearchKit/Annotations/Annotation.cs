namespace ResearchKit.Annotations;

/// <summary>One labelled segment of an <see cref="Annotation"/> (a speaker turn).</summary>
/// <param name="Segment">When, in seconds.</param>
/// <param name="Label">Who (speaker label; file-local).</param>
public readonly record struct Track(Segment Segment, string Label);

/// <summary>
/// The speaker turns of one recording (pyannote.core's <c>Annotation</c>): labelled segments, overlaps allowed
/// (different speakers, and also overlapping turns of the same speaker, which RTTM files can contain and which
/// md-eval and dscore treat differently — see ResearchKit.Scoring). Immutable; tracks are kept in (start, end, label)
/// order and every track is kept, including exact duplicates, so an RTTM round trip loses nothing.
/// Time arithmetic follows <see cref="Segment"/>: operations select existing boundaries, never compute new ones.
/// </summary>
public sealed class Annotation
{
    private readonly Track[] _tracks;

    /// <summary>Creates an annotation for recording <paramref name="uri"/> (file id) from labelled segments.</summary>
    public Annotation(string uri, IEnumerable<Track> tracks)
    {
        ArgumentNullException.ThrowIfNull(uri);
        Uri = uri;
        _tracks = tracks.ToArray();
        foreach (var t in _tracks)
            if (string.IsNullOrEmpty(t.Label))
                throw new InvalidParameterException("label", $"a track of '{uri}' at {t.Segment} has an empty label; give every segment a speaker label.");
        Array.Sort(_tracks, CompareTracks);
    }

    /// <summary>Creates an annotation from (start, end, label) triples in seconds.</summary>
    public Annotation(string uri, IEnumerable<(double Start, double End, string Label)> turns)
        : this(uri, turns.Select(t => new Track(new Segment(t.Start, t.End), t.Label))) { }

    private Annotation(string uri, Track[] sortedTracks, bool _) { Uri = uri; _tracks = sortedTracks; }

    private static int CompareTracks(Track a, Track b)
    {
        int c = a.Segment.CompareTo(b.Segment);
        return c != 0 ? c : string.CompareOrdinal(a.Label, b.Label);
    }

    /// <summary>An annotation with no turns.</summary>
    public static Annotation Empty(string uri) => new(uri, Array.Empty<Track>(), true);

    /// <summary>The recording (file id) this annotation belongs to.</summary>
    public string Uri { get; }

    /// <summary>All tracks in (start, end, label) order.</summary>
    public IReadOnlyList<Track> Tracks => _tracks;

    /// <summary>The tracks as a span.</summary>
    public ReadOnlySpan<Track> AsSpan() => _tracks;

    /// <summary>Number of tracks.</summary>
    public int Count => _tracks.Length;

    /// <summary>The same turns under another file id.</summary>
    public Annotation WithUri(string uri) => new(uri, _tracks, true);

    /// <summary>Distinct labels in ordinal order.</summary>
    public IReadOnlyList<string> Labels() =>
        _tracks.Select(t => t.Label).Distinct().OrderBy(l => l, StringComparer.Ordinal).ToArray();

    /// <summary>The segments of one label (may overlap if the source had overlapping same-label turns).</summary>
    public Timeline LabelTimeline(string label) =>
        new(_tracks.Where(t => t.Label == label).Select(t => t.Segment));

    /// <summary>Time in seconds during which <paramref name="label"/> speaks (overlapping own turns count once).</summary>
    public double LabelDuration(string label) => LabelTimeline(label).Duration();

    /// <summary>Labels with their speaking time in seconds, longest first (pyannote <c>chart</c>).</summary>
    public IReadOnlyList<(string Label, double Duration)> Chart() =>
        Labels().Select(l => (l, LabelDuration(l))).OrderByDescending(x => x.Item2).ThenBy(x => x.l, StringComparer.Ordinal).ToArray();

    /// <summary>Each label's turns as a timeline.</summary>
    public IReadOnlyDictionary<string, Timeline> SplitByLabel()
    {
        var d = new SortedDictionary<string, List<Segment>>(StringComparer.Ordinal);
        foreach (var t in _tracks)
        {
            if (!d.TryGetValue(t.Label, out var l)) d[t.Label] = l = new List<Segment>();
            l.Add(t.Segment);
        }
        return d.ToDictionary(kv => kv.Key, kv => new Timeline(kv.Value), StringComparer.Ordinal);
    }

    /// <summary>Renames labels; labels absent from <paramref name="mapping"/> are kept. Two labels may map to one.</summary>
    public Annotation RenameLabels(IReadOnlyDictionary<string, string> mapping) =>
        MapLabels(l => mapping.TryGetValue(l, out var n) ? n : l);

    /// <summary>Applies <paramref name="map"/> to every label.</summary>
    public Annotation MapLabels(Func<string, string> map) =>
        new(Uri, _tracks.Select(t => t with { Label = map(t.Label) }));

    /// <summary>The smallest segment containing every turn; null when empty.</summary>
    public Segment? Extent() => new Timeline(_tracks.Select(t => t.Segment)).Extent();

    /// <summary>Where at least one speaker speaks (the support of all turns).</summary>
    public Timeline SpeechTimeline() => new Timeline(_tracks.Select(t => t.Segment)).Support();

    /// <summary>Turns cut to <paramref name="support"/> (pyannote <c>crop(mode="intersection")</c>); a turn crossing
    /// several support segments yields one piece per segment.</summary>
    public Annotation Crop(Timeline support)
    {
        var sup = support.Support();
        var result = new List<Track>(_tracks.Length);
        foreach (var t in _tracks)
            foreach (var u in sup)
            {
                if (u.Start >= t.Segment.End) break;
                if (t.Segment.Intersect(u) is { } x) result.Add(new Track(x, t.Label));
            }
        return new Annotation(Uri, result);
    }

    /// <summary>Turns cut to one segment.</summary>
    public Annotation Crop(Segment support) => Crop(new Timeline([support]));

    /// <summary>Where two or more distinct labels speak at once.</summary>
    public Timeline OverlapRegions() => CountRegions(minSpeakers: 2);

    /// <summary>Where at least <paramref name="minSpeakers"/> distinct labels speak at once, as disjoint segments.</summary>
    public Timeline CountRegions(int minSpeakers)
    {
        var result = new List<Segment>();
        foreach (var (seg, active) in Elementary())
            if (active.Count >= minSpeakers)
            {
                if (result.Count > 0 && result[^1].End == seg.Start) result[^1] = new Segment(result[^1].Start, seg.End);
                else result.Add(seg);
            }
        return new Timeline(result);
    }

    /// <summary>
    /// Merges overlapping turns of the same label (strictly overlapping only: touching turns stay apart), the way
    /// dscore's <c>merge_turns</c> (intervaltree <c>merge_overlaps</c>) does. Returns the labels that had overlaps.
    /// </summary>
    public (Annotation Merged, IReadOnlyList<string> MergedLabels) MergeOverlappingSameLabel()
    {
        var merged = new List<Track>(_tracks.Length);
        var labels = new List<string>();
        foreach (var (label, tl) in SplitByLabel())
        {
            var segs = tl.AsSpan();
            bool any = false;
            int first = merged.Count;
            foreach (var s in segs)
            {
                if (merged.Count > first && s.Start < merged[^1].Segment.End)
                {
                    any = true;
                    var last = merged[^1].Segment;
                    if (s.End > last.End) merged[^1] = new Track(new Segment(last.Start, s.End), label);
                }
                else merged.Add(new Track(s, label));
            }
            if (any) labels.Add(label);
        }
        return labels.Count == 0 ? (this, labels) : (new Annotation(Uri, merged), labels);
    }

    /// <summary>
    /// One speaker at a time: in every elementary interval the previous holder keeps the floor while still
    /// speaking, otherwise the active turn that started first (ties: ordinal label) takes it. This is the rule of
    /// the <c>exclusive</c> system in tests/fixtures/der/make_systems.py; pyannote's "exclusive diarization" picks the
    /// most probable speaker per frame instead, which needs scores an annotation does not have.
    /// </summary>
    public Annotation Exclusive()
    {
        var result = new List<Track>();
        string? holder = null;
        foreach (var (seg, active) in Elementary())
        {
            if (active.Count == 0) { holder = null; continue; }
            if (holder is null || !active.ContainsKey(holder))
            {
                holder = null;
                double best = double.PositiveInfinity;
                foreach (var (label, start) in active)
                    if (start < best || (start == best && string.CompareOrdinal(label, holder) < 0)) { best = start; holder = label; }
            }
            if (result.Count > 0 && result[^1].Label == holder && result[^1].Segment.End == seg.Start)
                result[^1] = new Track(new Segment(result[^1].Segment.Start, seg.End), holder!);
            else result.Add(new Track(seg, holder!));
        }
        return new Annotation(Uri, result);
    }

    /// <summary>Elementary intervals between consecutive boundaries with the active labels and, for each, the
    /// earliest start among its active turns. Ends are processed before starts at equal times.</summary>
    private IEnumerable<(Segment Segment, Dictionary<string, double> Active)> Elementary()
    {
        var events = new List<(double T, int Kind, int Track)>(2 * _tracks.Length);
        for (int i = 0; i < _tracks.Length; i++)
        {
            if (_tracks[i].Segment.IsEmpty) continue;
            events.Add((_tracks[i].Segment.Start, 1, i));
            events.Add((_tracks[i].Segment.End, 0, i));
        }
        events.Sort((a, b) => a.T != b.T ? a.T.CompareTo(b.T) : a.Kind.CompareTo(b.Kind));
        var open = new HashSet<int>();
        for (int k = 0; k < events.Count;)
        {
            double t = events[k].T;
            while (k < events.Count && events[k].T == t)
            {
                if (events[k].Kind == 1) open.Add(events[k].Track); else open.Remove(events[k].Track);
                k++;
            }
            if (k == events.Count) yield break;
            var active = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (int i in open)
            {
                var tr = _tracks[i];
                active[tr.Label] = active.TryGetValue(tr.Label, out var s) ? Math.Min(s, tr.Segment.Start) : tr.Segment.Start;
            }
            yield return (new Segment(t, events[k].T), active);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"Annotation('{Uri}', {Count} turns, {Labels().Count} labels)";
}
