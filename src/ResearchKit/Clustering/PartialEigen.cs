using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace ResearchKit.Clustering;

/// <summary>Leading eigenpairs of a symmetric matrix from <see cref="PartialEigen.Compute"/>.</summary>
/// <param name="Values">The requested eigenvalues, sorted from the wanted end (descending for the largest, ascending for the smallest).</param>
/// <param name="Vectors">n×count unit eigenvectors, column c belonging to <c>Values[c]</c> (signs arbitrary).</param>
/// <param name="Largest">The algebraically largest eigenvalue (equal to <c>Values[0]</c> when the largest were asked for).</param>
/// <param name="KrylovDimension">Size of the orthonormal Krylov basis the Ritz pairs came from.</param>
public sealed record PartialEigenResult(double[] Values, double[,] Vectors, double Largest, int KrylovDimension);

/// <summary>
/// The <c>count</c> algebraically largest (or smallest) eigenpairs of a dense symmetric matrix by block Lanczos with
/// full reorthogonalisation (classical Gram–Schmidt twice) and Rayleigh–Ritz on the whole basis. Cost O(n²·m) for a
/// Krylov dimension m of a few times <c>count</c>, against O(n³) for a full eigendecomposition; the matrix is read once
/// per block of <c>blockSize</c> vectors. Blocks also resolve eigenvalues of multiplicity up to the block size; an
/// exhausted Krylov space continues from fresh random vectors. Iterates until every wanted Ritz pair (and the
/// opposite extreme) has residual ‖A·y − θ·y‖ ≤ tolerance·‖A‖, at worst until the basis spans all of ℝⁿ (then exact).
/// Deterministic for a given seed (parallel loops write disjoint outputs; every sum has a fixed order).
/// </summary>
public static class PartialEigen
{
    /// <summary>Computes the leading eigenpairs of the symmetric n×n matrix <paramref name="a"/> (only its rows are
    /// read, so an almost symmetric matrix is treated as its symmetric part up to rounding).</summary>
    /// <param name="a">Symmetric matrix.</param>
    /// <param name="count">Number of eigenpairs, 1 … n.</param>
    /// <param name="largest">True for the largest eigenvalues, false for the smallest.</param>
    /// <param name="blockSize">Lanczos block size (vectors per pass over the matrix).</param>
    /// <param name="tolerance">Residual bound relative to the largest |Ritz value|.</param>
    /// <param name="seed">Seed of the random start block.</param>
    /// <param name="maxDimension">Give up (return null) when the Krylov basis reaches this size unconverged; null
    /// iterates up to n. Wanted eigenvalues inside a dense bulk of the spectrum need a basis close to n, where a full
    /// decomposition is cheaper.</param>
    /// <returns>The eigenpairs, or null when <paramref name="maxDimension"/> was reached first.</returns>
    /// <exception cref="InvalidParameterException">Non-square matrix or count outside 1 … n.</exception>
    public static PartialEigenResult? Compute(double[,] a, int count, bool largest, int blockSize = 8, double tolerance = 1e-12, int seed = 1,
        int? maxDimension = null)
    {
        int n = a.GetLength(0);
        if (a.GetLength(1) != n) throw new InvalidParameterException("matrix", $"is {n}×{a.GetLength(1)}; an eigenproblem needs a square matrix.");
        if (count < 1 || count > n) throw new InvalidParameterException("count", $"is {count}; ask for 1 … {n} eigenpairs.");
        if (blockSize < 1) throw new InvalidParameterException("block-size", $"is {blockSize}; use at least 1.");
        var rng = new Random(seed);
        var basis = new List<double[]>(); // orthonormal columns v_0, v_1, …
        var t = new double[0, 0];          // t[p, q] = v_pᵀ A v_q over the basis blocks already multiplied
        int blockStart = 0;
        // Start block: random vectors, orthonormalised.
        var start = new double[Math.Min(blockSize, n)][];
        for (int c = 0; c < start.Length; c++) start[c] = RandomVector(n, rng);
        AppendOrthonormal(basis, start, n, rng, 0);
        int nextCheck = Math.Min(n, count + 2 * blockSize);
        while (true)
        {
            int bj = basis.Count - blockStart;
            var w = MultiplyBlock(a, basis, blockStart, bj, n);
            int dim = basis.Count;
            t = Grow(t, dim);
            // First pass: the coefficients are the projection v_pᵀ A v_q itself (Rayleigh–Ritz on the full basis).
            var h = Coefficients(basis, w, dim);
            for (int c = 0; c < bj; c++)
            {
                int q = blockStart + c;
                for (int p = 0; p < blockStart; p++) { t[p, q] = h[p, c]; t[q, p] = h[p, c]; }
                for (int p = blockStart; p < dim; p++) t[p, q] = h[p, c];
            }
            for (int p = blockStart; p < dim; p++) // within the block: average the two rounded copies
                for (int q = p + 1; q < dim; q++) { double m = 0.5 * (t[p, q] + t[q, p]); t[p, q] = m; t[q, p] = m; }
            Subtract(basis, w, h, dim);
            Subtract(basis, w, Coefficients(basis, w, dim), dim); // second pass: full reorthogonalisation
            double normA = 0;
            for (int p = 0; p < dim; p++) normA = Math.Max(normA, Math.Abs(t[p, p]));
            // QR of the remainder gives the next block: W = V_next·R, so A·V = V·T + V_next·R·E_lastᵀ.
            int nb = Math.Min(blockSize, n - dim);
            double[,] r = nb > 0 ? AppendOrthonormal(basis, w.Take(nb).ToArray(), n, rng, Math.Max(normA, 1e-300), w) : new double[0, bj];
            // A truncated last block leaves R incomplete: no residual test until the basis is complete.
            if ((dim >= nextCheck && nb == bj) || nb == 0)
            {
                var (values, vectors, converged, top) = Ritz(t, dim, blockStart, bj, r, count, largest, tolerance, normA, nb == 0);
                if (converged) return new PartialEigenResult(values, RitzVectors(basis, vectors, n), top, dim);
                nextCheck = Math.Min(n, Math.Max(dim + blockSize, (int)(dim * 1.2)));
            }
            if (basis.Count >= maxDimension && basis.Count < n) return null;
            blockStart = dim;
        }
    }

