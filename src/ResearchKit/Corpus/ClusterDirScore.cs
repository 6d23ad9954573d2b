using ResearchKit.Scoring;

namespace ResearchKit.Corpus;

/// <summary>How well <c>cluster-dir</c> recovered known speakers (<c>--labels</c>), over all clips pooled (each output
/// speaker folder is one predicted cluster).</summary>
/// <param name="Clips">Clips scored.</param>
/// <param name="Purity">Σ over output speakers of their largest true-speaker share / clips.</param>
/// <param name="Coverage">Σ over true speakers of their largest output-speaker share / clips.</param>
/// <param name="Ari">Adjusted Rand index (<see cref="ClusteringMetrics.AdjustedRandIndex(long[,])"/>).</param>
/// <param name="Nmi">Normalised mutual information (arithmetic mean, as scikit-learn's default).</param>
/// <param name="BCubedF1">B-cubed F1.</param>
public sealed record ClusterDirScore(int Clips, double Purity, double Coverage, double Ari, double Nmi, double BCubedF1)
{
    /// <summary>Reads <c>file,speaker</c> labels (CSV or TSV with a header; file = the wav's path relative to the input folder,
    /// or its bare file name) and scores every planned clip. Clips without a label are an error naming them.</summary>
    public static ClusterDirScore Compute(ClusterDirResult result, string labelsFile)
    {
        var rows = LabelledUtterances.FromLabelsInFileOrder(result.Input.Root, labelsFile, mustExist: false);
        var byPath = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in rows) { byPath[r.Path] = r.Speaker; byPath.TryAdd(Path.GetFileName(r.Path), r.Speaker); }
        var clips = result.Subfolders.Where(s => s.Plan is not null).SelectMany(s => s.Plan!.Clips).ToList();
        var truth = new List<string>(clips.Count);
        var predicted = new List<string>(clips.Count);
        foreach (var c in clips)
        {
            if (!byPath.TryGetValue(c.Source.WavPath, out var t) && !byPath.TryGetValue(Path.GetFileName(c.Source.WavPath), out t))
                throw new InvalidInputFileException(labelsFile, $"no label for {c.Source.WavPath}; add a row '<file>,<speaker>' for every clip.");
            truth.Add(t);
            predicted.Add(c.SpeakerFolder);
        }
        if (clips.Count == 0)
            throw new InvalidParameterException("--labels", "no clips were clustered, so there is nothing to score.");
        var cm = ClusteringMetrics.Contingency(truth, predicted);
        int nt = cm.GetLength(0), np = cm.GetLength(1);
        long pur = 0, cov = 0;
        for (int j = 0; j < np; j++) { long m = 0; for (int i = 0; i < nt; i++) m = Math.Max(m, cm[i, j]); pur += m; }
        for (int i = 0; i < nt; i++) { long m = 0; for (int j = 0; j < np; j++) m = Math.Max(m, cm[i, j]); cov += m; }
        return new ClusterDirScore(clips.Count, (double)pur / clips.Count, (double)cov / clips.Count,
            ClusteringMetrics.AdjustedRandIndex(cm), ClusteringMetrics.NormalizedMutualInformation(cm), ClusteringMetrics.BCubed(cm).F1);
    }
}
