namespace ResearchKit.Clustering;

/// <summary>Affinity refinement operations of Google's spectralcluster (<c>refinement.py</c>, <c>RefinementName</c>).</summary>
public enum RefinementStep
{
    /// <summary>Replace each diagonal element by the maximum of its row (diagonal zeroed first).</summary>
    CropDiagonal,
    /// <summary><c>scipy.ndimage.gaussian_filter(A, sigma)</c>: separable, truncate 4σ, 'reflect' borders.</summary>
    GaussianBlur,
    /// <summary>Multiply entries below a per-row threshold by the soft multiplier (optionally binarising the rest).</summary>
    RowWiseThreshold,
    /// <summary>max(A, Aᵀ) or (A + Aᵀ)/2.</summary>
    Symmetrize,
    /// <summary>A·Aᵀ.</summary>
    Diffuse,
    /// <summary>Divide each row by its maximum.</summary>
    RowWiseNormalize,
}

/// <summary>How <see cref="RefinementStep.RowWiseThreshold"/> picks each row's threshold.</summary>
public enum ThresholdType
{
    /// <summary>p × row maximum.</summary>
    RowMax,
    /// <summary>The p-th percentile of the row (numpy 'linear' interpolation).</summary>
    Percentile,
}

/// <summary>How <see cref="RefinementStep.Symmetrize"/> combines A and Aᵀ.</summary>
public enum SymmetrizeType
{
    /// <summary>Element-wise maximum.</summary>
    Max,
    /// <summary>Element-wise mean.</summary>
    Average,
}

/// <summary>Matrix whose eigenvectors give the spectral embedding (spectralcluster <c>LaplacianType</c>).</summary>
public enum LaplacianType
{
    /// <summary>The refined affinity itself, eigenvalues descending (spectralcluster <c>laplacian_type=None</c>).</summary>
    Affinity,
    /// <summary>L = D − A, eigenvalues ascending.</summary>
    Unnormalized,
    /// <summary>D⁻¹L (with 1e-10 added to the degrees), eigenvalues ascending.</summary>
    RandomWalk,
    /// <summary>D^−½ L D^−½ (with 1e-10 added to √degree), eigenvalues ascending.</summary>
    GraphCut,
}

/// <summary>Eigengap used to choose k (spectralcluster <c>EigenGapType</c>).</summary>
public enum EigenGapType
{
    /// <summary>λᵢ₋₁ / (λᵢ + 1e-10) (descending) or λᵢ₊₁ / (λᵢ + 1e-10) (ascending).</summary>
    Ratio,
    /// <summary>Difference of neighbouring eigenvalues divided by the largest eigenvalue.</summary>
    NormalizedDiff,
}

/// <summary>Quantity AutoTune minimises over p (spectralcluster <c>AutoTuneProxy</c>).</summary>
public enum AutoTuneProxy
{
    /// <summary>(1 − p) / max eigengap.</summary>
    PercentileOverNME,
    /// <summary>√(1 − p) / max eigengap.</summary>
    PercentileSqrtOverNME,
}

/// <summary>Distance of the k-means on the spectral embeddings (spectralcluster <c>custom_dist</c>).</summary>
public enum SpectralKMeansDistance
{
    /// <summary>scipy cdist 'cosine' (the library default).</summary>
    Cosine,
    /// <summary>scipy cdist 'euclidean'.</summary>
    Euclidean,
}

/// <summary>Which symmetric eigensolver <see cref="SpectralClustering"/> uses.</summary>
public enum SpectralEigensolver
{
    /// <summary><see cref="Lanczos"/> when n ≥ 1 000 and max clusters is set and ≤ 31; otherwise <see cref="Dense"/>.</summary>
    Auto,
    /// <summary>MathNet.Numerics' full eigendecomposition (every eigenpair, O(n³)); the result lists all eigenvalues.</summary>
    Dense,
    /// <summary><see cref="PartialEigen"/> (block Lanczos): only the max clusters + 1 leading eigenpairs, which are all
    /// the eigengap and the embedding read; the result lists those eigenvalues only. Needs max clusters. Falls back to
    /// <see cref="Dense"/> only under <see cref="Auto"/>, when the Krylov basis would exceed n/3 (many wanted eigenvalues inside the dense bulk of the spectrum).</summary>
    Lanczos,
}

/// <summary>spectralcluster <c>RefinementOptions</c>.</summary>
/// <param name="Sequence">Operations in order.</param>
/// <param name="GaussianBlurSigma">σ of <see cref="RefinementStep.GaussianBlur"/> (<c>gaussian_blur_sigma</c>).</param>
/// <param name="PPercentile">p of <see cref="RefinementStep.RowWiseThreshold"/> (<c>p_percentile</c>).</param>
/// <param name="SoftMultiplier">Factor for entries below the threshold (<c>thresholding_soft_multiplier</c>).</param>
/// <param name="ThresholdType"><c>thresholding_type</c>.</param>
/// <param name="Binarize">Entries at or above the threshold become 1 (<c>thresholding_with_binarization</c>).</param>
/// <param name="PreserveDiagonal">Zero the diagonal before thresholding and set it to 1 after (<c>thresholding_preserve_diagonal</c>).</param>
/// <param name="Symmetrize"><c>symmetrize_type</c>.</param>
public sealed record RefinementOptions(
    IReadOnlyList<RefinementStep> Sequence,
    double GaussianBlurSigma = 1,
    double PPercentile = 0.95,
    double SoftMultiplier = 0.01,
    ThresholdType ThresholdType = ThresholdType.RowMax,
    bool Binarize = false,
    bool PreserveDiagonal = false,
    SymmetrizeType Symmetrize = SymmetrizeType.Max)
{
    /// <summary>spectralcluster <c>ICASSP2018_REFINEMENT_SEQUENCE</c> with the ICASSP 2018 parameters.</summary>
    public static RefinementOptions Icassp2018 { get; } = new(
        [RefinementStep.CropDiagonal, RefinementStep.GaussianBlur, RefinementStep.RowWiseThreshold,
         RefinementStep.Symmetrize, RefinementStep.Diffuse, RefinementStep.RowWiseNormalize]);

    /// <summary>spectralcluster <c>turntodiarize_refinement_options</c>: percentile thresholding with binarisation and
    /// preserved diagonal, then average symmetrisation.</summary>
    public static RefinementOptions TurnToDiarize { get; } = new(
        [RefinementStep.RowWiseThreshold, RefinementStep.Symmetrize],
        ThresholdType: ThresholdType.Percentile, Binarize: true, PreserveDiagonal: true, Symmetrize: SymmetrizeType.Average);
}

