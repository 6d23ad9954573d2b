using ResearchKit.IO;

namespace ResearchKit.Tests.Cli;

public class FeaturesCommandTests
{
    [Fact]
    public void Kaldi_fbank_on_the_bundled_clip_writes_the_reference_matrix()
    {
        string outPath = Path.Combine(Fixtures.TempDir(), "fbank.npy");
        int rc = ResearchKit.Cli.Program.Main(["features", Fixtures.Data("audio", "speech_m3.wav"), "--kind", "kaldi-fbank", "--out", outPath]);
        Assert.Equal(0, rc);
        var ours = Npy.Read(outPath);
        var reference = Npy.Read(Fixtures.Path("features", "kaldi_fbank80_speech_m3.npy"));
        Assert.Equal(reference.Shape, ours.Shape);
        Assert.Equal(NpyDType.Float32, ours.DType);
        for (int i = 0; i < ours.Data.Length; i++)
            Assert.True(Math.Abs(ours.Data[i] - reference.Data[i]) <= (reference.Data[i] >= 5 ? 1e-3 : 1e-2));
    }

    [Fact]
    public void Csv_output_has_one_row_per_frame()
    {
        string outPath = Path.Combine(Fixtures.TempDir(), "mfcc.csv");
        int rc = ResearchKit.Cli.Program.Main(["features", Fixtures.Data("audio", "speech_m3.wav"), "--kind", "kaldi-mfcc", "--out", outPath]);
        Assert.Equal(0, rc);
        var lines = File.ReadAllLines(outPath);
        Assert.Equal(419, lines.Length);
        Assert.All(lines, l => Assert.Equal(13, l.Split(',').Length));
    }

    [Fact]
    public void Errors_exit_non_zero_and_write_nothing()
    {
        string dir = Fixtures.TempDir(), outPath = Path.Combine(dir, "x.npy");
        int rc = ResearchKit.Cli.Program.Main(["features", Path.Combine(dir, "missing.wav"), "--kind", "kaldi-fbank", "--out", Path.Combine(Fixtures.TempDir(), "x.npy")]);
        Assert.Equal(2, rc);
        // writing next to the input is refused
        string input = Path.Combine(dir, "in.wav");
        File.Copy(Fixtures.Data("audio", "speech_m3.wav"), input);
        Assert.Equal(2, ResearchKit.Cli.Program.Main(["features", input, "--kind", "kaldi-fbank", "--out", outPath]));
        Assert.False(File.Exists(outPath));
    }
}
