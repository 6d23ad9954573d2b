using ResearchKit.Audio;
using ResearchKit.Models;

namespace ResearchKit.Tests.Models;

public class EmbedderConcurrencyTests
{
    [Fact]
    public void ConcurrentCallersGetTheSameEmbeddingsAsSequentialOnes()
    {
        // Experiment runners share one embedder across files processed in parallel; the reused ORT buffers must not
        // mix their batches (they did: DER changed from run to run at parallelism 2).
        using var emb = OnnxSpeakerEmbedder.WeSpeaker(Fixtures.Data("models", "researchkit-xvector-v2.onnx"));
        var files = Directory.GetFiles(Fixtures.Data("4persons"), "*.wav").Order().ToArray();
        var segments = files.Select(f => AudioFile.Read(f)).Select(s => Enumerable.Range(0, 6)
            .Select(k => s.Slice(k * (s.Length - 16000) / 5, 16000)).ToArray()).ToArray(); // six 1 s windows per file
        var sequential = segments.Select(w => emb.Embed(w)).ToArray();
        for (int round = 0; round < 3; round++)
        {
            var parallel = new float[segments.Length][,];
            Parallel.For(0, segments.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[i] = emb.Embed(segments[i]));
            for (int i = 0; i < segments.Length; i++) Assert.Equal(sequential[i], parallel[i]);
        }
    }
}
