using ResearchKit.Clustering;

namespace ResearchKit.Corpus;

/// <summary>The global speakers at one threshold.</summary>
/// <param name="Threshold">The threshold on the options' scale.</param>
/// <param name="CosineThreshold">The same threshold as a cosine similarity.</param>
/// <param name="Labels">Global speaker (group) of each local speaker; groups are numbered by their smallest member, as
/// <see cref="GraphGrouping"/> numbers components.</param>
/// <param name="Representatives">Per group, the local speaker with the highest weighted PageRank (lower index on ties): its
/// name is the group's global speaker name.</param>
/// <param name="Seconds">Per group, the total speech duration of its members in seconds.</param>
/// <param name="Edges">Number of graph edges at this threshold.</param>
public sealed record LinkLevel(double Threshold, double CosineThreshold, int[] Labels, int[] Representatives, double[] Seconds, long Edges)
{
    /// <summary>Number of global speakers.</summary>
    public int Groups => Representatives.Length;
}

/// <summary>The result of <see cref="SpeakerLinking.Run"/>: the local speakers and their grouping at every threshold.</summary>
/// <param name="Speakers">The per-recording speakers (graph nodes).</param>
/// <param name="Options">Thresholds, scale and PageRank settings used.</param>
/// <param name="Levels">One entry per threshold, in the order given.</param>
/// <param name="CoarseEdges">Edges of the blocked cosine graph at the lowest threshold (the pre-partition).</param>
/// <param name="CoarseComponents">Its connected components (the independent sub-problems handed to <see cref="GraphGrouping"/>).</param>
public sealed record SpeakerLinks(LocalSpeakers Speakers, GraphGroupingOptions Options, IReadOnlyList<LinkLevel> Levels, int CoarseEdges, int CoarseComponents)
{
    /// <summary>The seed's mapping <c>{"&lt;video&gt;-&lt;speaker&gt;": "&lt;global speaker&gt;"}</c> at level <paramref name="level"/>; the global
    /// speaker is named after its representative local speaker.</summary>
    public IReadOnlyDictionary<string, string> Mapping(int level)
    {
        var l = Levels[level];
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < Speakers.Count; i++) map[Speakers.Names[i]] = Speakers.Names[l.Representatives[l.Labels[i]]];
        return map;
    }
}

