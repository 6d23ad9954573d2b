using ResearchKit.Annotations;

namespace ResearchKit.Scoring;

/// <summary>One stretch of the scored region with errors, as speaker counts (md-eval's per-segment rule).</summary>
/// <param name="Segment">Where, in seconds.</param>
/// <param name="MissedSpeakers">max(nref − nsys, 0): reference speakers without a system speaker.</param>
/// <param name="FalseAlarmSpeakers">max(nsys − nref, 0): extra system speakers.</param>
/// <param name="ConfusedSpeakers">min(nref, nsys) − correctly mapped speakers.</param>
public readonly record struct ErrorRegion(Segment Segment, int MissedSpeakers, int FalseAlarmSpeakers, int ConfusedSpeakers);

/// <summary>
/// The breakdown of one file's DER (see <see cref="DiarizationScorer.Breakdown"/>).
/// </summary>
/// <param name="FileId">File id.</param>
/// <param name="ReferenceSpeakers">Row labels of <paramref name="OverlapSeconds"/> (ordinal order).</param>
/// <param name="HypothesisSpeakers">Column labels of <paramref name="OverlapSeconds"/>.</param>
/// <param name="OverlapSeconds">Co-speaking time in seconds of each reference × hypothesis pair on the evaluation
/// region (UEM or default region, no collar, no overlap exclusion): the matrix md-eval maps speakers on.</param>
/// <param name="Mapping">Optimal one-to-one mapping reference → hypothesis (only co-speaking pairs).</param>
/// <param name="Errors">Where missed, false-alarm and confused speakers occur (scored region), merged where equal.</param>
/// <param name="Score">The file's DER components (same numbers as <see cref="DiarizationScorer.ScoreFile"/>).</param>
/// <param name="ReferenceSeconds">Speaking time of each reference speaker on the evaluation region.</param>
/// <param name="HypothesisSeconds">Speaking time of each hypothesis speaker on the evaluation region.</param>
public sealed record FileBreakdown(
    string FileId,
    IReadOnlyList<string> ReferenceSpeakers,
    IReadOnlyList<string> HypothesisSpeakers,
    double[,] OverlapSeconds,
    IReadOnlyDictionary<string, string> Mapping,
    IReadOnlyList<ErrorRegion> Errors,
    FileScore Score,
    IReadOnlyList<double> ReferenceSeconds,
    IReadOnlyList<double> HypothesisSeconds)
{
    /// <summary>Cluster purity (pyannote.metrics' definition, on the evaluation region without collar): for each
    /// hypothesis speaker the time of its best-matching reference speaker, summed, over total hypothesis speaker time.
    /// 1 when no hypothesis speaker mixes reference speakers; null without hypothesis speech.</summary>
    public double? Purity => Ratio(HypothesisSeconds, j => Enumerable.Range(0, ReferenceSpeakers.Count).Select(i => OverlapSeconds[i, j]));

    /// <summary>Cluster coverage: for each reference speaker the time of its best-matching hypothesis speaker, summed,
    /// over total reference speaker time; null without reference speech.</summary>
    public double? Coverage => Ratio(ReferenceSeconds, i => Enumerable.Range(0, HypothesisSpeakers.Count).Select(j => OverlapSeconds[i, j]));

    private static double? Ratio(IReadOnlyList<double> totals, Func<int, IEnumerable<double>> row)
    {
        double num = 0, den = 0;
        for (int k = 0; k < totals.Count; k++) { den += totals[k]; num += row(k).DefaultIfEmpty(0).Max(); }
        return den > 0 ? num / den : null;
    }

    /// <summary>Number of reference speakers with speech in the evaluation region.</summary>
    public int ReferenceSpeakerCount => ReferenceSeconds.Count(t => t > 0);

    /// <summary>Number of hypothesis speakers with speech in the evaluation region.</summary>
    public int HypothesisSpeakerCount => HypothesisSeconds.Count(t => t > 0);

    /// <summary>Speaker-count error: hypothesis minus reference speaker count (positive = too many clusters).</summary>
    public int SpeakerCountError => HypothesisSpeakerCount - ReferenceSpeakerCount;
}
