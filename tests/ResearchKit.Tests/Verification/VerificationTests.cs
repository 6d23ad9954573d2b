using ResearchKit.IO;
using ResearchKit.Verification;

namespace ResearchKit.Tests.Verification;

public class VerificationTests
{
    [Fact]
    public void EerAndMinDcfMatchTheNumpyReference()
    {
        var emb = Npy.Read(Fixtures.Path("verification", "embeddings.npy")).ToFloatMatrix();
        var labels = Npy.Read(Fixtures.Path("verification", "labels.npy")).ToInt64Array().Select(x => x.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var exp = Npy.Read(Fixtures.Path("verification", "expected.npy")).Data;
        var r = VerificationMetrics.Evaluate(emb, labels, 0.01);
        Assert.Equal(exp[0], r.Eer, 1e-9);
        Assert.Equal(exp[1], r.MinDcf, 1e-9);
        Assert.Equal((int)exp[4], r.TargetTrials);
        Assert.Equal((int)exp[5], r.NonTargetTrials);
        var r5 = VerificationMetrics.Evaluate(emb, labels, 0.05);
        Assert.Equal(exp[3], r5.MinDcf, 1e-9);
    }

    [Fact]
    public void PerfectSeparationHasZeroEer()
    {
        var r = VerificationMetrics.FromScores([0.9, 0.8], [0.1, 0.2, 0.3]);
        Assert.Equal(0, r.Eer);
        Assert.Equal(0, r.MinDcf);
    }

    [Fact]
    public void FourPersonsLayoutGivesTheExpectedTrialCounts()
    {
        var corpus = SpeakerCorpus.Load(Fixtures.Data("4persons"));
        Assert.Equal(["a", "b", "x", "z"], corpus.Speakers);
        var rep = EmbeddingEvaluation.Run(corpus, new ResearchKit.Pipelines.MfccStatisticsEmbedder(numCeps: 13));
        // 4 speakers × 3 utterances: 4·3 = 12 same-speaker pairs, 66 − 12 = 54 different-speaker pairs.
        Assert.Equal(12, rep.Result.TargetTrials);
        Assert.Equal(54, rep.Result.NonTargetTrials);
        Assert.Equal(12, rep.CosineDistance.GetLength(0));
        Assert.Equal(0, rep.CosineDistance[3, 3], 1e-9);
    }

    [Fact]
    public void ChannelRandomisationIsSeededAndChangesTheAudio()
    {
        var s = global::ResearchKit.Audio.AudioFile.Read(Fixtures.Data("4persons", "a_1.wav"));
        var a = ChannelSimulator.Apply(s, ChannelOptions.Evaluation, ChannelSimulator.UtteranceRng(5, 0)).ToArray();
        var b = ChannelSimulator.Apply(s, ChannelOptions.Evaluation, ChannelSimulator.UtteranceRng(5, 0)).ToArray();
        var c = ChannelSimulator.Apply(s, ChannelOptions.Evaluation, ChannelSimulator.UtteranceRng(6, 0)).ToArray();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal(s.Length, a.Length);
        Assert.All(a, v => Assert.True(float.IsFinite(v) && Math.Abs(v) <= 1));
    }

    [Fact]
    public void ASpeakerWithOneFileIsRejectedForEvaluation()
    {
        // Bad input: a speaker folder with one file gives no same-speaker trial.
        var dir = Fixtures.TempDir();
        foreach (var f in new[] { "a_1.wav", "a_2.wav", "b_1.wav" })
            File.Copy(Fixtures.Data("4persons", f), Path.Combine(dir, f));
        var ex = Assert.Throws<InvalidInputFileException>(() => EmbeddingEvaluation.Run(SpeakerCorpus.Load(dir), new ResearchKit.Pipelines.MfccStatisticsEmbedder(numCeps: 13)));
        Assert.Contains("speaker 'b' has only one utterance", ex.Message);
        Assert.Contains(Path.Combine(dir, "b_1.wav"), ex.Message);
    }
}
