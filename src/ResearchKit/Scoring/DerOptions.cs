namespace ResearchKit.Scoring;

/// <summary>
/// Options of a DER/JER evaluation. Immutable; named presets after the reference scorer and command they match.
/// </summary>
public sealed record DerOptions
{
    /// <summary>Reference scorer whose conventions are followed (md-eval-22.pl or dscore).</summary>
    public ScorerConvention Convention { get; init; } = ScorerConvention.MdEval;

    /// <summary>
    /// No-score collar in seconds on <i>each side</i> of every reference turn boundary (md-eval <c>-c</c>, dscore
    /// <c>--collar</c>): a collar of 0.25 removes up to 0.5 s around each boundary. pyannote.metrics'
    /// <c>collar</c> is the total width: convert with <see cref="CollarFromPyannote"/>.
    /// </summary>
    public double Collar { get; init; }

    /// <summary>Exclude regions where two or more reference turns are active (md-eval <c>-1</c>, dscore
    /// <c>--ignore_overlaps</c>; pyannote.metrics <c>skip_overlap</c>).</summary>
    public bool SkipOverlap { get; init; }

    /// <summary>Also compute dscore's Jaccard error rate (10 ms frames, no collar, no overlap exclusion). It follows
    /// dscore's scored region and turn preparation whatever <see cref="Convention"/> is.</summary>
    public bool ComputeJer { get; init; } = true;

    /// <summary>Frame step of JER in seconds (dscore <c>--step</c>, default 0.010).</summary>
    public double JerStep { get; init; } = 0.010;

    /// <summary>md-eval-22.pl with its defaults: collar 0, overlap scored.</summary>
    public static DerOptions MdEval { get; } = new();

    /// <summary>md-eval-22.pl <c>-c 0.25</c>: the classic NIST RT setting (and VoxConverse's published numbers).</summary>
    public static DerOptions MdEvalCollar025 { get; } = new() { Collar = 0.25 };

    /// <summary>dscore with its defaults (<c>score.py</c>): collar 0, overlap scored — the DIHARD setting.</summary>
    public static DerOptions Dscore { get; } = new() { Convention = ScorerConvention.Dscore };

    /// <summary>The md-eval collar (each side) equivalent to a pyannote.metrics collar (total width, seconds).</summary>
    public static double CollarFromPyannote(double pyannoteCollar) => pyannoteCollar / 2.0;

    /// <summary>Throws <see cref="InvalidParameterException"/> when a value is out of range.</summary>
    public DerOptions Validate()
    {
        if (!(Collar >= 0) || !double.IsFinite(Collar))
            throw new InvalidParameterException("collar", $"must be a finite number of seconds >= 0, got {Collar}.");
        if (!(JerStep > 0) || !double.IsFinite(JerStep))
            throw new InvalidParameterException("jer-step", $"must be > 0 seconds, got {JerStep}.");
        return this;
    }
}
