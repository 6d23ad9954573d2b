using ResearchKit.Audio;
using ResearchKit.Datasets;

namespace ResearchKit.Tests.Datasets;

public class ConversationSimulatorTests
{
    private static readonly Lazy<List<SourceUtterance>> Sources =
        new(() => ConversationSimulator.LoadLibriSpeechFolder(Fixtures.Path("librispeech")));

    // 3 speakers × 3 utterances hold ≈ 58 s of speech: 30–34 s conversations (sim-dev: 60–70 s from 7 utterances each).
    private static SimulationOptions Small(int seed) => SimulationOptions.SimDev with
    {
        SpeakerCounts = [2, 3, 2], MinDuration = 30, MaxDuration = 34, Seed = seed, Prefix = "t",
    };

    [Fact]
    public void Reproduces_the_sim_dev_statistics()
    {
        var convs = new[] { 1, 3, 5 }.SelectMany(seed => new ConversationSimulator(Sources.Value, Small(seed)).SimulateAll()).ToList();
        Assert.Equal(9, convs.Count);
        foreach (var c in convs)
        {
            // sim-dev (README): never more than 2 simultaneous speakers, every drawn speaker speaks, file within [min, max].
            Assert.True(c.Stats.MaxSimultaneous <= 2, $"{c.Uri}: {c.Stats.MaxSimultaneous} simultaneous speakers");
            Assert.InRange(c.Duration, 30, 34);
            Assert.Equal(c.Speakers.Order(), c.Segments.Select(s => s.Speaker).Distinct().Order());
            Assert.All(c.Segments, s => Assert.InRange(s.End, 0, c.Duration));
            Assert.InRange(c.Stats.OverlapRatio, 0.0, 0.20);
        }
        // Means over the files: sim-dev has 11.8 % overlap of speech (10.4–13.3) and 79.8 % speech (74.8–85.6).
        // make_sim.py itself, run on these 9 utterances with these settings and seeds 1–5 (numpy 1.24), gives a mean
        // overlap of 11.6 % (8.2–15.1) and mean speech of 81.9 %; 30-s files hold only ~10 turns, so single files vary more.
        Assert.InRange(convs.Average(c => c.Stats.OverlapRatio), 0.08, 0.15);
        Assert.InRange(convs.Average(c => c.Stats.SpeechSeconds / c.Duration), 0.75, 0.90);
        Assert.Equal(2, convs[0].Speakers.Count);
        Assert.Equal(3, convs[1].Speakers.Count);
    }

    [Fact]
    public void Same_seed_gives_identical_output_and_another_seed_differs()
    {
        var a = new ConversationSimulator(Sources.Value, Small(11)).SimulateAll()[0];
        var b = new ConversationSimulator(Sources.Value, Small(11)).SimulateAll()[0];
        var c = new ConversationSimulator(Sources.Value, Small(12)).SimulateAll()[0];
        Assert.Equal(a.ToRttm(), b.ToRttm());
        Assert.True(a.Audio.Samples.SequenceEqual(b.Audio.Samples));
        Assert.NotEqual(a.ToRttm(), c.ToRttm());
    }

    [Fact]
    public void Written_folder_opens_as_a_dataset_with_rttm_and_uem()
    {
        var convs = new ConversationSimulator(Sources.Value, Small(3) with { SpeakerCounts = [2] }).SimulateAll();
        var dir = Fixtures.TempDir();
        SimulationWriter.Write(convs, dir);
        var ds = Dataset.RttmFolder(dir, strict: true);
        var item = Assert.Single(ds.Items);
        Assert.NotNull(item.UemPath);
        var sig = item.LoadSignal();
        Assert.Equal(convs[0].Audio.Length, sig.Length);
        Assert.True(convs[0].Audio.Samples.SequenceEqual(sig.Samples)); // 16-bit quantised in memory already
        // Written by AudioFile.WriteWav: a plain 44-byte header and 16-bit mono PCM, as sim-dev's files are.
        Assert.Equal(44 + 2L * sig.Length, new FileInfo(item.AudioPath!).Length);
        Assert.Equal(new AudioInfo(16000, 1, sig.Length, 1, 16), AudioFile.ReadInfo(item.AudioPath!));
        Assert.StartsWith("SPEAKER t00 1 ", File.ReadAllLines(item.ReferencePath!)[0]);
        Assert.Equal(convs[0].Segments.Count + 1, File.ReadAllLines(Path.Combine(dir, "sources.tsv")).Length);
    }

    [Fact]
    public void Too_many_speakers_or_mixed_rates_are_clear_errors()
    {
        var e = Assert.Throws<InvalidParameterException>(() => new ConversationSimulator(Sources.Value, Small(1) with { SpeakerCounts = [4] }));
        Assert.Contains("only 3", e.Message);
        var mixed = Sources.Value.Take(2).Append(new SourceUtterance("x", "x", new Signal(new float[8000], 8000)));
        Assert.Throws<InvalidParameterException>(() => new ConversationSimulator(mixed));
    }
}
