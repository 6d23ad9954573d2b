namespace ResearchKit.Corpus;

/// <summary>Progress of a long corpus step (embedding the clips of cluster-dir, the recordings of link-speakers): one
/// report per finished item, as <see cref="Experiments.ExperimentProgress"/> does for experiments.</summary>
/// <param name="Stage">What is being done, e.g. "embedding".</param>
/// <param name="Done">Items finished so far (1 … <paramref name="Total"/>).</param>
/// <param name="Total">Items in this stage.</param>
/// <param name="Item">The item just finished (subfolder, recording).</param>
public readonly record struct CorpusProgress(string Stage, int Done, int Total, string Item);
