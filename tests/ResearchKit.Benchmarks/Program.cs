using BenchmarkDotNet.Running;

namespace ResearchKit.Benchmarks;

/// <summary>Runs benchmarks: <c>dotnet run -c Release --project tests/ResearchKit.Benchmarks -- --filter '*'</c>.</summary>
public static class Program
{
    public static void Main(string[] args)
    {
        // `-- features-rt`: ResearchKit vs torchaudio feature speed, side by side (Features/FeaturesRealTime.cs).
        if (args.Length > 0 && args[0] == "features-rt") { Features.FeaturesRealTime.Run(); return; }
        // `-- onnx-bench [embed|vad|all]`: issue 13 speed checks, wrapper vs bare ORT interleaved (Models/OnnxBench.cs).
        if (args.Length > 0 && args[0] == "onnx-bench") { Models.OnnxBench.Run(args[1..]); return; }
        // `-- clustering-vs-scipy [n_ahc n_kmeans n_spectral]`: AHC/k-means/spectral vs scipy/sklearn/spectralcluster on the same data (Clustering/ClusteringVsScipy.cs).
        if (args.Length > 0 && args[0] == "clustering-vs-scipy") { Clustering.ClusteringVsScipy.Run(args); return; }
        // `-- ahc-phases [n …]`: AHC time split into validation, distance fill and linkage loop (Clustering/AhcPhases.cs).
        if (args.Length > 0 && args[0] == "ahc-phases") { Clustering.AhcPhases.Run(args[1..]); return; }
        // `-- torch-speed [--arch a,b] [--path p,q] [--batch 1,32] [--threads 1,2] [--windows N]`: TorchSharp/TorchScript/ONNX
        // embeddings per second (Torch/TorchSpeed.cs). `-- torch-train [folder]`: one training epoch (Torch/TorchTrainEpoch.cs).
        if (args.Length > 0 && args[0] == "torch-speed") { Torch.TorchSpeed.Run(args); return; }
        if (args.Length > 0 && args[0] == "torch-train") { Torch.TorchTrainEpoch.Run(args); return; }
        if (args.Length > 0 && args[0] == "torch-gap") { Torch.TorchGap.Run(args); return; }
        // `-- pipeline-scale [minutes …]`: windows pipeline on long looped input, wall time / RTF / peak memory (Pipelines/PipelineScale.cs).
        if (args.Length > 0 && args[0] == "pipeline-scale") { Pipelines.PipelineScale.Run(args[1..]); return; }
        if (args.Length > 1 && args[0] == "pipeline-scale-one") { Pipelines.PipelineScale.RunOne(double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture)); return; }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
