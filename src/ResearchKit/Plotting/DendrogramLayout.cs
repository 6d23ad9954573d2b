using ResearchKit.Clustering;

namespace ResearchKit.Plotting;

/// <summary>
/// Link coordinates of a dendrogram drawn from a scipy linkage matrix, as <c>scipy.cluster.hierarchy.dendrogram</c>
/// computes them (no_plot=True, default ordering): leaf k of the left-to-right order sits at x = 5 + 10k; each merge
/// is a ∩ from its left child's x/height up to the merge height and down to its right child; a cluster's x is the
/// midpoint of its children's; links are listed in post-order (left subtree, right subtree, then the merge).
/// </summary>
public sealed class DendrogramLayout
{
    /// <summary>x of each link's four points (scipy <c>icoord</c>).</summary>
    public IReadOnlyList<double[]> ICoord { get; }
    /// <summary>Height of each link's four points (scipy <c>dcoord</c>).</summary>
    public IReadOnlyList<double[]> DCoord { get; }
    /// <summary>Leaves (observation indices) left to right (scipy <c>leaves</c>).</summary>
    public IReadOnlyList<int> Leaves { get; }
    /// <summary>Linkage row of each link (same order as <see cref="ICoord"/>).</summary>
    public IReadOnlyList<int> Rows { get; }

    private DendrogramLayout(List<double[]> i, List<double[]> d, List<int> leaves, List<int> rows) { ICoord = i; DCoord = d; Leaves = leaves; Rows = rows; }

    /// <summary>Computes the layout of linkage matrix <paramref name="z"/> ((n−1) × 4, scipy format).</summary>
    public static DendrogramLayout Compute(double[,] z)
    {
        int n = Dendrogram.Observations(z);
        var ic = new List<double[]>(n - 1); var dc = new List<double[]>(n - 1); var leaves = new List<int>(n); var rows = new List<int>(n - 1);
        // Iterative post-order walk (deep trees of thousands of leaves must not overflow the stack).
        var x = new Dictionary<int, double>();
        var stack = new Stack<(int Node, bool Expanded)>();
        stack.Push((2 * n - 2, false));
        while (stack.Count > 0)
        {
            var (node, expanded) = stack.Pop();
            if (node < n) { x[node] = 5 + 10 * leaves.Count; leaves.Add(node); continue; }
            int k = node - n;
            int a = (int)z[k, 0], b = (int)z[k, 1];
            if (a < 0 || b < 0 || a >= node || b >= node)
                throw new InvalidParameterException("linkage", $"row {k} merges clusters {a} and {b}, which do not exist before cluster {node}; pass a scipy-format linkage matrix.");
            if (!expanded)
            {
                stack.Push((node, true)); stack.Push((b, false)); stack.Push((a, false));
                continue;
            }
            double ha = a < n ? 0 : z[a - n, 2], hb = b < n ? 0 : z[b - n, 2], h = z[k, 2];
            ic.Add([x[a], x[a], x[b], x[b]]);
            dc.Add([ha, h, h, hb]);
            rows.Add(k);
            x[node] = (x[a] + x[b]) / 2;
        }
        return new DendrogramLayout(ic, dc, leaves, rows);
    }
}
