namespace ResearchKit.Experiments;

/// <summary>One (configuration, file) result: DER components in seconds, DER and JER in percent, speaker counts and
/// seconds per pipeline stage.</summary>
/// <param name="Config">Configuration name (method and grid point).</param>
/// <param name="File">File id.</param>
/// <param name="AudioSeconds">Duration of the audio.</param>
/// <param name="Scored">Scored reference speech, seconds.</param>
/// <param name="Missed">Missed speech, seconds.</param>
/// <param name="FalseAlarm">False-alarm speech, seconds.</param>
/// <param name="Confusion">Speaker confusion, seconds.</param>
/// <param name="JerPercent">JER in percent, when computed.</param>
/// <param name="ReferenceSpeakers">Speakers in the reference.</param>
/// <param name="HypothesisSpeakers">Speakers found.</param>
/// <param name="StageSeconds">Seconds per pipeline stage (cached stages count 0).</param>
public sealed record ResultRow(string Config, string File, double AudioSeconds, double Scored, double Missed, double FalseAlarm,
    double Confusion, double? JerPercent, int ReferenceSpeakers, int HypothesisSpeakers, IReadOnlyDictionary<string, double> StageSeconds)
{
    /// <summary>Missed + false alarm + confusion, seconds.</summary>
    public double Error => Missed + FalseAlarm + Confusion;

    /// <summary>DER in percent (NaN when nothing is scored).</summary>
    public double DerPercent => Scored > 0 ? 100 * Error / Scored : double.NaN;

    /// <summary>Total pipeline seconds.</summary>
    public double Seconds => StageSeconds.Values.Sum();

    /// <summary>The unit the paired bootstrap resamples.</summary>
    public FileError ToFileError() => new(File, Error, Scored);
}

/// <summary>Per-configuration summary: pooled DER (Σ errors / Σ scored), mean of file DERs (a different number), components,
/// speaker-count error and real-time factor.</summary>
/// <param name="Config">Configuration.</param>
/// <param name="Files">Files scored.</param>
/// <param name="DerPercent">Pooled DER, percent.</param>
/// <param name="MeanFileDerPercent">Mean of per-file DERs, percent.</param>
/// <param name="MissedPercent">Pooled missed speech, percent of scored.</param>
/// <param name="FalseAlarmPercent">Pooled false alarm, percent of scored.</param>
/// <param name="ConfusionPercent">Pooled confusion, percent of scored.</param>
/// <param name="MeanJerPercent">Mean JER over files (dscore reports the mean), percent.</param>
/// <param name="MeanAbsSpeakerCountError">Mean |found − reference| speakers.</param>
/// <param name="RealTimeFactor">Σ pipeline seconds / Σ audio seconds.</param>
public sealed record ConfigSummary(string Config, int Files, double DerPercent, double MeanFileDerPercent, double MissedPercent,
    double FalseAlarmPercent, double ConfusionPercent, double? MeanJerPercent, double MeanAbsSpeakerCountError, double RealTimeFactor);
