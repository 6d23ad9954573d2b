namespace ResearchKit.Scoring;

/// <summary>
/// Optimal one-to-one assignment (Hungarian / Kuhn–Munkres with potentials, O(n²m)) on a rectangular cost
/// matrix: the same problem as scipy's <c>linear_sum_assignment</c>. Used for md-eval's speaker mapping
/// (maximum co-speaking time) and dscore's JER mapping (minimum per-speaker Jaccard error).
/// </summary>
public static class LinearAssignment
{
    /// <summary>
    /// Minimises the total cost. Returns, for each row, the assigned column or -1 (when there are more rows than
    /// columns, some rows stay unassigned). Among optimal assignments the result is deterministic but may differ from
    /// scipy's on ties; the optimal total is the same.
    /// </summary>
    public static int[] Minimize(double[,] cost)
    {
        int rows = cost.GetLength(0), cols = cost.GetLength(1);
        if (rows == 0 || cols == 0) return Enumerable.Repeat(-1, rows).ToArray();
        foreach (var c in cost)
            if (!double.IsFinite(c)) throw new InvalidParameterException("cost", "the assignment cost matrix contains NaN or infinite entries.");
        if (rows <= cols) return Solve(rows, cols, (i, j) => cost[i, j]);
        var colToRow = Solve(cols, rows, (i, j) => cost[j, i]);
        var result = Enumerable.Repeat(-1, rows).ToArray();
        for (int j = 0; j < cols; j++) if (colToRow[j] >= 0) result[colToRow[j]] = j;
        return result;
    }

    /// <summary>Maximises the total weight (e.g. overlap in seconds); same conventions as <see cref="Minimize"/>.</summary>
    public static int[] Maximize(double[,] weight)
    {
        var c = (double[,])weight.Clone();
        for (int i = 0; i < c.GetLength(0); i++)
            for (int j = 0; j < c.GetLength(1); j++) c[i, j] = -c[i, j];
        return Minimize(c);
    }

    // n <= m. Classic shortest-augmenting-path Hungarian with row/column potentials (1-based internally).
    private static int[] Solve(int n, int m, Func<int, int, double> a)
    {
        var u = new double[n + 1];
        var v = new double[m + 1];
        var p = new int[m + 1];     // p[j] = row matched to column j (0 = none)
        var way = new int[m + 1];
        var minv = new double[m + 1];
        var used = new bool[m + 1];
        for (int i = 1; i <= n; i++)
        {
            p[0] = i;
            int j0 = 0;
            Array.Fill(minv, double.PositiveInfinity);
            Array.Fill(used, false);
            do
            {
                used[j0] = true;
                int i0 = p[j0], j1 = 0;
                double delta = double.PositiveInfinity;
                for (int j = 1; j <= m; j++)
                {
                    if (used[j]) continue;
                    double cur = a(i0 - 1, j - 1) - u[i0] - v[j];
                    if (cur < minv[j]) { minv[j] = cur; way[j] = j0; }
                    if (minv[j] < delta) { delta = minv[j]; j1 = j; }
                }
                for (int j = 0; j <= m; j++)
                {
                    if (used[j]) { u[p[j]] += delta; v[j] -= delta; }
                    else minv[j] -= delta;
                }
                j0 = j1;
            } while (p[j0] != 0);
            do
            {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        var rowToCol = Enumerable.Repeat(-1, n).ToArray();
        for (int j = 1; j <= m; j++) if (p[j] != 0) rowToCol[p[j] - 1] = j - 1;
        return rowToCol;
    }
}
