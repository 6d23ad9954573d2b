using ResearchKit.Torch.Checkpoints;
using static TorchSharp.torch;

namespace ResearchKit.Torch.Tests.Checkpoints;

public class CheckpointImportTests
{
    [Fact]
    public void MissingUnexpectedAndMisShapedTensorsAreReportedByName()
    {
        // Bad input: tiny_xvector_bad.pt lacks frame_3.kernel.weight, adds frame_9.kernel.weight, and has seg_1.weight [8, 32] instead of [8, 64].
        using var net = TorchFixtures.Arch("tiny_xvector").Create();
        var path = TorchFixtures.File("tiny_xvector_bad.pt");
        var ex = Assert.Throws<InvalidInputFileException>(() => CheckpointImport.Load(net, path, ImportOptions.Exact));
        Assert.Contains(path, ex.Message);
        Assert.Contains("missing: frame_3.kernel.weight", ex.Message);
        Assert.Contains("unexpected: frame_9.kernel.weight", ex.Message);
        Assert.Contains("seg_1.weight: module [8, 64], checkpoint [8, 32]", ex.Message);

        var sd = CheckpointImport.ReadStateDict(path);
        var report = CheckpointImport.Compare(net, sd, ImportOptions.Exact);
        Assert.Equal(["frame_3.kernel.weight"], report.Missing);
        Assert.Equal(["frame_9.kernel.weight"], report.Unexpected);
        Assert.Equal("seg_1.weight", Assert.Single(report.Mismatched).Name);
        Assert.Equal(net.state_dict().Count - 2, report.Loaded.Count);
    }

    [Fact]
    public void NonStrictLoadCopiesTheMatchingPartAndReportsTheRest()
    {
        using var net = TorchFixtures.Arch("tiny_xvector").Create();
        var good = CheckpointImport.ReadStateDict(TorchFixtures.File("tiny_xvector.pt"));
        var report = CheckpointImport.Load(net, TorchFixtures.File("tiny_xvector_bad.pt"), ImportOptions.Exact with { Strict = false });
        Assert.False(report.IsExact);
        var sd = net.state_dict();
        Assert.True(sd["frame_1.kernel.weight"].allclose(good["frame_1.kernel.weight"], 0, 0));
        Assert.False(sd["frame_3.kernel.weight"].allclose(good["frame_3.kernel.weight"], 0, 0));
    }

    [Fact]
    public void PrefixStrippingAndIgnoredHeadsMatchWrapperCheckpoints()
    {
        using var net = TorchFixtures.Arch("tiny_xvector").Create();
        var sd = CheckpointImport.ReadStateDict(TorchFixtures.File("tiny_xvector.pt"));
        var wrapped = sd.ToDictionary(kv => "resnet." + kv.Key, kv => kv.Value);
        wrapped["projection.weight"] = zeros(10, 8);
        var report = CheckpointImport.Compare(net, wrapped, ImportOptions.Pyannote with { IgnorePrefixes = ["projection."] });
        Assert.True(report.IsExact, report.Describe());
        Assert.False(CheckpointImport.Compare(net, wrapped, ImportOptions.Exact).IsExact);
    }

    [Fact]
    public void ANestedCheckpointIsRejectedWithHowToSaveIt()
    {
        var path = TorchFixtures.File("tiny_xvector_nested.pt");
        var ex = Assert.Throws<InvalidInputFileException>(() => CheckpointImport.ReadStateDict(path));
        Assert.Contains(path, ex.Message);
        Assert.Contains("state_dict", ex.Message);
    }

    [Fact]
    public void ANonCheckpointFileIsRejected()
    {
        var path = TorchFixtures.File("tiny_xvector.json");
        var ex = Assert.Throws<InvalidInputFileException>(() => CheckpointImport.ReadStateDict(path));
        Assert.Contains(path, ex.Message);
        Assert.Throws<InvalidInputFileException>(() => CheckpointImport.ReadStateDict(TorchFixtures.File("does-not-exist.pt")));
    }
}
