using ResearchKit.Tests;
using ResearchKit.Torch.Checkpoints;
using ResearchKit.Torch.Models;
using static TorchSharp.torch;

namespace ResearchKit.Torch.Tests.Models;

public class TorchSpeakerEmbedderTests
{
    // feats.npy [2, 200, 80] as two fbank matrices.
    private static List<float[,]> Feats()
    {
        var a = ResearchKit.IO.Npy.Read(TorchFixtures.File("feats.npy"));
        var data = a.ToFloatArray();
        var list = new List<float[,]>();
        for (int i = 0; i < 2; i++)
        {
            var m = new float[200, 80];
            Buffer.BlockCopy(data, i * 200 * 80 * 4, m, 0, 200 * 80 * 4);
            list.Add(m);
        }
        return list;
    }

    private static float[] Flat(float[,] m) => m.Cast<float>().ToArray();

    private static TorchSpeakerEmbedder Eager()
    {
        var net = TorchFixtures.Arch("tiny_xvector").Create();
        CheckpointImport.Load(net, TorchFixtures.File("tiny_xvector.pt"), ImportOptions.Exact);
        return new TorchSpeakerEmbedder(net, "tiny");
    }

    [Fact]
    public void A_TorchScript_trace_gives_PyTorchs_embeddings()
    {
        // Reference: the twin's eager output on feats.npy (export_torchscript.py --fixture), ≤ 1e-4 as the issue asks.
        using var ts = TorchSpeakerEmbedder.LoadTorchScript(TorchFixtures.File("tiny_xvector.ts.pt"));
        Assert.Equal(8, ts.Dimension);
        Assert.Null(ts.Network);
        var y = Flat(ts.EmbedFeatures(Feats()));
        Assert.True(TorchFixtures.MaxAbsDiff(y, TorchFixtures.NpyFloats("tiny_xvector_out.npy")) <= 1e-4);
    }

    [Fact]
    public void The_eager_embedder_gives_PyTorchs_embeddings_for_any_batch_size()
    {
        var reference = TorchFixtures.NpyFloats("tiny_xvector_out.npy");
        using var e = Eager();
        Assert.True(TorchFixtures.MaxAbsDiff(Flat(e.EmbedFeatures(Feats())), reference) <= 1e-4);
        using var one = new TorchSpeakerEmbedder(e.Network!, "tiny", ownsNetwork: false) { BatchSize = 1 };
        Assert.True(TorchFixtures.MaxAbsDiff(Flat(one.EmbedFeatures(Feats())), reference) <= 1e-4);
    }

    [Fact]
    public void Segments_at_another_rate_or_too_short_are_rejected()
    {
        // The shared check (SpeakerEmbedderSegments, tested in ResearchKit.Tests) runs before any fbank is computed.
        using var e = Eager();
        var rate = Assert.Throws<InvalidParameterException>(() => e.Embed([new Audio.Signal(new float[8000], 8000)]));
        Assert.Contains("segment 0 is at 8000 Hz but tiny expects 16000 Hz", rate.Message);
        var shortOne = Assert.Throws<InvalidParameterException>(() => e.Embed([new Audio.Signal(new float[1600], 16000)]));
        Assert.Contains("segment 0 lasts 0.1 s, shorter than the minimum 0.2 s of tiny", shortOne.Message);
    }

    [Fact]
    public void Segments_of_different_lengths_keep_their_order()
    {
        // Three matrices (200, 120, 200 frames): the two 200-frame ones share a batch, rows come back in input order.
        var f = Feats();
        var shortOne = new float[120, 80];
        Buffer.BlockCopy(f[1], 0, shortOne, 0, 120 * 80 * 4);
        using var e = Eager();
        var all = e.EmbedFeatures([f[0], shortOne, f[1]]);
        var alone = e.EmbedFeatures([shortOne]);
        var pair = e.EmbedFeatures([f[0], f[1]]);
        for (int k = 0; k < 8; k++)
        {
            Assert.Equal(pair[0, k], all[0, k], 5);
            Assert.Equal(alone[0, k], all[1, k], 5);
            Assert.Equal(pair[1, k], all[2, k], 5);
        }
    }

    [Fact]
    public void Threads_are_set_on_the_calling_thread()
    {
        using var e = Eager();
        int before = get_num_threads();
        using var view = new TorchSpeakerEmbedder(e.Network!, "tiny", ownsNetwork: false) { Threads = before == 1 ? 2 : 1 };
        view.EmbedFeatures(Feats());
        Assert.Equal(before == 1 ? 2 : 1, get_num_threads());
        set_num_threads(before);
    }

    [Fact]
    public void A_file_that_is_not_TorchScript_is_rejected()
    {
        // Bad input: a plain torch.save(state_dict) is not a TorchScript archive.
        var ex = Assert.Throws<InvalidInputFileException>(() => TorchSpeakerEmbedder.LoadTorchScript(TorchFixtures.File("tiny_xvector.pt")));
        Assert.Contains("tiny_xvector.pt", ex.Message);
        Assert.Contains("not a TorchScript module", ex.Message);
        Assert.Throws<InvalidInputFileException>(() => TorchSpeakerEmbedder.LoadTorchScript(Path.Combine(Fixtures.TempDir(), "none.ts.pt")));
    }
}
