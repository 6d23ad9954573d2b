namespace ResearchKit.Benchmarks.Models;

/// <summary>Locates repository fixtures and the benchmark-only model from the benchmark's output folder.</summary>
internal static class BenchPaths
{
    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ResearchKit.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("ResearchKit.sln not found above " + AppContext.BaseDirectory);
    }

    public static string Fixture(params string[] parts) => Path.Combine([RepoRoot(), "tests", "fixtures", .. parts]);

    /// <summary>
    /// The random-weight WeSpeaker ResNet34 ONNX (pyannote 3.1 size) that Torch/make_models.py builds with the PyTorch twin
    /// (tests/fixtures/torch/twin.py): resnet34.onnx in <see cref="Torch.TorchSpeed.ModelDir"/> (RK_TORCH_BENCH_DIR);
    /// RK_RESNET34_ONNX overrides the path.
    /// </summary>
    public static string ResNet34Model()
    {
        var p = Environment.GetEnvironmentVariable("RK_RESNET34_ONNX") ?? Path.Combine(Torch.TorchSpeed.ModelDir(), "resnet34.onnx");
        if (!File.Exists(p))
            throw new FileNotFoundException($"{p} not found: run `/usr/bin/python3 tests/ResearchKit.Benchmarks/Torch/make_models.py` first.");
        return p;
    }
}