/// <summary>
/// Links speakers across recordings as the Malay YouTube seed does: per-recording speaker centroids are nodes, an edge
/// joins two with similarity ≥ t, connected components are the global speakers and PageRank picks each group's
/// representative — all by <see cref="GraphGrouping"/>, at several thresholds in one run. For corpus scale (10⁴–10⁵
/// speakers) the graph is first built sparsely at the lowest threshold with the blocked kernel of
/// <see cref="SimilarityEdges"/>; its connected components are independent (no edge at any requested threshold crosses
/// them), so <see cref="GraphGrouping"/> runs on each component separately. Within a component this gives the same
/// groups and the same representatives as one run over all speakers: networkx's PageRank restricted to a component
/// without dangling nodes is proportional to the component's own PageRank, and a singleton is its own representative.
/// </summary>
public static class SpeakerLinking
{
    /// <summary>Groups <paramref name="speakers"/> at every threshold of <paramref name="options"/>.</summary>
    public static SpeakerLinks Run(LocalSpeakers speakers, GraphGroupingOptions options)
    {
        if (options.Thresholds.Count == 0)
            throw new InvalidParameterException("threshold", "no thresholds given; pass at least one, e.g. --thresholds 0.9,0.85,0.8.");
        var cos = options.Thresholds.Select(t => ToCosine(t, options.Scale)).ToArray();
        int m = speakers.Count, d = speakers.Centroids.GetLength(1);
        // Float32 dot products may land a hair below the float64 ones GraphGrouping computes: build the coarse graph
        // slightly below the lowest threshold so it can only be coarser, never miss an edge.
        var edges = SimilarityEdges.Build(speakers.Centroids, Math.Max(-1.0, cos.Min() - 1e-4));
        var comp = Components(m, edges, out var members);

        int levels = cos.Length;
        var labels = new int[levels][];
        for (int l = 0; l < levels; l++) { labels[l] = new int[m]; Array.Fill(labels[l], -1); }
        var reps = new List<(int Smallest, int Rep)>[levels];
        for (int l = 0; l < levels; l++) reps[l] = [];
        var edgeCount = new long[levels];

        var grouping = new GraphGrouping(options);
        foreach (var mem in members)
        {
            if (mem.Length == 1)
            {
                for (int l = 0; l < levels; l++) { labels[l][mem[0]] = -2 - mem[0]; reps[l].Add((mem[0], mem[0])); }
                continue;
            }
            var x = new double[mem.Length, d];
            for (int r = 0; r < mem.Length; r++)
                for (int k = 0; k < d; k++) x[r, k] = speakers.Centroids[mem[r], k];
            var groups = grouping.Run(x);
            for (int l = 0; l < levels; l++)
            {
                var g = groups[l];
                edgeCount[l] += g.Edges;
                for (int c = 0; c < g.Components.Length; c++)
                {
                    int smallest = mem[g.Components[c][0]]; // members ascending, mem ascending
                    reps[l].Add((smallest, mem[g.Representatives[c]]));
                    foreach (int r in g.Components[c]) labels[l][mem[r]] = -2 - smallest;
                }
            }
        }

        var result = new List<LinkLevel>(levels);
        for (int l = 0; l < levels; l++)
        {
            // Number groups by their smallest member, like GraphGrouping does over the whole set.
            var ordered = reps[l].OrderBy(p => p.Smallest).ToList();
            var id = new Dictionary<int, int>(ordered.Count);
            for (int g = 0; g < ordered.Count; g++) id[ordered[g].Smallest] = g;
            var lab = labels[l].Select(v => id[-2 - v]).ToArray();
            var seconds = new double[ordered.Count];
            for (int i = 0; i < m; i++) seconds[lab[i]] += speakers.Seconds[i];
            result.Add(new LinkLevel(options.Thresholds[l], cos[l], lab, ordered.Select(p => p.Rep).ToArray(), seconds, edgeCount[l]));
        }
        return new SpeakerLinks(speakers, options, result, edges.Count, members.Count);
    }

    /// <summary>A threshold on <paramref name="scale"/> as a cosine similarity; rejects values outside the scale's range
    /// ([-1, 1] for cosine, [0, 1] for malaya's (cos+1)/2).</summary>
    public static double ToCosine(double threshold, SimilarityScale scale)
    {
        if (scale == SimilarityScale.Cosine)
        {
            if (!(threshold >= -1 && threshold <= 1))
                throw new InvalidParameterException("threshold", $"cosine threshold {threshold} is outside [-1, 1]; give a cosine similarity, or use the malaya scale ((cos+1)/2, in [0, 1]).");
            return threshold;
        }
        if (!(threshold >= 0 && threshold <= 1))
            throw new InvalidParameterException("threshold", $"threshold {threshold} on malaya's (cos+1)/2 scale is outside [0, 1] (cosine [-1, 1]); e.g. the seed's 90% is 0.9.");
        return 2 * threshold - 1;
    }

    private static int[] Components(int m, SimilarityEdges e, out List<int[]> members)
    {
        var parent = new int[m];
        for (int i = 0; i < m; i++) parent[i] = i;
        int Find(int v) { while (parent[v] != v) { parent[v] = parent[parent[v]]; v = parent[v]; } return v; }
        for (int k = 0; k < e.Count; k++)
        {
            int a = Find(e.Source[k]), b = Find(e.Target[k]);
            if (a != b) parent[Math.Max(a, b)] = Math.Min(a, b);
        }
        var comp = new int[m];
        var byRoot = new Dictionary<int, List<int>>();
        for (int i = 0; i < m; i++)
        {
            int r = Find(i);
            comp[i] = r;
            if (!byRoot.TryGetValue(r, out var list)) byRoot[r] = list = [];
            list.Add(i); // ascending
        }
        members = byRoot.OrderBy(p => p.Value[0]).Select(p => p.Value.ToArray()).ToList();
        return comp;
    }
}
