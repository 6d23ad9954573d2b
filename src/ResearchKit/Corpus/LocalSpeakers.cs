using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace ResearchKit.Corpus;

/// <summary>
/// The per-recording speakers of a corpus, one row each: the seed's speaker name <c>&lt;recording&gt;-&lt;speaker&gt;</c>, a unit-length
/// centroid and the speech duration. These are the nodes that <c>link-speakers</c> groups across recordings.
/// </summary>
/// <param name="Names">Speaker names <c>&lt;recording&gt;-&lt;speaker&gt;</c> (the Malay YouTube seed's <c>f'{filename}-{speaker}'</c>), ordinal-sorted.</param>
/// <param name="Centroids">M×D unit-length centroids, row m for <c>Names[m]</c>.</param>
/// <param name="Seconds">Total segment duration per speaker in seconds.</param>
/// <param name="Segments">Number of segments per speaker.</param>
public sealed record LocalSpeakers(IReadOnlyList<string> Names, float[,] Centroids, double[] Seconds, int[] Segments)
{
    /// <summary>Number of speakers M.</summary>
    public int Count => Names.Count;

    /// <summary>Speakers from one vector each (e.g. precomputed centroids), L2-normalised here.</summary>
    /// <param name="names">Speaker names, one per row.</param>
    /// <param name="vectors">M×D vectors.</param>
    /// <param name="seconds">Speech seconds per speaker (null: zeros).</param>
    public static LocalSpeakers FromVectors(IReadOnlyList<string> names, float[,] vectors, double[]? seconds = null)
    {
        int m = vectors.GetLength(0), d = vectors.GetLength(1);
        if (names.Count != m)
            throw new InvalidParameterException("names", $"{names.Count} names for {m} vectors; give one name per row.");
        if (names.Distinct(StringComparer.Ordinal).Count() != m)
            throw new InvalidParameterException("names", "speaker names are not unique; each row needs its own <recording>-<speaker> name.");
        var unit = new float[m, d];
        for (int i = 0; i < m; i++)
        {
            double norm = 0;
            bool finite = true;
            for (int k = 0; k < d; k++) { finite &= float.IsFinite(vectors[i, k]); norm += (double)vectors[i, k] * vectors[i, k]; }
            if (!finite || norm == 0)
                throw new InvalidParameterException("embeddings", $"the vector of '{names[i]}' (row {i}) is {(finite ? "all zeros" : "not finite (NaN or infinity)")}; recompute it or drop that speaker.");
            norm = Math.Sqrt(norm);
            for (int k = 0; k < d; k++) unit[i, k] = (float)(vectors[i, k] / norm);
        }
        return new LocalSpeakers(names.ToArray(), unit, seconds ?? new double[m], Enumerable.Repeat(1, m).ToArray());
    }

    /// <summary>
    /// Groups segment embeddings by (recording, speaker) and averages them. Each segment embedding is L2-normalised
    /// before averaging (so long and short segments weigh the same and the raw norm of the model does not matter),
    /// and the mean is normalised again, so cosine similarity is a plain dot product.
    /// </summary>
    /// <param name="embeddings">N×D segment embeddings.</param>
    /// <param name="index">N rows describing the segments, row i for embedding row i.</param>
    public static LocalSpeakers FromSegments(float[,] embeddings, IReadOnlyList<IndexedSegment> index)
    {
        int n = embeddings.GetLength(0), d = embeddings.GetLength(1);
        if (index.Count != n)
            throw new InvalidParameterException("index", $"the index has {index.Count} rows but there are {n} embeddings; give one index row per embedding row, in the same order.");
        if (n == 0 || d == 0)
            throw new InvalidParameterException("embeddings", $"no embeddings ({n}×{d}); give at least one segment embedding.");
        var groups = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
        for (int i = 0; i < n; i++)
        {
            string name = index[i].Recording + "-" + index[i].Speaker;
            if (!groups.TryGetValue(name, out var list)) groups[name] = list = [];
            list.Add(i);
        }
        var flat = MemoryMarshal.CreateReadOnlySpan(ref embeddings[0, 0], n * d);
        var names = groups.Keys.ToList();
        var centroids = new float[names.Count, d];
        var sum = new double[d];
        var seconds = new double[names.Count];
        var segments = new int[names.Count];
        int m = 0;
        foreach (var (name, rows) in groups)
        {
            Array.Clear(sum);
            foreach (int i in rows)
            {
                var row = flat.Slice(i * d, d);
                double norm = 0;
                bool finite = true;
                for (int k = 0; k < d; k++) { finite &= float.IsFinite(row[k]); norm += (double)row[k] * row[k]; }
                if (!finite)
                    throw new InvalidParameterException("embeddings", $"embedding row {i} ({name}, {index[i].Start:0.###}–{index[i].End:0.###} s) contains NaN or infinity; recompute it or drop that segment from the index and the embeddings.");
                if (norm == 0)
                    throw new InvalidParameterException("embeddings", $"embedding row {i} ({name}) is all zeros; recompute it or drop that segment.");
                norm = Math.Sqrt(norm);
                for (int k = 0; k < d; k++) sum[k] += row[k] / norm;
                seconds[m] += index[i].Duration;
            }
            double total = TensorPrimitives.Norm<double>(sum);
            if (total == 0)
                throw new InvalidParameterException("embeddings", $"the segments of {name} cancel out to a zero centroid; check its embeddings.");
            for (int k = 0; k < d; k++) centroids[m, k] = (float)(sum[k] / total);
            segments[m] = rows.Count;
            m++;
        }
        return new LocalSpeakers(names, centroids, seconds, segments);
    }
}
