using System.Globalization;

namespace ResearchKit.Annotations;

/// <summary>
/// A time interval [<see cref="Start"/>, <see cref="End"/>) in seconds (pyannote.core's <c>Segment</c>).
/// </summary>
/// <remarks>
/// <para><b>Time arithmetic (exact and documented).</b> Times are float64 seconds. A time read from text is the
/// nearest double to the decimal written there. The end of an RTTM turn is <c>onset + duration</c>, computed once in
/// float64 when the line is read (the same single addition md-eval-22.pl and dscore perform, so boundaries agree
/// bit for bit with both scorers). After that, no operation of <see cref="Segment"/>, <see cref="Timeline"/> or
/// <see cref="Annotation"/> adds or subtracts times: union, intersection, crop, gaps and support only <i>select</i>
/// existing boundary values (min/max), so no float drift accumulates across any number of operations. Durations
/// (<c>End - Start</c>) are derived values used for totals only. Writers print fixed decimals (3 by default) or
/// keep the decimals a time was read with (RTTM), so read → write → read is lossless.</para>
/// <para>A zero-length segment (<c>Start == End</c>) is allowed (an RTTM line of duration 0: md-eval still places
/// collars around it) but covers no time. Two segments that only touch do not overlap.</para>
/// </remarks>
public readonly record struct Segment : IComparable<Segment>
{
    /// <summary>Creates [start, end) in seconds.</summary>
    /// <exception cref="InvalidParameterException">A time is NaN/infinite, or <paramref name="end"/> &lt; <paramref name="start"/>.</exception>
    public Segment(double start, double end)
    {
        if (!double.IsFinite(start) || !double.IsFinite(end))
            throw new InvalidParameterException("segment", $"times must be finite numbers of seconds, got [{start}, {end}].");
        if (end < start)
            throw new InvalidParameterException("segment", $"end {end.ToString(CultureInfo.InvariantCulture)} s is before start {start.ToString(CultureInfo.InvariantCulture)} s; swap them or check the source.");
        Start = start;
        End = end;
    }

    /// <summary>Start time in seconds.</summary>
    public double Start { get; }

    /// <summary>End time in seconds (exclusive).</summary>
    public double End { get; }

    /// <summary>Duration in seconds (<c>End - Start</c>).</summary>
    public double Duration => End - Start;

    /// <summary>Middle time in seconds.</summary>
    public double Middle => Start + 0.5 * (End - Start);

    /// <summary>True when the segment covers no time.</summary>
    public bool IsEmpty => End <= Start;

    /// <summary>A segment from an onset and a duration (seconds); the end is <c>onset + duration</c> in float64.</summary>
    public static Segment FromOnsetDuration(double onset, double duration) => new(onset, onset + duration);

    /// <summary>True when <paramref name="t"/> lies in [Start, End).</summary>
    public bool Contains(double t) => t >= Start && t < End;

    /// <summary>True when <paramref name="other"/> lies entirely inside this segment.</summary>
    public bool Contains(Segment other) => other.Start >= Start && other.End <= End;

    /// <summary>True when the two segments share a positive amount of time (touching is not overlapping).</summary>
    public bool Overlaps(Segment other) => other.Start < End && Start < other.End;

    /// <summary>The common part of two segments, or null when they do not overlap.</summary>
    public Segment? Intersect(Segment other)
    {
        double s = Math.Max(Start, other.Start), e = Math.Min(End, other.End);
        return s < e ? new Segment(s, e) : null;
    }

    /// <summary>Duration in seconds of the common part (0 when disjoint).</summary>
    public double OverlapDuration(Segment other) => Math.Max(0.0, Math.Min(End, other.End) - Math.Max(Start, other.Start));

    /// <summary>The smallest segment containing both (pyannote's <c>|</c>).</summary>
    public Segment Hull(Segment other) => new(Math.Min(Start, other.Start), Math.Max(End, other.End));

    /// <summary>Orders by start, then end.</summary>
    public int CompareTo(Segment other)
    {
        int c = Start.CompareTo(other.Start);
        return c != 0 ? c : End.CompareTo(other.End);
    }

    /// <summary>"[ 1.234 -->  5.678]" like pyannote.core, 3 decimals.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"[{Start,7:0.000} --> {End,7:0.000}]");
}
