using System.CommandLine;
using System.Globalization;
using ResearchKit.Clustering;
using ResearchKit.IO;
using ResearchKit.Torch.Linalg;

namespace ResearchKit.Cli.Commands;

/// <summary><c>researchkit cluster</c>: clusters an embedding matrix with AHC, spectral, k-means, online or graph grouping.</summary>
internal static class ClusterCommand
{
    public static Command Create()
    {
        var input = new Option<string>("--input") { Description = "Embeddings: .npy, .npz or .csv, one vector per row.", Required = true };
        var key = new Option<string?>("--key") { Description = "Array name inside an .npz holding several." };
        var method = new Option<string>("--method") { Description = "ahc | spectral | kmeans | online | graph.", Required = true };
        var preset = new Option<string?>("--preset") { Description = "pyannote31 (ahc), malaya | icassp2018 | turntodiarize (spectral), malaya (online, graph)." };
        var linkage = new Option<string?>("--linkage") { Description = "single | complete | average | weighted | centroid | median | ward (ahc; default average)." };
        var threshold = new Option<double[]>("--threshold") { Description = "Distance cut (ahc) or similarity threshold (online; graph accepts several).", AllowMultipleArgumentsPerToken = true };
        var numClusters = new Option<int?>("--num-clusters") { Description = "Exact number of clusters." };
        var min = new Option<int?>("--min") { Description = "Minimum number of clusters." };
        var max = new Option<int?>("--max") { Description = "Maximum number of clusters." };
        var metric = new Option<string?>("--metric") { Description = "cosine | euclidean (ahc; default euclidean, pyannote31 cosine)." };
        var scale = new Option<string?>("--scale") { Description = "Similarity scale for online/graph: cosine | malaya ((cos+1)/2)." };
        var minClusterSize = new Option<int?>("--min-cluster-size") { Description = "pyannote 3.1 small-cluster reassignment (ahc)." };
        var seed = new Option<uint>("--seed") { Description = "k-means++ seed (sklearn random_state).", DefaultValueFactory = _ => 0 };
        var nInit = new Option<int>("--n-init") { Description = "k-means restarts.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "labels.csv (header index,label).", Required = true };
        var dendrogram = new Option<string?>("--dendrogram") { Description = "Write the AHC linkage matrix (scipy layout) to this .npy." };
        var eigensolver = new Option<string?>("--eigensolver") { Description = "Spectral: managed (MathNet, default) | torch (LAPACK through libtorch, much faster for thousands of rows)." };
        var cmd = new Command("cluster", "Cluster embeddings (scipy/sklearn/spectralcluster-identical) and write labels.csv.")
        {
            input, key, method, preset, linkage, threshold, numClusters, min, max, metric, scale, minClusterSize, seed, nInit, output, dendrogram, eigensolver,
        };
        cmd.SetAction(r =>
        {
            string inPath = r.GetValue(input)!, outPath = r.GetValue(output)!;
            OutputLocation.RequireNotBeside(outPath, inPath);
            string? dendroPath = r.GetValue(dendrogram);
            if (dendroPath is not null) OutputLocation.RequireNotBeside(dendroPath, inPath);
            var x = ClusteringFiles.ReadMatrix(inPath, r.GetValue(key));
            var count = Count(r.GetValue(numClusters), r.GetValue(min), r.GetValue(max));
            var thresholds = r.GetValue(threshold) ?? [];
            string m = (r.GetValue(method) ?? "").ToLowerInvariant();
            string? p = r.GetValue(preset)?.ToLowerInvariant();
            switch (m)
            {
                case "ahc":
                {
                    var o = p switch
                    {
                        null => new AhcOptions(),
                        "pyannote31" => AhcOptions.Pyannote31,
                        _ => throw new InvalidParameterException("--preset", $"'{p}' is not an ahc preset; use pyannote31."),
                    };
                    if (r.GetValue(linkage) is { } l) o = o with { Method = ParseEnum<LinkageMethod>(l, "--linkage") };
                    if (r.GetValue(metric) is { } me) o = o with { Metric = ParseEnum<DistanceMetric>(me, "--metric") };
                    if (thresholds.Length > 0) o = o with { Threshold = thresholds[0] };
                    if (r.GetValue(minClusterSize) is int mcs) o = o with { MinClusterSize = mcs };
                    var res = new AgglomerativeClustering(o).Run(x, count);
                    ClusteringFiles.WriteLabels(outPath, [res.Labels]);
                    if (dendroPath is not null) Npy.Write(dendroPath, res.LinkageMatrix);
                    Console.WriteLine($"{res.NumClusters} clusters from {x.GetLength(0)} rows ({o.Method.ToString().ToLowerInvariant()} linkage) -> {outPath}");
                    break;
                }
                case "spectral":
                {
                    var o = p switch
                    {
                        null or "malaya" => SpectralOptions.Malaya,
                        "icassp2018" => SpectralOptions.Icassp2018,
                        "turntodiarize" => SpectralOptions.TurnToDiarize,
                        _ => throw new InvalidParameterException("--preset", $"'{p}' is not a spectral preset; use malaya, icassp2018 or turntodiarize."),
                    };
                    ISymmetricEigensolver? dense = r.GetValue(eigensolver)?.ToLowerInvariant() switch
                    {
                        null or "managed" => null,
                        "torch" => TorchSymmetricEigensolver.Instance,
                        var other => throw new InvalidParameterException("--eigensolver", $"'{other}' is not an eigensolver; use managed or torch."),
                    };
                    var res = new SpectralClustering(o with { Seed = r.GetValue(seed), DenseSolver = dense }).Run(x, count);
                    ClusteringFiles.WriteLabels(outPath, [res.Labels]);
                    Console.WriteLine($"{res.ChosenK} clusters (max eigengap {res.MaxEigengap.ToString("G6", CultureInfo.InvariantCulture)}) -> {outPath}");
                    break;
                }
                case "kmeans":
                {
                    int k = r.GetValue(numClusters) ?? throw new InvalidParameterException("--num-clusters", "k-means needs the number of clusters; pass --num-clusters k.");
                    var res = new KMeans(new KMeansOptions(k, r.GetValue(nInit), Seed: r.GetValue(seed))).Fit(x);
                    ClusteringFiles.WriteLabels(outPath, [res.Labels]);
                    Console.WriteLine($"{k} clusters, inertia {res.Inertia.ToString("G8", CultureInfo.InvariantCulture)}, {res.Iterations} iterations -> {outPath}");
                    break;
                }
                case "online":
                {
                    var o = p == "malaya" ? OnlineOptions.Malaya : new OnlineOptions(thresholds.Length > 0 ? thresholds[0]
                        : throw new InvalidParameterException("--threshold", "online clustering needs a similarity threshold (or --preset malaya)."));
                    if (r.GetValue(scale) is { } s) o = o with { Scale = SimilarityScales.Parse(s) };
                    if (p == "malaya" && thresholds.Length > 0) o = o with { Threshold = thresholds[0] };
                    if (r.GetValue(max) is int mx) o = o with { MaxClusters = mx };
                    var res = new OnlineClustering(o).Run(x);
                    ClusteringFiles.WriteLabels(outPath, [res.Labels]);
                    Console.WriteLine($"{res.NumClusters} clusters -> {outPath}");
                    break;
                }
                case "graph":
                {
                    var o = p == "malaya" || thresholds.Length == 0 ? GraphGroupingOptions.Malaya : new GraphGroupingOptions(thresholds);
                    if (thresholds.Length > 0) o = o with { Thresholds = thresholds };
                    if (r.GetValue(scale) is { } s) o = o with { Scale = SimilarityScales.Parse(s) };
                    var res = new GraphGrouping(o).Run(x);
                    var names = res.Count == 1 ? ["label"] : res.Select(g => "label@" + g.Threshold.ToString(CultureInfo.InvariantCulture)).ToArray();
                    ClusteringFiles.WriteLabels(outPath, res.Select(g => g.Labels).ToArray(), names);
                    foreach (var g in res) Console.WriteLine($"threshold {g.Threshold.ToString(CultureInfo.InvariantCulture)}: {g.Components.Length} groups, {g.Edges} edges");
                    break;
                }
                default:
                    throw new InvalidParameterException("--method", $"'{m}' is not a method; use ahc, spectral, kmeans, online or graph.");
            }
            return 0;
        });
        return cmd;
    }

    private static SpeakerCount? Count(int? exact, int? min, int? max)
    {
        if (exact is int k)
        {
            if (min is not null || max is not null)
                throw new InvalidParameterException("--num-clusters", "give either --num-clusters or --min/--max, not both.");
            return SpeakerCount.Exactly(k);
        }
        if (min is null && max is null) return null;
        var c = new SpeakerCount(min, max);
        if (min is not null && max is not null && min > max)
            throw new InvalidParameterException("--min", $"--min {min} is greater than --max {max}; swap them.");
        return c;
    }

    private static T ParseEnum<T>(string s, string option) where T : struct, Enum =>
        Enum.TryParse<T>(s, true, out var v) ? v
            : throw new InvalidParameterException(option, $"'{s}' is not valid; use one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}.");
}
