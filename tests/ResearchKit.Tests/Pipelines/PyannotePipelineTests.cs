using ResearchKit.Audio;
using ResearchKit.Clustering;
using ResearchKit.Pipelines;

namespace ResearchKit.Tests.Pipelines;

public class PyannotePipelineTests
{
    [Fact]
    public void Seed_config_yaml_loads_into_the_options()
    {
        var o = PyannoteOptions.FromYaml(File.ReadAllText(Fixtures.Path("pyannote", "config.yaml")));
        Assert.Equal(LinkageMethod.Centroid, o.Clustering.Method);
        Assert.Equal(0.7045654963945799, o.Clustering.Threshold);
        Assert.Equal(12, o.Clustering.MinClusterSize);
        Assert.Equal(0.0, o.MinDurationOff);
        Assert.True(o.EmbeddingExcludeOverlap);
        Assert.Equal(32, o.EmbeddingBatchSize);
        Assert.Equal(PyannoteOptions.Pyannote31, o);
        var changed = PyannoteOptions.FromYaml("params:\n  clustering:\n    threshold: 0.5\n  segmentation:\n    min_duration_off: 0.25\n");
        Assert.Equal(0.5, changed.Clustering.Threshold);
        Assert.Equal(0.25, changed.MinDurationOff);
        var e = Assert.Throws<InvalidInputFileException>(() => PyannoteOptions.FromYaml("params:\n  clustering:\n    threshold: high\n", "c.yaml"));
        Assert.Contains("line 3", e.Message);
    }

    [Fact]
    public void Runs_end_to_end_with_random_weight_models_of_the_contracts()
    {
        // Plumbing only: tests/fixtures/onnx holds random-weight models of the segmentation-3.0 and WeSpeaker contracts.
        using var p = PyannotePipeline.Open(Fixtures.Path("onnx"));
        var rng = new Random(1);
        var x = new float[16000 * 23];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(0.1 * (rng.NextDouble() - 0.5));
        var r = p.RunPyannote(new Signal(x, 16000), SpeakerCount.Between(1, 3), "noise");
        Assert.Equal(14, r.Segmentation.Chunks); // 23-s signal, 10-s windows every 1 s: (23 − 10)/1 + 1 = 14 chunks, none padded
        Assert.Equal(r.Segmentation.Chunks, r.Binarized.GetLength(0));
        Assert.Equal(r.Count.Length, r.Discrete.GetLength(0));
        Assert.True(r.Timings.Stages.Count >= 3);
        Assert.All(r.Turns, t => Assert.InRange(t.End, 0, 24));
        if (r.Clustering is not null)
        {
            Assert.Equal(r.Embeddings.GetLength(0), r.Segmentation.Chunks);
            Assert.True(r.NumSpeakers <= 3);
        }
    }

    [Fact]
    public void Missing_model_is_a_clear_error()
    {
        var dir = Fixtures.TempDir();
        File.Copy(Fixtures.Path("onnx", "segmentation_tiny.onnx"), Path.Combine(dir, "segmentation.onnx"));
        var e = Assert.Throws<InvalidInputFileException>(() => PyannotePipeline.Open(dir));
        Assert.Contains("missing model", e.Message);
        Assert.Contains("embedding", e.Message);
        Assert.Throws<InvalidInputFileException>(() => PyannotePipeline.Open(Path.Combine(dir, "nope")));
    }
}
