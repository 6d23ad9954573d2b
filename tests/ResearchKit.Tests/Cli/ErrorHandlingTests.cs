using ResearchKit.Cli;
using ResearchKit.Tests.Datasets;
using ResearchKit.Tests.Torch;

namespace ResearchKit.Tests.Cli;

/// <summary><see cref="Program.Invoke"/> is the one place where a ResearchKitException becomes "error: …" and exit code 2.</summary>
public class ErrorHandlingTests
{
    /// <summary>A 1 s two-channel WAV (quiet noise) in a folder of its own.</summary>
    private static string Stereo()
    {
        var x = new float[2 * 16000];
        var rng = new Random(1);
        for (int i = 0; i < x.Length; i++) x[i] = 0.01f * (float)(rng.NextDouble() - 0.5);
        string path = Path.Combine(Fixtures.TempDir(), "st.wav");
        TestWav.Write(path, x, channels: 2);
        return path;
    }

    [Fact]
    public void A_library_error_is_one_error_line_on_stderr_exit_code_2_and_no_output()
    {
        string dir = Fixtures.TempDir(), missing = Path.Combine(dir, "missing.rttm"), outPath = Path.Combine(Fixtures.TempDir(), "s.txt");
        var (code, output, error) = CliRun.Invoke("score", "--ref", missing, "--hyp", missing, "--out", outPath);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Matches($"^error: .*{System.Text.RegularExpressions.Regex.Escape(missing)}.*\n$", error);
        Assert.False(File.Exists(outPath));
    }

    [Fact]
    public void Commands_with_the_pipeline_channel_option_say_which_option_chooses_the_channel()
    {
        string stereo = Stereo(), o = Fixtures.TempDir();
        Assert.EndsWith("Use --channel <n> (0-based) to keep one channel or --channel downmix to average them.\n",
            CliRun.Fails("diarize", stereo, "--pipeline", "frames", "--out", Path.Combine(o, "a.rttm")));
        Assert.EndsWith("does not exist (use 0…1). Check --channel.\n",
            CliRun.Fails("diarize", stereo, "--pipeline", "frames", "--channel", "2", "--out", Path.Combine(o, "b.rttm")));
        // features' own --channel (a plain number) never carried the hint: its error line is the message alone.
        Assert.EndsWith("does not exist (use 0…1).\n",
            CliRun.Fails("features", stereo, "--kind", "kaldi-fbank", "--channel", "2", "--out", Path.Combine(o, "f.npy")));
        Assert.Empty(Directory.GetFiles(o));
    }
}
