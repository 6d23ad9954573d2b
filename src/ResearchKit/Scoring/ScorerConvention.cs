namespace ResearchKit.Scoring;

/// <summary>
/// Which reference scorer's conventions DER follows. Both count missed, false-alarm and speaker-error time the same
/// way; they differ in the scored region without a UEM, in how overlapping turns of one speaker are treated, and
/// in time rounding. Full statement: README, section "Scoring conventions".
/// </summary>
public enum ScorerConvention
{
    /// <summary>
    /// NIST md-eval-22.pl (<c>perl md-eval-22.pl -c C [-1] [-u uem]</c>). Without a UEM a file is scored on
    /// [first reference onset, last reference offset] (reference turns only); hypothesis speech outside is ignored.
    /// Only files present in the reference are scored; a file absent from the UEM falls back to that extent.
    /// Overlapping turns of one speaker count once for activity but keep their own collars, and <c>-1</c> treats
    /// them as overlap (it counts RTTM lines, not speakers).
    /// </summary>
    MdEval,

    /// <summary>
    /// dscore (github.com/nryant/dscore, score.py 1.1.0), which calls md-eval-22.pl after preparing its input:
    /// without a UEM a file is scored on [min onset, max offset] over reference <i>and</i> hypothesis turns; with a
    /// UEM, files not in it are dropped and turns are trimmed to it; overlapping (not touching) turns of one
    /// speaker are merged; onsets, durations and UEM times are rounded to 3 decimals before md-eval runs. JER and
    /// the frame metrics use the unrounded, trimmed and merged turns on a 10 ms grid without collar.
    /// </summary>
    Dscore,
}
