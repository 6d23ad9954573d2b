namespace ResearchKit.Scoring;

/// <summary>
/// DER components of one file (or the pooled total) in seconds, as md-eval-22.pl defines them: per elementary
/// segment of the scored region with <c>nref</c> reference and <c>nsys</c> system speakers active (d seconds long),
/// scored += d·nref, missed += d·max(nref−nsys, 0), false alarm += d·max(nsys−nref, 0),
/// confusion += d·(min(nref, nsys) − mapped pairs active).
/// </summary>
/// <param name="FileId">File id, or "TOTAL" for the pooled record.</param>
/// <param name="Scored">Scored reference speaker time, seconds (md-eval "SCORED SPEAKER TIME").</param>
/// <param name="Missed">Missed speaker time, seconds.</param>
/// <param name="FalseAlarm">False-alarm speaker time, seconds.</param>
/// <param name="Confusion">Speaker error time, seconds.</param>
/// <param name="JerPercent">dscore's Jaccard error rate in percent; null when not computed or undefined.</param>
public sealed record FileScore(string FileId, double Scored, double Missed, double FalseAlarm, double Confusion, double? JerPercent)
{
    /// <summary>(missed + false alarm + confusion) / scored × 100; null when nothing is scored (no reference
    /// speech: DER is undefined, reported as such instead of dividing by zero).</summary>
    public double? DerPercent => Scored > 0 ? (Missed + FalseAlarm + Confusion) / Scored * 100.0 : null;

    /// <summary>Missed time as a percentage of scored time (null when nothing is scored).</summary>
    public double? MissedPercent => Scored > 0 ? Missed / Scored * 100.0 : null;

    /// <summary>False-alarm time as a percentage of scored time.</summary>
    public double? FalseAlarmPercent => Scored > 0 ? FalseAlarm / Scored * 100.0 : null;

    /// <summary>Confusion time as a percentage of scored time.</summary>
    public double? ConfusionPercent => Scored > 0 ? Confusion / Scored * 100.0 : null;

    /// <summary>False when the file is listed but left out of the pooled total (no reference turns: both reference
    /// scorers skip such files). Its false alarm is the hypothesis speaker time in its region.</summary>
    public bool InTotal { get; init; } = true;

    /// <summary>Why the file is special, if it is (e.g. "missing in hypothesis: scored as all missed").</summary>
    public string? Note { get; init; }

    /// <summary>Number of reference speakers with speech in the scored file.</summary>
    public int ReferenceSpeakers { get; init; }

    /// <summary>Number of hypothesis speakers with speech in the scored file.</summary>
    public int HypothesisSpeakers { get; init; }
}
