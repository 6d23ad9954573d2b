using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using ResearchKit.Torch.Architectures;
using ResearchKit.Torch.Checkpoints;
using static TorchSharp.torch;

namespace ResearchKit.Torch.Tests.Architectures;

/// <summary>
/// The proof that each architecture is exactly the published one: random-weight PyTorch twins (tests/fixtures/torch/twin.py,
/// WeSpeaker parameter names) were saved with their outputs; TorchSharp must load the state_dict by name and match ≤ 1e-4.
/// </summary>
public class TwinParityTests
{
    private const float Tolerance = 1e-4f;

    private static EmbeddingNetwork Load(string name, string ext)
    {
        var net = TorchFixtures.Arch(name).Create();
        var report = CheckpointImport.Load(net, TorchFixtures.File($"{name}.{ext}"), ImportOptions.Exact);
        Assert.True(report.IsExact, report.Describe());
        net.eval();
        return net;
    }

    private static float[] Run(EmbeddingNetwork net, bool masked)
    {
        using var _ = NewDisposeScope();
        using var g = no_grad();
        var feats = TorchFixtures.Npy("feats.npy");
        var w = masked ? TorchFixtures.Npy("weights.npy") : null;
        return net.call(feats, w).data<float>().ToArray();
    }

    [Theory]
    [InlineData("xvector", "safetensors")]
    [InlineData("resnet34_m8", "pt")]
    [InlineData("ecapa_c32", "pt")]
    public void MatchesPyTorchTwin(string name, string ext)
    {
        var net = Load(name, ext);
        Assert.True(TorchFixtures.MaxAbsDiff(TorchFixtures.NpyFloats($"{name}_out.npy"), Run(net, false)) <= Tolerance);
    }

    [Theory]
    [InlineData("xvector", "safetensors")]
    [InlineData("resnet34_m8", "pt")]
    [InlineData("ecapa_c32", "pt")]
    public void MatchesPyTorchTwinWithFrameWeights(string name, string ext)
    {
        var net = Load(name, ext);
        var masked = Run(net, true);
        var diff = TorchFixtures.MaxAbsDiff(TorchFixtures.NpyFloats($"{name}_out_masked.npy"), masked);
        Assert.True(diff <= Tolerance, $"max abs diff {diff}");
        // The mask must matter for the masked item (row 1) and not for the unmasked one (row 0).
        var plain = TorchFixtures.NpyFloats($"{name}_out.npy");
        int d = plain.Length / 2;
        var row0 = TorchFixtures.MaxAbsDiff(plain[..d], masked[..d]);
        var row1 = TorchFixtures.MaxAbsDiff(plain[d..], masked[d..]);
        Assert.True(row0 <= Tolerance, $"unmasked row changed by {row0}");
        Assert.True(row1 > 5 * Tolerance, $"masked row changed only by {row1}");
    }

    [Theory]
    [InlineData("xvector")]
    [InlineData("resnet34_m8")]
    public void OnnxExportOfTheTwinMatchesTorchSharp(string name)
    {
        var net = Load(name, name == "xvector" ? "safetensors" : "pt");
        var ours = Run(net, false);
        var feats = ResearchKit.IO.Npy.Read(TorchFixtures.File("feats.npy"));
        using var opts = new SessionOptions { IntraOpNumThreads = 1 };
        using var session = new InferenceSession(TorchFixtures.File($"{name}.onnx"), opts);
        var input = new DenseTensor<float>(feats.ToFloatArray(), feats.Shape);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("feats", input)]);
        var ort = results.First().AsTensor<float>().ToArray();
        Assert.True(TorchFixtures.MaxAbsDiff(ort, ours) <= Tolerance);
    }

    [Theory]
    [InlineData("resnet34_pyannote31")]
    [InlineData("ecapa_glob_c512")]
    public void FullSizeConfigurationsHaveWeSpeakersNamesAndShapes(string name)
    {
        var entry = JsonNode.Parse(File.ReadAllText(TorchFixtures.File("full_size_shapes.json")))![name]!;
        var arch = JsonSerializer.Deserialize<EmbeddingArchitecture>(entry["arch"]!.ToJsonString())!;
        var expected = entry["state_dict"]!.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value!.AsArray().Select(x => x!.GetValue<long>()).ToArray());
        using var net = arch.Create();
        var ours = net.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.shape);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), ours.Keys.Order(StringComparer.Ordinal));
        foreach (var (k, shape) in expected) Assert.True(shape.SequenceEqual(ours[k]), k);
        Assert.Equal(entry["parameters"]!.GetValue<long>(), net.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void PresetsAreTheFixtureConfigurations()
    {
        var entry = JsonNode.Parse(File.ReadAllText(TorchFixtures.File("full_size_shapes.json")))!;
        Assert.Equal(EmbeddingArchitecture.ResNet34Pyannote31, JsonSerializer.Deserialize<EmbeddingArchitecture>(entry["resnet34_pyannote31"]!["arch"]!.ToJsonString()));
        Assert.Equal(EmbeddingArchitecture.EcapaTdnnGlobC512, JsonSerializer.Deserialize<EmbeddingArchitecture>(entry["ecapa_glob_c512"]!["arch"]!.ToJsonString()));
        Assert.Equal(EmbeddingArchitecture.XVectorSmall, TorchFixtures.Arch("xvector"));
    }
}
