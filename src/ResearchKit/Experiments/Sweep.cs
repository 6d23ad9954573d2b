using ResearchKit.Audio;
using ResearchKit.Clustering;
using ResearchKit.Datasets;
using ResearchKit.Pipelines;
using ResearchKit.Scoring;

namespace ResearchKit.Experiments;

/// <summary>
/// A parameter sweep over a dataset: every grid point becomes a configuration; for the windows pipeline the embeddings
/// come from an <see cref="EmbeddingCache"/> (computed once per file and embedding setting), so a threshold sweep
/// re-runs clustering only.
/// </summary>
public static class Sweep
{
    /// <summary>Runs the sweep; rows are named by the pipeline (method + grid point). <paramref name="audio"/> says how
    /// channels become mono (default: averaged); the embedding cache keys on it too.</summary>
    public static ResultTable Run(Dataset dataset, ParameterGrid grid, Func<IReadOnlyDictionary<string, double>, IDiarizationPipeline> factory,
        EmbeddingCache? cache = null, DerOptions? der = null, int parallelism = 2, IProgress<ExperimentProgress>? progress = null,
        AudioReadOptions? audio = null)
    {
        der ??= DerOptions.MdEval;
        audio ??= AudioReadOptions.Downmix;
        cache ??= new EmbeddingCache();
        var configs = grid.Points().Select(factory).ToList();
        if (!configs.All(c => c is WindowEmbeddingPipeline))
            return new ResultTable(new ExperimentRunner { MaxParallelism = parallelism, Der = der, Audio = audio }.Run(dataset, configs, progress).Select(r => r.Row));
        var items = dataset.Items.Where(i => i.IsPaired).ToList();
        int total = items.Count * configs.Count, done = 0;
        var rows = new ResultRow?[configs.Count, items.Count];
        ExperimentRunner.ForEachFile(items.Count, parallelism, fi =>
        {
            var item = items[fi];
            // The same file read as another channel (or downmix) is other audio: key the cache on the channel choice too.
            string hash = audio.ChannelMode == ChannelMode.Select ? $"{item.AudioHash()}|channel{audio.Channel}" : item.AudioHash();
            var reference = item.LoadReference();
            var uem = item.LoadUem();
            Audio.Signal? signal = null;
            for (int ci = 0; ci < configs.Count; ci++)
            {
                var p = (WindowEmbeddingPipeline)configs[ci];
                var t = new StageTimings();
                var emb = cache.GetOrCompute(hash, () => signal ??= item.LoadSignal(audio), p, t);
                double duration = emb.Duration;
                var res = p.Cluster(emb, duration, null, item.Id, t);
                rows[ci, fi] = ExperimentRunner.Score(p.Name, item.Id, duration, reference, res.Annotation, uem, der, t);
                progress?.Report(new ExperimentProgress(Interlocked.Increment(ref done), total, p.Name, item.Id));
            }
        });
        var list = new List<ResultRow>();
        for (int c = 0; c < configs.Count; c++) for (int f = 0; f < items.Count; f++) list.Add(rows[c, f]!);
        return new ResultTable(list);
    }

    /// <summary>The configuration with the lowest pooled DER.</summary>
    public static ConfigSummary Best(ResultTable t) => t.Summary().MinBy(s => s.DerPercent)!;
}
