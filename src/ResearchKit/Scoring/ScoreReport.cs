namespace ResearchKit.Scoring;

/// <summary>The result of scoring a set of files.</summary>
/// <param name="Options">The options used.</param>
/// <param name="Files">Per-file scores, ordered by file id (ordinal).</param>
/// <param name="Total">Pooled score: components summed over the files in the total, then divided (md-eval's
/// "ALL" and dscore's OVERALL). JER is the mean over all reference speakers.</param>
/// <param name="MissingInHypothesis">Reference file ids without hypothesis turns (scored as all missed).</param>
/// <param name="MissingInReference">Hypothesis file ids without reference turns (listed, not in the total).</param>
/// <param name="NotInUem">File ids a given UEM does not cover (md-eval: scored on the reference extent;
/// dscore: dropped). Empty without a UEM.</param>
/// <param name="Warnings">Input oddities that change numbers between conventions, e.g. overlapping turns of one
/// speaker (md-eval counts the speaker once but keeps each line's collars and counts the lines as overlap;
/// dscore merges them first).</param>
public sealed record ScoreReport(
    DerOptions Options,
    IReadOnlyList<FileScore> Files,
    FileScore Total,
    IReadOnlyList<string> MissingInHypothesis,
    IReadOnlyList<string> MissingInReference,
    IReadOnlyList<string> NotInUem,
    IReadOnlyList<string> Warnings)
{
    /// <summary>Mean of the per-file DERs in percent (files with a defined DER, each weighing the same); a
    /// different number from the pooled <see cref="Total"/> DER, which weighs files by scored time.</summary>
    public double? MeanFileDerPercent
    {
        get
        {
            var d = Files.Where(f => f.InTotal && f.DerPercent is not null).Select(f => f.DerPercent!.Value).ToArray();
            return d.Length > 0 ? d.Average() : null;
        }
    }
}
