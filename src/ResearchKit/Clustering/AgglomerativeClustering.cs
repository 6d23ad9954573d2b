namespace ResearchKit.Clustering;

/// <summary>Result of <see cref="AgglomerativeClustering"/>.</summary>
/// <param name="Labels">0-based cluster of each row.</param>
/// <param name="LinkageMatrix">The dendrogram in scipy's linkage-matrix layout.</param>
/// <param name="FlatLabels">0-based <c>fcluster</c> labels before the min-cluster-size reassignment.</param>
public sealed record AhcResult(int[] Labels, double[,] LinkageMatrix, int[] FlatLabels) : ClusteringResult(Labels);

/// <summary>
/// Agglomerative clustering: scipy linkage, a flat cut (threshold or cluster count) and optionally
/// pyannote.audio 3.1's small-cluster reassignment (<c>pyannote/audio/pipelines/clustering.py</c>,
/// <c>AgglomerativeClustering.cluster</c>).
/// </summary>
public sealed class AgglomerativeClustering(AhcOptions options) : IClusterer
{
    /// <summary>The options in use.</summary>
    public AhcOptions Options { get; } = options;

    /// <inheritdoc />
    public ClusteringResult Cluster(double[,] x, SpeakerCount? count = null) => Run(x, count);

    /// <summary>Clusters the rows of <paramref name="x"/>; see <see cref="AhcOptions"/>.</summary>
    /// <exception cref="InvalidParameterException">Bad data or options.</exception>
    public AhcResult Run(double[,] x, SpeakerCount? count = null)
    {
        Options.Validate();
        count ??= SpeakerCount.Unknown;
        int n = x.GetLength(0);
        count.Validate(n);
        var data = x;
        var metric = Options.Metric;
        if (metric == DistanceMetric.Cosine && Options.Method is LinkageMethod.Centroid or LinkageMethod.Median or LinkageMethod.Ward)
        {
            PairwiseDistances.Validate(x, metric, "x");
            data = Vectors.L2Normalized(x);
            metric = DistanceMetric.Euclidean;
        }
        var z = Linkage.Compute(data, Options.Method, metric, Options.Precision);
        if (Options.MinClusterSize > 1)
            return Pyannote(data, z, count);

        int[] flat;
        if (count.IsExact) flat = Dendrogram.ClustersByCount(z, count.Min!.Value);
        else
        {
            if (Options.Threshold is not double t)
                throw new InvalidParameterException("threshold",
                    "neither a threshold nor an exact number of clusters was given; set --threshold or --num-clusters.");
            flat = Dendrogram.ClustersByDistance(z, t);
            int k = flat.Max();
            if (count.Clamp(k) != k) flat = Dendrogram.ClustersByCount(z, count.Clamp(k));
        }
        var labels = ClusteringResult.Canonical(flat);
        return new AhcResult(labels, z, labels);
    }

    /// <summary>pyannote.audio 3.1: fcluster at the threshold, steer the number of large clusters into the allowed
    /// range by walking merge iterations away from the threshold, then reassign small clusters to the large
    /// cluster with the nearest centroid (cdist with the configured metric).</summary>
    private AhcResult Pyannote(double[,] x, double[,] z, SpeakerCount count)
    {
        int n = x.GetLength(0);
        double threshold = Options.Threshold ?? throw new InvalidParameterException("threshold",
            "the min-cluster-size rule needs a distance threshold (pyannote's clustering.threshold).");
        // Python's round() is round-half-to-even.
        int minSize = Math.Min(Options.MinClusterSize, Math.Max(1, (int)Math.Round(0.1 * n, MidpointRounding.ToEven)));
        int minClusters = count.Min ?? 1, maxClusters = count.Max ?? n;
        int? numClusters = count.IsExact ? count.Min : null;

        int[] clusters = Sub1(Dendrogram.ClustersByDistance(z, threshold));
        int numLarge = CountLarge(clusters, minSize);
        if (numLarge < minClusters) numClusters = minClusters;
        else if (numLarge > maxClusters) numClusters = maxClusters;

        if (numClusters is int target && numLarge != target)
        {
            // Heights replaced by the merge index: a cut at i keeps merges 0..i.
            var zi = (double[,])z.Clone();
            for (int k = 0; k < n - 1; k++) zi[k, 2] = k;
            int bestIteration = n - 1, bestLarge = 1;
            var order = Enumerable.Range(0, n - 1).ToArray();
            var key = order.Select(k => Math.Abs(z[k, 2] - threshold)).ToArray();
            Array.Sort(key, order); // np.argsort default quicksort is unstable; ties here need distinct heights
            bool found = false;
            foreach (int it in order)
            {
                if (zi[it, 3] < minSize) continue;
                clusters = Sub1(Dendrogram.ClustersByDistance(zi, it));
                numLarge = CountLarge(clusters, minSize);
                if (Math.Abs(numLarge - target) < Math.Abs(bestLarge - target)) { bestIteration = it; bestLarge = numLarge; }
                if (numLarge == target) { found = true; break; }
            }
            if (!found && bestLarge != target)
            {
                clusters = Sub1(Dendrogram.ClustersByDistance(zi, bestIteration));
                numLarge = CountLarge(clusters, minSize);
            }
        }
        var flat = (int[])clusters.Clone();
        if (numLarge == 0)
        {
            Array.Clear(clusters);
            return new AhcResult(clusters, z, ClusteringResult.Canonical(flat));
        }
        var sizes = new Dictionary<int, int>();
        foreach (int c in clusters) sizes[c] = sizes.GetValueOrDefault(c) + 1;
        var large = sizes.Where(kv => kv.Value >= minSize).Select(kv => kv.Key).Order().ToArray();
        var small = sizes.Where(kv => kv.Value < minSize).Select(kv => kv.Key).Order().ToArray();
        if (small.Length > 0)
        {
            var largeCentroids = large.Select(c => Vectors.Mean(x, clusters, c)).ToArray();
            var remap = new Dictionary<int, int>();
            foreach (int s in small)
            {
                var sc = Vectors.Mean(x, clusters, s);
                int best = 0;
                double bestD = double.PositiveInfinity;
                for (int j = 0; j < large.Length; j++)
                {
                    double d = Options.Metric == DistanceMetric.Cosine ? Vectors.CosineDistance(largeCentroids[j], sc) : Vectors.Euclidean(largeCentroids[j], sc);
                    if (d < bestD) { bestD = d; best = j; } // np.argmin: first minimum
                }
                remap[s] = large[best];
            }
            for (int i = 0; i < n; i++) if (remap.TryGetValue(clusters[i], out int l)) clusters[i] = l;
        }
        // np.unique(return_inverse=True): renumber by sorted old label.
        var sorted = clusters.Distinct().Order().ToArray();
        var final = clusters.Select(c => Array.BinarySearch(sorted, c)).ToArray();
        return new AhcResult(final, z, ClusteringResult.Canonical(flat));
    }

    private static int[] Sub1(int[] a) { for (int i = 0; i < a.Length; i++) a[i]--; return a; }

    private static int CountLarge(int[] clusters, int minSize) =>
        clusters.GroupBy(c => c).Count(g => g.Count() >= minSize);
}
