using ResearchKit.Audio;
using ResearchKit.Models;

namespace ResearchKit.Verification;

/// <summary>Everything <see cref="EmbeddingEvaluation.Run"/> computed, so a notebook can plot any part.</summary>
/// <param name="Model">Embedder name.</param>
/// <param name="Files">Utterance paths, in row order.</param>
/// <param name="Labels">Speaker label per row.</param>
/// <param name="Embeddings">N × D embeddings.</param>
/// <param name="CosineDistance">N × N matrix of 1 − cosine similarity (the GhostVLAD/taylorlu README's 12×12 matrix for 4persons).</param>
/// <param name="Result">EER, minDCF and trial counts over all pairs.</param>
/// <param name="ChannelSeed">Seed of the per-utterance random channel, or null for the original audio.</param>
public sealed record EvaluationReport(string Model, IReadOnlyList<string> Files, IReadOnlyList<string> Labels, float[,] Embeddings,
    double[,] CosineDistance, VerificationResult Result, int? ChannelSeed);

/// <summary>Speaker-verification evaluation of an embedder on a <see cref="SpeakerCorpus"/>: one embedding per whole utterance, all pairs scored.</summary>
public static class EmbeddingEvaluation
{
    /// <summary>
    /// Embeds every utterance (after a seeded random channel per utterance when <paramref name="channelSeed"/> is given:
    /// <see cref="ChannelSimulator"/> with <see cref="ChannelOptions.Evaluation"/>) and scores all pairs.
    /// </summary>
    public static EvaluationReport Run(SpeakerCorpus corpus, ISpeakerEmbedder embedder, int? channelSeed = null)
    {
        corpus.RequireTwoPerSpeaker();
        if (corpus.Speakers.Count < 2)
            throw new InvalidInputFileException(corpus.Root, $"only one speaker ('{corpus.Speakers[0]}'); verification needs at least two.");
        var signals = new List<Signal>();
        for (int i = 0; i < corpus.Utterances.Count; i++)
        {
            var s = SpeakerCorpus.Read(corpus.Utterances[i]);
            if (s.SampleRate != embedder.SampleRate)
                throw new InvalidInputFileException(corpus.Utterances[i].Path, $"is {s.SampleRate} Hz; the model expects {embedder.SampleRate} Hz. Resample it (ffmpeg -i in -ar {embedder.SampleRate} out.wav).");
            if (channelSeed is int seed) s = ChannelSimulator.Apply(s, ChannelOptions.Evaluation, ChannelSimulator.UtteranceRng(seed, i));
            signals.Add(s);
        }
        var emb = embedder.Embed(signals);
        var labels = corpus.Utterances.Select(u => u.Speaker).ToList();
        var sim = VerificationMetrics.CosineSimilarity(emb);
        int n = sim.GetLength(0);
        var dist = new double[n, n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) dist[i, j] = 1 - sim[i, j];
        return new EvaluationReport(embedder.Name, corpus.Utterances.Select(u => u.Path).ToList(), labels, emb, dist,
            VerificationMetrics.Evaluate(emb, labels), channelSeed);
    }
}