/// <summary>spectralcluster <c>AutoTune</c> (Park et al. 2019, NME-SC): grid search of p_percentile.</summary>
/// <param name="PMin"><c>p_percentile_min</c>.</param>
/// <param name="PMax"><c>p_percentile_max</c>.</param>
/// <param name="InitSearchStep"><c>init_search_step</c>; the grid is numpy linspace(PMin, PMax, ceil((PMax−PMin)/step)).</param>
/// <param name="SearchLevel"><c>search_level</c>: rounds of local refinement with halved steps.</param>
/// <param name="Proxy"><c>proxy</c>.</param>
public sealed record AutoTuneOptions(double PMin = 0.60, double PMax = 0.95, double InitSearchStep = 0.01, int SearchLevel = 1,
    AutoTuneProxy Proxy = AutoTuneProxy.PercentileSqrtOverNME);

/// <summary>Options of <see cref="SpectralClustering"/>, named after spectralcluster 0.2.22's <c>SpectralClusterer</c>.</summary>
/// <param name="Refinement">Affinity refinement.</param>
/// <param name="MinClusters"><c>min_clusters</c>: lower bound applied after the eigengap.</param>
/// <param name="MaxClusters"><c>max_clusters</c>: eigengaps are searched up to this k.</param>
/// <param name="AutoTune">p_percentile search, or null.</param>
/// <param name="Laplacian"><c>laplacian_type</c>.</param>
/// <param name="StopEigenvalue"><c>stop_eigenvalue</c> (affinity eigengap only).</param>
/// <param name="RowWiseRenorm"><c>row_wise_renorm</c>: L2-normalise each spectral embedding row.</param>
/// <param name="KMeansDistance"><c>custom_dist</c>.</param>
/// <param name="MaxIter"><c>max_iter</c> of the custom k-means.</param>
/// <param name="EigenGap"><c>eigengap_type</c>.</param>
/// <param name="Seed">k-means++ seed (spectralcluster uses sklearn with random_state=0).</param>
/// <param name="KeepIntermediates">Return the affinity after every refinement step (n² doubles each).</param>
/// <param name="Eigensolver">Full or partial eigendecomposition (same k and labels; partial is much faster for large n).</param>
/// <param name="DenseSolver">Solver for full decompositions of symmetric matrices; null: MathNet.Numerics' managed one.
/// Asymmetric matrices always go to MathNet.</param>
public sealed record SpectralOptions(
    RefinementOptions Refinement,
    int? MinClusters = 2,
    int? MaxClusters = 10,
    AutoTuneOptions? AutoTune = null,
    LaplacianType Laplacian = LaplacianType.Affinity,
    double StopEigenvalue = 1e-2,
    bool RowWiseRenorm = false,
    SpectralKMeansDistance KMeansDistance = SpectralKMeansDistance.Cosine,
    int MaxIter = 300,
    EigenGapType EigenGap = EigenGapType.Ratio,
    uint Seed = 0,
    bool KeepIntermediates = false,
    SpectralEigensolver Eigensolver = SpectralEigensolver.Auto,
    ISymmetricEigensolver? DenseSolver = null)
{
    /// <summary>spectralcluster's <c>icassp2018_clusterer</c> (min 2, max 7 clusters, ICASSP 2018 refinement, affinity eigengap).</summary>
    public static SpectralOptions Icassp2018 { get; } = new(RefinementOptions.Icassp2018, 2, 7);

    /// <summary>The settings of the malaya-speech tutorial "Speaker Diarization using Features" (seed 001), which follow
    /// spectralcluster's README: <c>SpectralClusterer(min_clusters=2, max_clusters=100, p_percentile=0.95,
    /// gaussian_blur_sigma=1)</c>, i.e. the ICASSP 2018 refinement with RowMax thresholding (soft multiplier 0.01),
    /// eigengap on the refined affinity, cosine k-means.</summary>
    public static SpectralOptions Malaya { get; } = new(RefinementOptions.Icassp2018, 2, 100);

    /// <summary>spectralcluster's <c>turntodiarize_clusterer</c> without its ConstraintPropagation (which needs speaker
    /// turns): percentile thresholding + AutoTune(0.40…0.95, step 0.05), GraphCut Laplacian, row re-normalisation.</summary>
    public static SpectralOptions TurnToDiarize { get; } = new(RefinementOptions.TurnToDiarize, 2, 10,
        new AutoTuneOptions(0.40, 0.95, 0.05, 1), LaplacianType.GraphCut, RowWiseRenorm: true);
}
