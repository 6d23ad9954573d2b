using System.Numerics.Tensors;

namespace ResearchKit.Clustering;

/// <summary>How a matched cluster's centroid absorbs a new vector.</summary>
public enum CentroidUpdate
{
    /// <summary>malaya-speech <c>StreamingSpeakerSimilarity</c> with <c>agg_function=np.mean</c>: mean of [vector, centroid].</summary>
    PairMean,
    /// <summary>Running mean of all members.</summary>
    RunningMean,
}

/// <summary>Options of <see cref="OnlineClustering"/>.</summary>
/// <param name="Threshold">A vector joins the most similar cluster when its similarity is ≥ this (on <paramref name="Scale"/>).</param>
/// <param name="Scale">Similarity scale of <paramref name="Threshold"/>.</param>
/// <param name="Update">Centroid update rule.</param>
/// <param name="MaxClusters">When set and reached, an unmatched vector joins the most similar cluster instead of opening a new one.</param>
public sealed record OnlineOptions(double Threshold, SimilarityScale Scale = SimilarityScale.Cosine, CentroidUpdate Update = CentroidUpdate.RunningMean,
    int? MaxClusters = null)
{
    /// <summary>malaya-speech <c>StreamingSpeakerSimilarity(similarity_threshold=0.8)</c>: (cos+1)/2 ≥ 0.8 (cosine ≥ 0.6), pair-mean update.</summary>
    public static OnlineOptions Malaya { get; } = new(0.8, SimilarityScale.HalfCosinePlusHalf, CentroidUpdate.PairMean);
}

/// <summary>Result of <see cref="OnlineClustering"/>.</summary>
/// <param name="Labels">Cluster of each row in arrival order.</param>
/// <param name="Centroids">Final centroid of each cluster (k×d).</param>
/// <param name="Similarities">Best similarity each row had on arrival (NaN for the first row).</param>
public sealed record OnlineResult(int[] Labels, double[,] Centroids, double[] Similarities) : ClusteringResult(Labels);

/// <summary>
/// Streaming assignment in arrival order (malaya-speech <c>StreamingSpeakerSimilarity</c>, model/clustering.py):
/// each vector goes to the cluster with the most similar centroid when that similarity reaches the threshold,
/// otherwise opens a new cluster. Ties go to the later cluster, as malaya's reversed argsort does.
/// </summary>
public sealed class OnlineClustering(OnlineOptions options) : IClusterer
{
    /// <summary>The options in use.</summary>
    public OnlineOptions Options { get; } = options;

    /// <inheritdoc />
    public ClusteringResult Cluster(double[,] x, SpeakerCount? count = null) => Run(x);

    /// <summary>Clusters the rows of <paramref name="x"/> in order.</summary>
    /// <exception cref="InvalidParameterException">NaN/Inf or all-zero rows, fewer than 1 row, MaxClusters &lt; 1.</exception>
    public OnlineResult Run(double[,] x)
    {
        int n = x.GetLength(0), d = x.GetLength(1);
        KMeans.CheckFinite(x);
        if (Options.MaxClusters is < 1) throw new InvalidParameterException("max", $"is {Options.MaxClusters}; allow at least 1 cluster.");
        var flat = PairwiseDistances.Flat(x).ToArray();
        for (int i = 0; i < n; i++)
            if (TensorPrimitives.Norm(new ReadOnlySpan<double>(flat, i * d, d)) == 0)
                throw new InvalidParameterException("x", $"row {i} is an all-zero vector, whose cosine similarity is undefined; drop that row.");
        var centroids = new List<double[]>();
        var norms = new List<double>();
        var sizes = new List<int>();
        var labels = new int[n];
        var sims = new double[n];
        for (int i = 0; i < n; i++)
        {
            var v = new ReadOnlySpan<double>(flat, i * d, d);
            double vn = TensorPrimitives.Norm(v);
            int best = -1;
            double bestS = double.NegativeInfinity;
            for (int c = 0; c < centroids.Count; c++)
            {
                double s = SimilarityScales.FromCosine(TensorPrimitives.Dot(v, centroids[c]) / (vn * norms[c]), Options.Scale);
                if (s >= bestS) { bestS = s; best = c; }
            }
            sims[i] = best < 0 ? double.NaN : bestS;
            bool join = best >= 0 && (bestS >= Options.Threshold || (Options.MaxClusters is int m && centroids.Count >= m));
            if (join)
            {
                var c = centroids[best];
                if (Options.Update == CentroidUpdate.PairMean)
                    for (int j = 0; j < d; j++) c[j] = (v[j] + c[j]) / 2;
                else
                    for (int j = 0; j < d; j++) c[j] = (c[j] * sizes[best] + v[j]) / (sizes[best] + 1);
                sizes[best]++;
                norms[best] = TensorPrimitives.Norm<double>(c);
                labels[i] = best;
            }
            else
            {
                centroids.Add(v.ToArray());
                norms.Add(vn);
                sizes.Add(1);
                labels[i] = centroids.Count - 1;
            }
        }
        var cm = new double[centroids.Count, d];
        for (int c = 0; c < centroids.Count; c++)
            for (int j = 0; j < d; j++) cm[c, j] = centroids[c][j];
        return new OnlineResult(labels, cm, sims);
    }
}
