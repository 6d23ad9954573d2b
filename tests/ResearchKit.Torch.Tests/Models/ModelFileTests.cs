using System.Text.Json;
using ResearchKit.Torch.Architectures;
using ResearchKit.Torch.Checkpoints;
using ResearchKit.Torch.Models;
using static TorchSharp.torch;

namespace ResearchKit.Torch.Tests.Models;

public class ModelFileTests
{
    private static ModelInfo TinyInfo => new(TorchFixtures.Arch("tiny_xvector"), "WeSpeakerFbank80", 16000, "test");

    [Fact]
    public void SaveLoadRoundTripGivesIdenticalEmbeddings()
    {
        var path = Path.Combine(ResearchKit.Tests.Fixtures.TempDir(), "m.safetensors");
        using var net = TinyInfo.Architecture.Create();
        CheckpointImport.Load(net, TorchFixtures.File("tiny_xvector.pt"), ImportOptions.Exact);
        net.eval();
        ModelFile.Save(path, net, TinyInfo);
        var (loaded, info) = ModelFile.Load(path);
        Assert.Equal(TinyInfo.Architecture, info.Architecture);
        using var g = no_grad();
        var x = TorchFixtures.Npy("feats.npy");
        Assert.Equal(net.Embed(x).data<float>().ToArray(), loaded.Embed(x).data<float>().ToArray());
        loaded.Dispose();
    }

    [Fact]
    public void AModelFileFromAnIncompatibleArchitectureIsRejected()
    {
        // Bad input: the weights of the tiny x-vector under metadata that declares the 256/768/192 x-vector.
        var path = Path.Combine(ResearchKit.Tests.Fixtures.TempDir(), "wrong.safetensors");
        using var net = TinyInfo.Architecture.Create();
        SafeTensorsFile.Write(path, net.state_dict(), new Dictionary<string, string>
        {
            ["researchkit.model"] = JsonSerializer.Serialize(TinyInfo with { Architecture = EmbeddingArchitecture.XVectorSmall }),
        });
        var ex = Assert.Throws<InvalidInputFileException>(() => ModelFile.Load(path));
        Assert.Contains(path, ex.Message);
        Assert.Contains("incompatible architecture", ex.Message);
        Assert.Contains("mis-shaped", ex.Message);
    }

    [Fact]
    public void ASafetensorsFileWithoutModelMetadataIsRejected()
    {
        var path = TorchFixtures.File("xvector.safetensors");
        var ex = Assert.Throws<InvalidInputFileException>(() => ModelFile.Load(path));
        Assert.Contains("not a ResearchKit model file", ex.Message);
    }
}
