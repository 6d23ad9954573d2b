using System.Numerics.Tensors;

namespace ResearchKit.Clustering;

/// <summary>Options of <see cref="GraphGrouping"/>.</summary>
/// <param name="Thresholds">Similarity thresholds; an edge (i, j) exists when S(i, j) ≥ t.</param>
/// <param name="Scale">Scale of S and of the thresholds (malaya-speech uses (cos+1)/2 at 0.8/0.85/0.9).</param>
/// <param name="Damping">PageRank damping factor (networkx <c>alpha</c>).</param>
/// <param name="MaxIter">PageRank power iterations at most.</param>
/// <param name="Tol">PageRank stops when the L1 change is below n·tol (networkx).</param>
public sealed record GraphGroupingOptions(IReadOnlyList<double> Thresholds, SimilarityScale Scale = SimilarityScale.HalfCosinePlusHalf,
    double Damping = 0.85, int MaxIter = 100, double Tol = 1e-6)
{
    /// <summary>The Malay YouTube corpus seed: (cos+1)/2 at 0.9, 0.85 and 0.8.</summary>
    public static GraphGroupingOptions Malaya { get; } = new([0.9, 0.85, 0.8]);
}

/// <summary>Groups at one threshold.</summary>
/// <param name="Threshold">The threshold on <see cref="GraphGroupingOptions.Scale"/>.</param>
/// <param name="Labels">Group of each item: connected components numbered by their smallest member.</param>
/// <param name="Components">Members of each group, ascending.</param>
/// <param name="PageRank">Weighted PageRank of each item (edge weight = similarity; isolated items dangle).</param>
/// <param name="PageRankUnweighted">PageRank with unit edge weights.</param>
/// <param name="Representatives">Per group, the member with the highest weighted PageRank (lower index on ties).</param>
/// <param name="Edges">Number of edges.</param>
public sealed record GraphGroups(double Threshold, int[] Labels, int[][] Components, double[] PageRank, double[] PageRankUnweighted,
    int[] Representatives, int Edges) : ClusteringResult(Labels);

/// <summary>
/// Corpus-level speaker grouping (the malaya-speech Malay YouTube seed): a cosine-similarity graph over speaker
/// centroids thresholded at t, connected components as groups, and PageRank (networkx 2.8 <c>pagerank</c>, power
/// iteration with uniform dangling redistribution) to order members and pick each group's representative.
/// </summary>
public sealed class GraphGrouping(GraphGroupingOptions options) : IClusterer
{
    /// <summary>The options in use.</summary>
    public GraphGroupingOptions Options { get; } = options;

    /// <summary>Groups at the first threshold.</summary>
    public ClusteringResult Cluster(double[,] x, SpeakerCount? count = null) => Run(x)[0];

    /// <summary>Groups of the rows of <paramref name="x"/> at every threshold.</summary>
    /// <exception cref="InvalidParameterException">Bad data (NaN/Inf, zero rows, fewer than 2 rows) or no thresholds.</exception>
    public IReadOnlyList<GraphGroups> Run(double[,] x)
    {
        if (Options.Thresholds.Count == 0)
            throw new InvalidParameterException("threshold", "no thresholds given; pass at least one, e.g. 0.8.");
        PairwiseDistances.Validate(x, DistanceMetric.Cosine, "x");
        var xn = Vectors.L2Normalized(x);
        int n = x.GetLength(0), d = x.GetLength(1);
        var f = PairwiseDistances.Flat(xn).ToArray();
        double lowest = Options.Thresholds.Min();
        // Neighbour lists at the lowest threshold, computed once in parallel; higher thresholds filter them.
        var nbr = new List<(int J, double S)>[n];
        Parallel.For(0, n, i =>
        {
            var list = new List<(int, double)>();
            var ri = new ReadOnlySpan<double>(f, i * d, d);
            for (int j = 0; j < n; j++)
            {
                if (j == i) continue;
                double s = SimilarityScales.FromCosine(TensorPrimitives.Dot(ri, new ReadOnlySpan<double>(f, j * d, d)), Options.Scale);
                if (s >= lowest) list.Add((j, s));
            }
            nbr[i] = list;
        });
        var results = new List<GraphGroups>();
        foreach (double t in Options.Thresholds)
        {
            var adj = new (int J, double S)[n][];
            int edges = 0;
            for (int i = 0; i < n; i++)
            {
                adj[i] = nbr[i].Where(e => e.S >= t).ToArray();
                edges += adj[i].Length;
            }
            var labels = Components(adj, n, out var comps);
            var pr = PageRank(adj, n, weighted: true);
            var pru = PageRank(adj, n, weighted: false);
            var reps = comps.Select(c => c.Aggregate((a, b) => pr[b] > pr[a] ? b : a)).ToArray();
            results.Add(new GraphGroups(t, labels, comps, pr, pru, reps, edges / 2));
        }
        return results;
    }

    private static int[] Components((int J, double S)[][] adj, int n, out int[][] comps)
    {
        var labels = new int[n];
        Array.Fill(labels, -1);
        var list = new List<int[]>();
        var stack = new Stack<int>();
        for (int s = 0; s < n; s++)
        {
            if (labels[s] != -1) continue;
            var members = new List<int>();
            labels[s] = list.Count;
            stack.Push(s);
            while (stack.Count > 0)
            {
                int v = stack.Pop();
                members.Add(v);
                foreach (var (j, _) in adj[v])
                    if (labels[j] == -1) { labels[j] = list.Count; stack.Push(j); }
            }
            members.Sort();
            list.Add(members.ToArray());
        }
        comps = list.ToArray();
        return labels;
    }

    /// <summary>networkx <c>_pagerank_scipy</c>: x ← α(xP + Σ dangling x / n) + (1−α)/n, from x = 1/n, until ‖Δx‖₁ &lt; n·tol.</summary>
    private double[] PageRank((int J, double S)[][] adj, int n, bool weighted)
    {
        var outW = new double[n];
        for (int i = 0; i < n; i++) outW[i] = weighted ? adj[i].Sum(e => e.S) : adj[i].Length;
        var x = new double[n];
        Array.Fill(x, 1.0 / n);
        double a = Options.Damping;
        for (int it = 0; it < Options.MaxIter; it++)
        {
            var next = new double[n];
            double dangling = 0;
            for (int i = 0; i < n; i++)
            {
                if (outW[i] == 0) { dangling += x[i]; continue; }
                double share = x[i] / outW[i];
                foreach (var (j, s) in adj[i]) next[j] += share * (weighted ? s : 1.0);
            }
            double err = 0;
            for (int i = 0; i < n; i++)
            {
                next[i] = a * (next[i] + dangling / n) + (1 - a) / n;
                err += Math.Abs(next[i] - x[i]);
            }
            x = next;
            if (err < n * Options.Tol) return x;
        }
        throw new ResearchKitException($"PageRank did not converge in {Options.MaxIter} iterations (tolerance {Options.Tol}); raise MaxIter.");
    }
}
