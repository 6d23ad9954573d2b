namespace ResearchKit.Clustering;

/// <summary>
/// A full eigendecomposition of a real symmetric matrix, for spectral clustering's dense path
/// (<see cref="SpectralOptions.DenseSolver"/>). The default is MathNet.Numerics' managed solver; ResearchKit.Torch's
/// <c>TorchSymmetricEigensolver</c> runs LAPACK through libtorch, about 20× faster at n = 3 000.
/// </summary>
public interface ISymmetricEigensolver
{
    /// <summary>Short name for logs and result descriptions.</summary>
    string Name { get; }

    /// <summary>All eigenpairs of <paramref name="symmetric"/> (n×n, exactly symmetric): eigenvalues in ascending order
    /// and the matching unit eigenvectors as the columns of an n×n matrix.</summary>
    (double[] Values, double[,] Vectors) Decompose(double[,] symmetric);
}
