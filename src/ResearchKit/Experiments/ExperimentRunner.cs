using System.Collections.Concurrent;
using ResearchKit.Annotations;
using ResearchKit.Audio;
using ResearchKit.Clustering;
using ResearchKit.Datasets;
using ResearchKit.Pipelines;
using ResearchKit.Scoring;

namespace ResearchKit.Experiments;

/// <summary>Progress of an experiment: one report per finished (config, file) run.</summary>
/// <param name="Done">Runs finished so far.</param>
/// <param name="Total">Runs in the experiment.</param>
/// <param name="Config">Configuration of the finished run.</param>
/// <param name="File">File of the finished run.</param>
public readonly record struct ExperimentProgress(int Done, int Total, string Config, string File);

/// <summary>One finished run: the row and the hypothesis (for writing RTTMs).</summary>
/// <param name="Row">Scores and timings.</param>
/// <param name="Hypothesis">The pipeline's annotation.</param>
public sealed record RunOutput(ResultRow Row, Annotation Hypothesis);

/// <summary>
/// Runs configurations × files with bounded parallelism: each file is read once (lazily, per worker), diarized by
/// every configuration, scored against its reference (with its UEM when the dataset has one) and turned into a
/// <see cref="ResultRow"/>. Rows come back in (config, file) order whatever the scheduling.
/// </summary>
public sealed class ExperimentRunner
{
    /// <summary>Files processed at the same time (default: number of cores). Each worker holds one file's audio.</summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>DER options (md-eval convention, collar 0, overlap scored by default).</summary>
    public DerOptions Der { get; init; } = DerOptions.MdEval;

    /// <summary>How each file's channels become the mono signal (default: averaged; see <see cref="AudioReadOptions"/>).</summary>
    public AudioReadOptions Audio { get; init; } = AudioReadOptions.Downmix;

    /// <summary>Speaker-count hint per file (e.g. the reference count for oracle-count runs); null = unknown.</summary>
    public Func<DatasetItem, Annotation, SpeakerCount?>? CountHint { get; init; }

    /// <summary>Runs every configuration on every paired file of <paramref name="dataset"/>.</summary>
    public IReadOnlyList<RunOutput> Run(Dataset dataset, IReadOnlyList<IDiarizationPipeline> configs, IProgress<ExperimentProgress>? progress = null)
    {
        if (configs.Count == 0) throw new InvalidParameterException("configs", "give at least one pipeline configuration.");
        var names = configs.Select(c => c.Name).ToList();
        if (names.Distinct().Count() != names.Count)
            throw new InvalidParameterException("configs", $"configuration names must be unique: {string.Join(", ", names)}.");
        var items = dataset.Items.Where(i => i.IsPaired).ToList();
        int total = items.Count * configs.Count, done = 0;
        var results = new ConcurrentDictionary<(int C, int F), RunOutput>();
        ExperimentRunner.ForEachFile(items.Count, MaxParallelism, fi =>
        {
            var item = items[fi];
            Signal signal = item.LoadSignal(Audio);
            var reference = item.LoadReference();
            var uem = item.LoadUem();
            for (int ci = 0; ci < configs.Count; ci++)
            {
                var r = RunOne(configs[ci], item.Id, signal, reference, uem, CountHint?.Invoke(item, reference), Der);
                results[(ci, fi)] = r;
                progress?.Report(new ExperimentProgress(Interlocked.Increment(ref done), total, configs[ci].Name, item.Id));
            }
        });
        return results.OrderBy(kv => kv.Key.C).ThenBy(kv => kv.Key.F).Select(kv => kv.Value).ToList();
    }

    /// <summary>
    /// Runs <paramref name="body"/> for file indices 0…n−1 on up to <paramref name="parallelism"/> threads. A failure
    /// surfaces as the file's own exception (a bad file's <see cref="ResearchKitException"/>, not an AggregateException),
    /// so callers and the CLI report it like any other bad input.
    /// </summary>
    internal static void ForEachFile(int n, int parallelism, Action<int> body)
    {
        try { Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) }, body); }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            var first = e.InnerExceptions.FirstOrDefault(x => x is ResearchKitException) ?? e.InnerExceptions[0];
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
        }
    }

    /// <summary>Diarizes and scores one file with one configuration.</summary>
    public static RunOutput RunOne(IDiarizationPipeline pipeline, string fileId, Signal signal, Annotation reference, Timeline? uem,
        SpeakerCount? count, DerOptions der)
    {
        var res = pipeline.Run(signal, count, fileId);
        var hyp = AsWritten(res.Annotation.WithUri(fileId));
        return new RunOutput(Score(pipeline.Name, fileId, signal.Duration, reference, hyp, uem, der, res.Timings), hyp);
    }

    /// <summary>
    /// The annotation as its RTTM file holds it (onset and duration rounded to 3 decimals). Rows score this, so the
    /// <c>der.json</c> of <c>evaluate</c> equals <c>researchkit score</c> run on the written RTTMs: dscore's JER puts
    /// boundaries on a 10-ms frame grid, where 0.07 and its rounded text can fall in different frames.
    /// </summary>
    public static Annotation AsWritten(Annotation hypothesis) =>
        Rttm.Parse(Rttm.Format([hypothesis])).ToAnnotations().TryGetValue(hypothesis.Uri, out var a) ? a : Annotation.Empty(hypothesis.Uri);

    /// <summary>Scores one hypothesis (as its RTTM holds it, see <see cref="AsWritten"/>) into a row.</summary>
    public static ResultRow Score(string config, string fileId, double audioSeconds, Annotation reference, Annotation hypothesis,
        Timeline? uem, DerOptions der, StageTimings? timings = null)
    {
        hypothesis = AsWritten(hypothesis.WithUri(fileId));
        var f = DiarizationScorer.ScoreFile(reference.WithUri(fileId), hypothesis, der, uem);
        var stages = new Dictionary<string, double>();
        if (timings is not null) foreach (var s in timings.Stages) stages[s.Key] = stages.GetValueOrDefault(s.Key) + s.Value;
        return new ResultRow(config, fileId, audioSeconds, f.Scored, f.Missed, f.FalseAlarm, f.Confusion, f.JerPercent,
            reference.Labels().Count, hypothesis.Labels().Count, stages);
    }
}