    private static double[] RandomVector(int n, Random rng)
    {
        var v = new double[n];
        for (int i = 0; i < n; i++) v[i] = rng.NextDouble() - 0.5;
        return v;
    }

    private static double[,] Grow(double[,] t, int dim)
    {
        int old = t.GetLength(0);
        if (old >= dim) return t;
        var g = new double[Math.Max(dim, old * 2), Math.Max(dim, old * 2)];
        for (int p = 0; p < old; p++)
            for (int q = 0; q < old; q++) g[p, q] = t[p, q];
        return g;
    }

    /// <summary>W = A·[v_start … v_start+bj−1], rows in parallel: each matrix row is read once for the whole block.</summary>
    private static double[][] MultiplyBlock(double[,] a, List<double[]> basis, int start, int bj, int n)
    {
        var w = new double[bj][];
        for (int c = 0; c < bj; c++) w[c] = new double[n];
        var cols = basis.GetRange(start, bj).ToArray();
        Parallel.For(0, (n + 31) / 32, chunk =>
        {
            for (int i = chunk * 32, e = Math.Min(n, i + 32); i < e; i++)
            {
                var row = AffinityRefinement.Row(a, i);
                for (int c = 0; c < bj; c++) w[c][i] = TensorPrimitives.Dot(row, cols[c]);
            }
        });
        return w;
    }

    /// <summary>h[p, c] = v_pᵀ w_c for p &lt; dim.</summary>
    private static double[,] Coefficients(List<double[]> basis, double[][] w, int dim)
    {
        var h = new double[dim, w.Length];
        Parallel.For(0, dim, p =>
        {
            for (int c = 0; c < w.Length; c++) h[p, c] = TensorPrimitives.Dot(basis[p], w[c]);
        });
        return h;
    }

    /// <summary>w_c −= Σ_p h[p, c]·v_p, summed in p order.</summary>
    private static void Subtract(List<double[]> basis, double[][] w, double[,] h, int dim) =>
        Parallel.For(0, w.Length, c =>
        {
            for (int p = 0; p < dim; p++) TensorPrimitives.MultiplyAdd(basis[p], -h[p, c], w[c], w[c]);
        });

