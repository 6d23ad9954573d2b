using ResearchKit.Annotations;
using ResearchKit.Audio;
using ResearchKit.Cli;
using ResearchKit.Datasets;
using ResearchKit.Experiments;
using ResearchKit.Pipelines;
using ResearchKit.Tests.Datasets;

namespace ResearchKit.Tests.Pipelines;

/// <summary>Stereo input needs an explicit choice: <c>--channel n</c> (0-based) or <c>--channel downmix</c>.</summary>
public class ChannelChoiceTests
{
    /// <summary>A 2-channel WAV: left = 20 s of sample.wav, right = 20 s of simdev00.wav; plus each channel as its own mono file.</summary>
    private static (string Dir, string Stereo, string Left, string Right) StereoFolder()
    {
        var d = Fixtures.TempDir();
        var l = AudioFile.Read(Fixtures.Data("conversations", "sample.wav")).SliceTime(0, 20).Samples.ToArray();
        var r = AudioFile.Read(Fixtures.Data("conversations", "simdev00.wav")).SliceTime(0, 20).Samples.ToArray();
        var x = new float[2 * l.Length];
        for (int i = 0; i < l.Length; i++) { x[2 * i] = l[i]; x[2 * i + 1] = r[i]; }
        string stereo = Path.Combine(d, "st", "conv.wav"), left = Path.Combine(d, "left", "conv.wav"), right = Path.Combine(d, "right", "conv.wav");
        TestWav.Write(stereo, x, channels: 2);
        TestWav.Write(left, l);
        TestWav.Write(right, r);
        foreach (var f in new[] { stereo, left, right })
            File.WriteAllText(Path.ChangeExtension(f, ".rttm"), "SPEAKER conv 1 0.000 20.000 <NA> <NA> a <NA> <NA>\n");
        return (d, stereo, left, right);
    }

    [Fact]
    public void Cli_stereo_without_a_choice_is_refused_and_a_chosen_channel_equals_that_channel_as_mono()
    {
        var (_, stereo, left, right) = StereoFolder();
        var o = Fixtures.TempDir();
        string Out(string n) => Path.Combine(o, n + ".rttm");
        Assert.Equal(2, Program.Main(["diarize", stereo, "--pipeline", "frames", "--out", Out("none")]));
        Assert.False(File.Exists(Out("none")));
        Assert.Equal(0, Program.Main(["diarize", stereo, "--pipeline", "frames", "--channel", "1", "--out", Out("ch1")]));
        Assert.Equal(0, Program.Main(["diarize", right, "--pipeline", "frames", "--out", Out("right")]));
        Assert.Equal(File.ReadAllText(Out("right")), File.ReadAllText(Out("ch1")));
        Assert.Equal(0, Program.Main(["diarize", stereo, "--pipeline", "frames", "--channel", "0", "--out", Out("ch0")]));
        Assert.Equal(0, Program.Main(["diarize", left, "--pipeline", "frames", "--out", Out("left")]));
        Assert.Equal(File.ReadAllText(Out("left")), File.ReadAllText(Out("ch0")));
        Assert.Equal(0, Program.Main(["diarize", stereo, "--pipeline", "frames", "--channel", "downmix", "--out", Out("mix")]));
        Assert.True(File.Exists(Out("mix")));
    }

    [Fact]
    public void Cli_out_of_range_or_malformed_channel_is_a_clear_error()
    {
        var (dir, stereo, _, _) = StereoFolder();
        var o = Fixtures.TempDir();
        // Files run in parallel: the bad channel must still come out as the usual error (exit 2), not a crash.
        Assert.Equal(2, Program.Main(["evaluate", "--root", Path.Combine(dir, "st"), "--pipeline", "frames", "--channel", "5", "--out", Path.Combine(o, "ev")]));
        Assert.Equal(2, Program.Main(["evaluate", "--root", Path.Combine(dir, "st"), "--pipeline", "frames", "--out", Path.Combine(o, "ev")]));
        Assert.Equal(2, Program.Main(["diarize", stereo, "--pipeline", "frames", "--channel", "2", "--out", Path.Combine(o, "a.rttm")]));
        Assert.Equal(2, Program.Main(["diarize", stereo, "--pipeline", "frames", "--channel", "left", "--out", Path.Combine(o, "b.rttm")]));
        Assert.Empty(Directory.GetFiles(o));
        // The library's message, which the CLI prints: names the file, the channel count and the valid range.
        var e = Assert.Throws<InvalidParameterException>(() => AudioFile.Read(stereo, AudioReadOptions.SelectChannel(2)));
        Assert.Contains(stereo, e.Message);
        Assert.Contains("channel 2 does not exist (use 0…1)", e.Message);
        var m = Assert.Throws<InvalidInputFileException>(() => AudioFile.Read(stereo, new AudioReadOptions { ChannelMode = ChannelMode.RequireMono }));
        Assert.Contains("2 channels", m.Message);
    }

    [Fact]
    public void Runner_and_sweep_read_the_chosen_channel_and_cache_per_channel()
    {
        var (dir, _, _, _) = StereoFolder();
        var stereo = Dataset.RttmFolder(Path.Combine(dir, "st"));
        var right = Dataset.RttmFolder(Path.Combine(dir, "right"));
        var p = PipelineFactory.Create("windows", embedder: new MfccStatisticsEmbedder());
        var a = new ExperimentRunner { MaxParallelism = 1, Audio = AudioReadOptions.SelectChannel(1) }.Run(stereo, [p]).Single();
        var b = new ExperimentRunner { MaxParallelism = 1 }.Run(right, [p]).Single();
        Assert.Equal(Rttm.Format([b.Hypothesis]), Rttm.Format([a.Hypothesis]));
        Assert.NotEmpty(a.Hypothesis.Tracks);
        Assert.Throws<InvalidParameterException>(() => new ExperimentRunner { MaxParallelism = 1, Audio = AudioReadOptions.SelectChannel(5) }.Run(stereo, [p]));

        var cache = new EmbeddingCache();
        var grid = ParameterGrid.Parse(["clustering.threshold=1.0"]);
        Sweep.Run(stereo, grid, q => PipelineFactory.Create("windows", q, new MfccStatisticsEmbedder()), cache, parallelism: 1, audio: AudioReadOptions.SelectChannel(0));
        Sweep.Run(stereo, grid, q => PipelineFactory.Create("windows", q, new MfccStatisticsEmbedder()), cache, parallelism: 1, audio: AudioReadOptions.SelectChannel(1));
        Assert.Equal((0, 2), (cache.Hits, cache.Misses)); // two channels = two entries, no stale hit
    }
}
