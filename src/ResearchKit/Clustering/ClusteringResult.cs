namespace ResearchKit.Clustering;

/// <summary>Output common to all clusterers: one 0-based label per input row.</summary>
/// <param name="Labels">Cluster of each row, 0 … <see cref="NumClusters"/>−1.</param>
public record ClusteringResult(int[] Labels)
{
    /// <summary>Number of distinct clusters.</summary>
    public int NumClusters => Labels.Length == 0 ? 0 : Labels.Max() + 1;

    /// <summary>Renumbers labels 0, 1, … in order of first appearance (the canonical form used to compare partitions).</summary>
    public static int[] Canonical(ReadOnlySpan<int> labels)
    {
        var map = new Dictionary<int, int>();
        var r = new int[labels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            if (!map.TryGetValue(labels[i], out int c)) map[labels[i]] = c = map.Count;
            r[i] = c;
        }
        return r;
    }
}

/// <summary>A clustering method over an n×d matrix of row vectors.</summary>
public interface IClusterer
{
    /// <summary>Clusters the rows of <paramref name="x"/> (n×d) under an optional speaker-count constraint.
    /// The result's runtime type carries the method's diagnostics (dendrogram, eigenvalues, inertia…).</summary>
    ClusteringResult Cluster(double[,] x, SpeakerCount? count = null);
}