    /// <summary>Orthonormalises <paramref name="cols"/> against the basis and each other (Gram–Schmidt twice) and
    /// appends them. Returns R (new × <paramref name="rColumns"/>.Length) with cols = V_new·R; a column that is
    /// numerically in the span already (norm ≤ 1e-13·scale) is replaced by a fresh random direction with R's entry 0.</summary>
    private static double[,] AppendOrthonormal(List<double[]> basis, double[][] cols, int n, Random rng, double scale, double[][]? rColumns = null)
    {
        int first = basis.Count;
        var r = new double[cols.Length, rColumns?.Length ?? cols.Length];
        for (int c = 0; c < cols.Length; c++)
        {
            var v = cols[c];
            for (int pass = 0; pass < 2; pass++)
                for (int p = first; p < basis.Count; p++)
                {
                    double d = TensorPrimitives.Dot(basis[p], v);
                    TensorPrimitives.MultiplyAdd(basis[p], -d, v, v);
                    r[p - first, c] += d;
                }
            double norm = TensorPrimitives.Norm<double>(v);
            if (!(norm > 1e-13 * scale))
            {
                // Exhausted Krylov space (or a rank-deficient block): continue from a random direction.
                v = RandomVector(n, rng);
                for (int pass = 0; pass < 2; pass++)
                    for (int p = 0; p < basis.Count; p++) TensorPrimitives.MultiplyAdd(basis[p], -TensorPrimitives.Dot(basis[p], v), v, v);
                norm = TensorPrimitives.Norm<double>(v);
                r[c, c] = 0;
            }
            else r[c, c] = norm;
            TensorPrimitives.Divide(v, norm, v);
            basis.Add(v);
        }
        return r;
    }

    /// <summary>Ritz pairs of T; converged when every wanted pair and the opposite extreme have ‖R·s_last‖ ≤ tol·‖A‖.</summary>
    private static (double[] Values, double[,] S, bool Converged, double Top) Ritz(double[,] t, int dim, int lastStart, int lastSize,
        double[,] r, int count, bool largest, double tol, double normA, bool complete)
    {
        var tm = Matrix<double>.Build.Dense(dim, dim, (p, q) => t[p, q]);
        var evd = tm.Evd(Symmetricity.Symmetric);
        var theta = evd.EigenValues.Select(z => z.Real).ToArray();
        var s = evd.EigenVectors;
        var order = Enumerable.Range(0, dim).ToArray();
        var keys = theta.Select(v => largest ? -v : v).ToArray();
        Array.Sort(keys, order); // exact ties (measure zero) get an arbitrary but deterministic order
        double scale = Math.Max(normA, theta.Select(Math.Abs).Max());
        int topIndex = order[largest ? 0 : dim - 1];
        bool converged = true;
        if (!complete)
        {
            foreach (int idx in order.Take(count).Append(largest ? order[dim - 1] : order[0]))
            {
                double res = 0;
                for (int row = 0; row < r.GetLength(0); row++)
                {
                    double acc = 0;
                    for (int c = 0; c < lastSize; c++) acc += r[row, c] * s[lastStart + c, idx];
                    res += acc * acc;
                }
                if (Math.Sqrt(res) > tol * scale) { converged = false; break; }
            }
        }
        var values = new double[count];
        var sv = new double[dim, count];
        for (int w = 0; w < count; w++)
        {
            values[w] = theta[order[w]];
            for (int p = 0; p < dim; p++) sv[p, w] = s[p, order[w]];
        }
        return (values, sv, converged, theta[topIndex]);
    }

    private static double[,] RitzVectors(List<double[]> basis, double[,] s, int n)
    {
        int count = s.GetLength(1), dim = s.GetLength(0);
        var y = new double[n, count];
        Parallel.For(0, count, w =>
        {
            var col = new double[n];
            for (int p = 0; p < dim; p++) TensorPrimitives.MultiplyAdd(basis[p], s[p, w], col, col);
            double norm = TensorPrimitives.Norm<double>(col);
            for (int i = 0; i < n; i++) y[i, w] = col[i] / norm;
        });
        return y;
    }
}
