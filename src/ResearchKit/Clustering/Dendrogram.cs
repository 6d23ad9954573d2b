namespace ResearchKit.Clustering;

/// <summary>
/// Operations on a scipy linkage matrix (see <see cref="Linkage"/>): flat clusters as
/// <c>scipy.cluster.hierarchy.fcluster</c> forms them, and <c>leaves_list</c>.
/// </summary>
/// <remarks>For non-monotonic trees (centroid, median) both criteria use the largest merge height inside each
/// subtree, not the node's own height, exactly as scipy does.</remarks>
public static class Dendrogram
{
    /// <summary>Number of observations of a linkage matrix (rows + 1), after checking its shape.</summary>
    public static int Observations(double[,] z)
    {
        if (z.GetLength(1) != 4 || z.GetLength(0) < 1)
            throw new InvalidParameterException("linkage", $"a linkage matrix is (n−1)×4 with n ≥ 2, got {z.GetLength(0)}×{z.GetLength(1)}.");
        return z.GetLength(0) + 1;
    }

    /// <summary>For each row k, the largest height in the subtree of cluster n+k (scipy <c>get_max_dist_for_each_cluster</c>).</summary>
    public static double[] MaxDistances(double[,] z)
    {
        int n = Observations(z);
        var md = new double[n - 1];
        // Children always have smaller row numbers than their parent, so one forward pass suffices.
        for (int k = 0; k < n - 1; k++)
        {
            double m = z[k, 2];
            int a = (int)z[k, 0], b = (int)z[k, 1];
            if (a >= n && md[a - n] > m) m = md[a - n];
            if (b >= n && md[b - n] > m) m = md[b - n];
            md[k] = m;
        }
        return md;
    }

    /// <summary><c>fcluster(Z, t, criterion='distance')</c>: points whose cophenetic distance is ≤ t share a cluster.
    /// Labels are 1-based and numbered in scipy's traversal order.</summary>
    public static int[] ClustersByDistance(double[,] z, double threshold)
    {
        if (double.IsNaN(threshold))
            throw new InvalidParameterException("threshold", "is NaN; give a distance threshold ≥ 0.");
        return Monocrit(z, MaxDistances(z), threshold);
    }

    /// <summary><c>fcluster(Z, k, criterion='maxclust')</c>: the lowest cut giving at most <paramref name="maxClusters"/>
    /// clusters (fewer when tied merges allow no cut with exactly k). Labels 1-based, scipy's numbering.</summary>
    public static int[] ClustersByCount(double[,] z, int maxClusters)
    {
        int n = Observations(z);
        if (maxClusters < 1)
            throw new InvalidParameterException("num-clusters", $"is {maxClusters}; ask for at least 1 cluster.");
        if (maxClusters >= n)
        {
            var all = new int[n];
            for (int i = 0; i < n; i++) all[i] = i + 1;
            return all;
        }
        var md = MaxDistances(z);
        // Binary search over the (non-decreasing) subtree maxima for the smallest one giving ≤ k clusters,
        // as scipy's cluster_maxclust_monocrit does.
        int lower = -1, upper = n - 1;
        while (upper - lower > 1)
        {
            int i = (lower + upper) >> 1;
            if (CountClusters(z, md, md[i], n, maxClusters) > maxClusters) lower = i; else upper = i;
        }
        return Monocrit(z, md, md[Math.Min(upper, n - 2)]);
    }

    /// <summary>Order of the leaves in the dendrogram, left to right (<c>leaves_list</c>).</summary>
    public static int[] LeavesList(double[,] z)
    {
        int n = Observations(z);
        var result = new List<int>(n);
        var stack = new Stack<int>();
        stack.Push(2 * n - 2);
        while (stack.Count > 0)
        {
            int node = stack.Pop();
            if (node < n) { result.Add(node); continue; }
            stack.Push((int)z[node - n, 1]);
            stack.Push((int)z[node - n, 0]);
        }
        return result.ToArray();
    }

    /// <summary>Number of clusters at a threshold, stopping once it exceeds <paramref name="limit"/>.</summary>
    private static int CountClusters(double[,] z, double[] md, double threshold, int n, int limit)
    {
        int nc = 0;
        var stack = new Stack<int>();
        stack.Push(2 * n - 2);
        while (stack.Count > 0 && nc <= limit)
        {
            int node = stack.Pop();
            if (node < n || md[node - n] <= threshold) { nc++; continue; }
            stack.Push((int)z[node - n, 1]);
            stack.Push((int)z[node - n, 0]);
        }
        return nc;
    }

    /// <summary>scipy's <c>cluster_monocrit</c>: depth-first from the root (left subtree, then right subtree, then the
    /// node's own leaf children); a node whose criterion is ≤ the cutoff starts a cluster holding all its leaves.
    /// Numbering follows that visiting order, so labels equal scipy's, not just the partition.</summary>
    private static int[] Monocrit(double[,] z, double[] mc, double cutoff)
    {
        int n = z.GetLength(0) + 1;
        var t = new int[n];
        var visited = new bool[2 * n - 1];
        var stack = new int[n];
        int k = 0, nCluster = 0, leader = -1;
        stack[0] = 2 * n - 2;
        while (k >= 0)
        {
            int root = stack[k] - n;
            int lc = (int)z[root, 0], rc = (int)z[root, 1];
            if (leader == -1 && mc[root] <= cutoff) { leader = root; nCluster++; }
            if (lc >= n && !visited[lc]) { visited[lc] = true; stack[++k] = lc; continue; }
            if (rc >= n && !visited[rc]) { visited[rc] = true; stack[++k] = rc; continue; }
            if (lc < n) { if (leader == -1) nCluster++; t[lc] = nCluster; }
            if (rc < n) { if (leader == -1) nCluster++; t[rc] = nCluster; }
            if (leader == root) leader = -1;
            k--;
        }
        return t;
    }
}
