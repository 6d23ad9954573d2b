using ResearchKit.Audio;
using ResearchKit.Features;
using ResearchKit.IO;
using ResearchKit.Models;

namespace ResearchKit.Tests.Models;

/// <summary>
/// The NeMo (TitaNet) embedding contract end to end: audio → our <see cref="NeMoMel"/> (TitaNet preset) → pad_to-16 batch
/// with the valid length → ONNX, versus NeMo's front end re-implemented in PyTorch → the same model in PyTorch
/// (tests/fixtures/nemo-mel/make_nemo_mel.py). The tiny model pools over the valid frames and over all frames, so a
/// wrong length or missing pad_to frames changes the embedding.
/// </summary>
public class NeMoEmbedderTests
{
    private static string F(string name) => Fixtures.Path("nemo-mel", name);
    private static List<Signal> Segments() =>
        Enumerable.Range(0, 3).Select(i => new Signal(Npy.Read(F($"segment_{i}.npy")).ToFloatArray(), 16000)).ToList();

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void TitaNetFrontEnd_EndToEnd_MatchesPyTorch(int batch)
    {
        using var e = OnnxSpeakerEmbedder.Nemo(F("nemo_pad_tiny.onnx"), NeMoMelOptions.TitaNet, new EmbeddingOptions(BatchSize: batch));
        Assert.Equal(16, e.Dimension);
        EmbedderContractTests.AssertClose(Npy.Read(F("nemo25_embs.npy")).ToFloatMatrix(), e.Embed(Segments()));
    }

    [Fact]
    public void WithoutPadTo_EmbeddingsDiffer()
    {
        // Guards the test above: the model does see the pad_to frames.
        using var e = OnnxSpeakerEmbedder.Nemo(F("nemo_pad_tiny.onnx"), NeMoMelOptions.TitaNet with { PadTo = 0 });
        var got = e.Embed(Segments());
        var reference = Npy.Read(F("nemo25_embs.npy")).ToFloatMatrix();
        double worst = 0;
        for (int j = 0; j < 16; j++) worst = Math.Max(worst, Math.Abs(got[0, j] - reference[0, j]));
        Assert.True(worst > 1e-3, $"max |diff| {worst:g3}: the pad_to frames made no difference");
    }
}
