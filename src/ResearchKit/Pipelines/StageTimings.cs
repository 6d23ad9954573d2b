using System.Diagnostics;

namespace ResearchKit.Pipelines;

/// <summary>Wall-clock seconds spent in each stage of a pipeline run, in stage order.</summary>
public sealed class StageTimings
{
    private readonly List<KeyValuePair<string, double>> _stages = [];

    /// <summary>(stage, seconds) in the order the stages ran.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Stages => _stages;

    /// <summary>Total seconds over all stages.</summary>
    public double Total => _stages.Sum(s => s.Value);

    /// <summary>Seconds of one stage (0 when it did not run).</summary>
    public double this[string stage] => _stages.Where(s => s.Key == stage).Sum(s => s.Value);

    /// <summary>Runs <paramref name="f"/> and records its duration under <paramref name="stage"/>.</summary>
    public T Measure<T>(string stage, Func<T> f)
    {
        var sw = Stopwatch.StartNew();
        var r = f();
        _stages.Add(new(stage, sw.Elapsed.TotalSeconds));
        return r;
    }

    /// <summary>Records a duration measured elsewhere (e.g. a cached stage: 0).</summary>
    public void Add(string stage, double seconds) => _stages.Add(new(stage, seconds));

    /// <inheritdoc />
    public override string ToString() => string.Join(", ", _stages.Select(s => FormattableString.Invariant($"{s.Key} {s.Value:0.000} s")));
}
