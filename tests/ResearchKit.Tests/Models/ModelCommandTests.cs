using ResearchKit.Annotations;
using ResearchKit.IO;

namespace ResearchKit.Tests.Models;

/// <summary>The <c>researchkit vad</c> and <c>researchkit embed</c> commands end to end.</summary>
public class ModelCommandTests
{
    private static readonly string Sample = Fixtures.Path("vad", "sample.wav");

    // The four raw_segment_*.npy slices of sample.wav used by make_fixtures.py, as an RTTM (times exact in samples).
    private const string SegmentsRttm =
        "SPEAKER sample 1 13.125 2.500 <NA> <NA> B <NA> <NA>\n" +
        "SPEAKER sample 1 7.000 1.500 <NA> <NA> A <NA> <NA>\n" +
        "SPEAKER sample 1 8.750 1.500 <NA> <NA> B <NA> <NA>\n" +
        "SPEAKER sample 1 11.000 0.600 <NA> <NA> A <NA> <NA>\n";

    [Theory]
    [InlineData("energy", "speech.rttm")]
    [InlineData("silero", "speech.uem")]
    public void Vad_WritesSpeechMatchingTheReference(string model, string outName)
    {
        if (model == "silero") _ = SileroModel.V6Path; // acquire through the shared lazy first (lock-free for the test run)
        var outPath = Path.Combine(Fixtures.TempDir(), outName);
        Assert.Equal(0, ResearchKit.Cli.Program.Main(["vad", Sample, "--model", model, "--out", outPath]));
        var speech = outName.EndsWith(".uem") ? Uem.Read(outPath)["sample"]! : new Timeline(Rttm.Read(outPath).Turns.Select(t => t.Segment));
        var (miss, fa) = VadScoring.Score(VadScoring.ReadRttmUnion(Fixtures.Path("vad", "sample.rttm")), speech, 30.0);
        Assert.InRange(miss, 0, 8);
        Assert.InRange(fa, 0, 6);
    }

    [Theory]
    [InlineData("raw_tiny.onnx", "raw_embs.npy")]
    [InlineData("wespeaker_tiny.onnx", "wespeaker_e2e_embs.npy")]
    public void Embed_RttmSegments_InTimeOrder_MatchPyTorch(string model, string expected)
    {
        var dir = Fixtures.TempDir();
        var rttm = Path.Combine(dir, "segments.rttm");
        File.WriteAllText(rttm, SegmentsRttm);
        var outPath = Path.Combine(dir, "out", "e.npy");
        Assert.Equal(0, ResearchKit.Cli.Program.Main(["embed", Sample, "--model", Fixtures.Path("onnx", model), "--segments", rttm, "--out", outPath, "--batch", "2"]));
        EmbedderContractTests.AssertClose(Npy.Read(Fixtures.Path("onnx", expected)).ToFloatMatrix(), Npy.Read(outPath).ToFloatMatrix());
        var csv = File.ReadAllLines(Path.Combine(dir, "out", "e.csv"));
        Assert.Equal(["index,start_s,end_s,label", "0,7,8.5,A", "1,8.75,10.25,B", "2,11,11.6,A", "3,13.125,15.625,B"], csv);
    }

    [Fact]
    public void Embed_NeMoModel_UsesTitaNetFrontEnd_MatchesPyTorch()
    {
        // The three segment_*.npy slices of sample.wav in tests/fixtures/nemo-mel (7.0 s + 24000, 9.375 s + 37923,
        // 12.5 s + 8037 samples); contract auto-detected from processed_signal.
        var dir = Fixtures.TempDir();
        var rttm = Path.Combine(dir, "segments.rttm");
        File.WriteAllText(rttm,
            "SPEAKER sample 1 7.000 1.500 <NA> <NA> A <NA> <NA>\n" +
            "SPEAKER sample 1 9.375 2.3701875 <NA> <NA> B <NA> <NA>\n" +
            "SPEAKER sample 1 12.500 0.5023125 <NA> <NA> A <NA> <NA>\n");
        var outPath = Path.Combine(dir, "e.npy");
        Assert.Equal(0, ResearchKit.Cli.Program.Main(["embed", Sample, "--model", Fixtures.Path("nemo-mel", "nemo_pad_tiny.onnx"), "--segments", rttm, "--out", outPath]));
        EmbedderContractTests.AssertClose(Npy.Read(Fixtures.Path("nemo-mel", "nemo25_embs.npy")).ToFloatMatrix(), Npy.Read(outPath).ToFloatMatrix());
    }

    [Fact]
    public void Embed_Windows_Normalized_GivesUnitRows()
    {
        var outPath = Path.Combine(Fixtures.TempDir(), "e.npy");
        Assert.Equal(0, ResearchKit.Cli.Program.Main(["embed", Sample, "--model", Fixtures.Path("onnx", "raw_tiny.onnx"), "--window", "1.5", "--step", "0.75", "--normalize", "--out", outPath]));
        var e = Npy.Read(outPath).ToFloatMatrix();
        Assert.Equal(39, e.GetLength(0)); // windows at 0, 0.75, …, 28.5 s (28.5 + 1.5 = 30)
        for (int i = 0; i < e.GetLength(0); i++)
        {
            double n = 0;
            for (int j = 0; j < e.GetLength(1); j++) n += e[i, j] * e[i, j];
            Assert.Equal(1.0, n, 4);
        }
    }

    [Fact]
    public void Embed_EmptySegmentList_FailsWithoutOutput()
    {
        var dir = Fixtures.TempDir();
        var rttm = Path.Combine(dir, "empty.rttm");
        File.WriteAllText(rttm, "");
        var outPath = Path.Combine(dir, "out", "e.npy");
        Assert.Equal(2, ResearchKit.Cli.Program.Main(["embed", Sample, "--model", Fixtures.Path("onnx", "raw_tiny.onnx"), "--segments", rttm, "--out", outPath]));
        Assert.False(File.Exists(outPath));
    }

    [Fact]
    public void Embed_ContractMismatch_FailsWithoutOutput()
    {
        var outPath = Path.Combine(Fixtures.TempDir(), "e.npy");
        Assert.Equal(2, ResearchKit.Cli.Program.Main(["embed", Sample, "--model", Fixtures.Path("onnx", "raw_tiny.onnx"), "--contract", "wespeaker", "--window", "1.5", "--out", outPath]));
        Assert.False(File.Exists(outPath));
    }

    [Fact]
    public void Vad_RefusesToWriteIntoTheInputFolder()
    {
        var outPath = Fixtures.Path("vad", "speech-test-output.rttm");
        Assert.Equal(2, ResearchKit.Cli.Program.Main(["vad", Sample, "--model", "energy", "--out", outPath]));
        Assert.False(File.Exists(outPath));
    }
}
