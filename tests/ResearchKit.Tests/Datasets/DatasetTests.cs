using ResearchKit.Datasets;

namespace ResearchKit.Tests.Datasets;

public class DatasetTests
{
    private static string VoxLayout(bool missingAudio)
    {
        var root = Fixtures.TempDir();
        foreach (var id in new[] { "aaaaa", "bbbbb", "ccccc" })
            TestWav.Write(Path.Combine(root, "audio", id + ".wav"), new float[160]);
        TestWav.Touch(Path.Combine(root, "dev", "aaaaa.rttm"), "SPEAKER aaaaa 1 0.00 0.01 <NA> <NA> spk00 <NA> <NA>\n");
        TestWav.Touch(Path.Combine(root, "dev", "bbbbb.rttm"));
        TestWav.Touch(Path.Combine(root, "test", "ccccc.rttm"));
        if (missingAudio) TestWav.Touch(Path.Combine(root, "dev", "zzzzz.rttm"));
        return root;
    }

    [Fact]
    public void VoxConverse_pairs_the_subset_and_ignores_audio_of_the_other_subset()
    {
        var ds = Dataset.VoxConverse(VoxLayout(false), "dev");
        Assert.Equal(["aaaaa", "bbbbb"], ds.Items.Select(i => i.Id));
        Assert.True(ds.Pairing.IsComplete);
        Assert.Equal(["ccccc"], Dataset.VoxConverse(VoxLayout(false), "test").Items.Select(i => i.Id));
    }

    [Fact]
    public void Audio_missing_for_some_rttms_is_reported_and_strict_makes_it_fail()
    {
        var root = VoxLayout(true);
        var ds = Dataset.VoxConverse(root, "dev");
        Assert.Equal(["zzzzz"], ds.Pairing.ReferenceWithoutAudio);
        Assert.Equal(2, ds.Items.Count);
        var e = Assert.Throws<InvalidInputFileException>(() => Dataset.VoxConverse(root, "dev", strict: true));
        Assert.Contains("zzzzz", e.Message);
        Assert.Contains("--strict", e.Message);
    }

    [Fact]
    public void Generic_layout_with_uem_and_flat_layout_both_pair()
    {
        var root = Fixtures.TempDir();
        TestWav.Write(Path.Combine(root, "audio", "f1.wav"), new float[160]);
        TestWav.Touch(Path.Combine(root, "audio", "f2.flac"), "not decoded until loaded");
        TestWav.Write(Path.Combine(root, "audio", "orphan.wav"), new float[16]);
        TestWav.Touch(Path.Combine(root, "rttm", "f1.rttm"));
        TestWav.Touch(Path.Combine(root, "rttm", "f2.rttm"));
        TestWav.Touch(Path.Combine(root, "uem", "f1.uem"));
        var ds = Dataset.RttmFolder(root);
        Assert.Equal(["f1", "f2"], ds.Items.Select(i => i.Id));
        Assert.NotNull(ds.Items[0].UemPath);
        Assert.Null(ds.Items[1].UemPath);
        Assert.Equal(["orphan"], ds.Pairing.AudioWithoutReference);

        var flat = Fixtures.TempDir();
        TestWav.Write(Path.Combine(flat, "x.wav"), new float[16]);
        TestWav.Touch(Path.Combine(flat, "x.rttm"));
        TestWav.Touch(Path.Combine(flat, "x.uem"));
        var f = Dataset.RttmFolder(flat);
        Assert.Equal("x", Assert.Single(f.Items).Id);
        Assert.NotNull(f.Items[0].UemPath);
    }

    [Fact]
    public void Loading_is_lazy_and_single_file_works()
    {
        var root = Fixtures.TempDir();
        TestWav.Write(Path.Combine(root, "audio", "f1.wav"), [0.5f, -0.5f]);
        TestWav.Touch(Path.Combine(root, "audio", "broken.wav"), "not a wav");
        TestWav.Touch(Path.Combine(root, "rttm", "f1.rttm"));
        TestWav.Touch(Path.Combine(root, "rttm", "broken.rttm"));
        var ds = Dataset.RttmFolder(root); // opening must not read the broken file
        Assert.Equal(2, ds.Items.Count);
        Assert.Equal(2, ds.Items.Single(i => i.Id == "f1").LoadSignal().Length);
        Assert.Throws<InvalidInputFileException>(() => ds.Items.Single(i => i.Id == "broken").LoadSignal());

        var single = Dataset.SingleFile(Path.Combine(root, "audio", "f1.wav"));
        Assert.Equal("f1", Assert.Single(single.Items).Id);
    }

    [Fact]
    public void Shards_partition_the_files_deterministically()
    {
        var root = Fixtures.TempDir();
        for (int i = 0; i < 7; i++)
        {
            TestWav.Write(Path.Combine(root, $"f{i}.wav"), new float[16]);
            TestWav.Touch(Path.Combine(root, $"f{i}.rttm"));
        }
        var ds = Dataset.RttmFolder(root);
        var shards = Enumerable.Range(1, 3).Select(k => ds.Shard(k, 3).Items.Select(x => x.Id).ToList()).ToList();
        Assert.Equal(ds.Items.Select(x => x.Id).Order(), shards.SelectMany(s => s).Order());
        Assert.Equal(["f0", "f3", "f6"], shards[0]);
        Assert.Equal((2, 5), Dataset.ParseShard("2/5"));
        Assert.Throws<InvalidParameterException>(() => Dataset.ParseShard("6/5"));
    }

    [Fact]
    public void Missing_root_and_unknown_subset_are_clear_errors()
    {
        var e = Assert.Throws<InvalidInputFileException>(() => Dataset.RttmFolder("/nonexistent/rk"));
        Assert.Contains("--root", e.Message);
        Assert.Throws<InvalidParameterException>(() => Dataset.VoxConverse(Fixtures.TempDir(), "train"));
    }
}
