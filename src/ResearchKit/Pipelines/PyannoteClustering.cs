using ResearchKit.Clustering;

namespace ResearchKit.Pipelines;

/// <summary>Output of <see cref="PyannoteSteps.ClusterEmbeddings"/>: every intermediate of pyannote's clustering step.</summary>
/// <param name="HardClusters">[chunk, local speaker] cluster index (before inactive speakers are marked −2).</param>
/// <param name="Soft">[chunk, local speaker, cluster] scores 2 − cosine distance to each centroid.</param>
/// <param name="Centroids">[cluster][dim] centroids (means of the un-normalised training embeddings).</param>
/// <param name="TrainChunk">Chunk index of each clustered embedding.</param>
/// <param name="TrainSpeaker">Local speaker index of each clustered embedding.</param>
/// <param name="TrainClusters">AHC label of each clustered embedding.</param>
/// <param name="Ahc">The AHC result (dendrogram, labels before the min_cluster_size rule), or null when clustering was skipped.</param>
public sealed record PyannoteClustering(int[,] HardClusters, float[,,] Soft, float[][] Centroids, int[] TrainChunk, int[] TrainSpeaker,
    int[] TrainClusters, AhcResult? Ahc);
