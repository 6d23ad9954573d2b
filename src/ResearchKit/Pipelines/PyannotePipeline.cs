using ResearchKit.Audio;
using ResearchKit.Clustering;
using ResearchKit.Models;

namespace ResearchKit.Pipelines;

/// <summary>Intermediates of a <see cref="PyannotePipeline"/> run (pyannote's hook steps).</summary>
public sealed record PyannoteResult : DiarizationResult
{
    /// <summary>Raw segmentation model output and chunk timing.</summary>
    public required SegmentationResult Segmentation { get; init; }

    /// <summary>[chunk, frame, local speaker] binary segmentation.</summary>
    public required float[,,] Binarized { get; init; }

    /// <summary>Chunk windows.</summary>
    public required SlidingWindow Chunks { get; init; }

    /// <summary>Frame resolution of the model output (and of <see cref="Count"/>, <see cref="Discrete"/>).</summary>
    public required SlidingWindow Frames { get; init; }

    /// <summary>Instantaneous speaker count per frame (capped by max speakers).</summary>
    public required int[] Count { get; init; }

    /// <summary>[chunk, local speaker, dim] embeddings (NaN for inactive local speakers); empty when nobody speaks.</summary>
    public required float[,,] Embeddings { get; init; }

    /// <summary>Clustering step output, or null when nobody speaks.</summary>
    public required PyannoteClustering? Clustering { get; init; }

    /// <summary>[frame, speaker] discrete diarization.</summary>
    public required float[,] Discrete { get; init; }
}

/// <summary>
/// The structure of pyannote/speaker-diarization-3.1 (pyannote.audio 3.1.1 <c>SpeakerDiarization.apply</c>), step for step,
/// with a user-supplied segmentation-3.0 ONNX and a WeSpeaker-contract embedding ONNX: segmentation windows →
/// binarisation → speaker count (overlap-add) → one embedding per (chunk, local speaker) with exclude-overlap masks →
/// centroid AHC with min_cluster_size → argmax assignment → reconstruction → turns with min_duration_off.
/// No segmentation-3.0 weights are reachable here; point <c>--models</c> at your own files.
/// </summary>
public sealed class PyannotePipeline : IDiarizationPipeline, IDisposable
{
    private readonly PyannoteSegmentation _segmentation;
    private readonly OnnxSpeakerEmbedder _embedder;

    /// <summary>Creates the pipeline over opened models (the pipeline disposes them).</summary>
    public PyannotePipeline(PyannoteOptions options, PyannoteSegmentation segmentation, OnnxSpeakerEmbedder embedder)
    {
        options.Validate();
        Options = options;
        _segmentation = segmentation;
        _embedder = embedder;
    }

    /// <summary>
    /// Opens the models in <paramref name="modelsDir"/>: the segmentation model is the .onnx whose name contains
    /// "segmentation"; the embedding model is another .onnx whose name contains "wespeaker" or "embedding".
    /// </summary>
    /// <exception cref="InvalidInputFileException">The folder or a model is missing.</exception>
    public static PyannotePipeline Open(string modelsDir, PyannoteOptions? options = null)
    {
        options ??= PyannoteOptions.Pyannote31;
        if (!Directory.Exists(modelsDir))
            throw new InvalidInputFileException(modelsDir, "models folder not found; give --models <dir> holding a segmentation-3.0 ONNX (name containing 'segmentation') and a WeSpeaker embedding ONNX (name containing 'wespeaker' or 'embedding').");
        var onnx = Directory.GetFiles(modelsDir, "*.onnx").Order(StringComparer.Ordinal).ToList();
        string? seg = onnx.FirstOrDefault(f => Path.GetFileName(f).Contains("segmentation", StringComparison.OrdinalIgnoreCase));
        string? emb = onnx.FirstOrDefault(f => f != seg && (Path.GetFileName(f).Contains("wespeaker", StringComparison.OrdinalIgnoreCase) || Path.GetFileName(f).Contains("embedding", StringComparison.OrdinalIgnoreCase)));
        if (seg is null)
            throw new InvalidInputFileException(modelsDir, "missing model: no segmentation ONNX (a file named *segmentation*.onnx, pyannote segmentation-3.0 exported to ONNX); add it to the folder.");
        if (emb is null)
            throw new InvalidInputFileException(modelsDir, "missing model: no embedding ONNX (a file named *wespeaker*.onnx or *embedding*.onnx with the WeSpeaker feats [B,T,80] contract); add it to the folder.");
        var s = PyannoteSegmentation.Open(seg, options.Segmentation);
        try
        {
            var e = OnnxSpeakerEmbedder.WeSpeaker(emb, WeSpeakerFrontEnd, new EmbeddingOptions(options.EmbeddingBatchSize));
            return new PyannotePipeline(options, s, e);
        }
        catch { s.Dispose(); throw; }
    }

    /// <summary>WeSpeaker/pyannote fbank front end: <see cref="Features.FbankOptions.WeSpeakerFbank80"/>.</summary>
    public static float[,] WeSpeakerFrontEnd(Signal segment) => Features.KaldiFbank.Compute(segment, Features.FbankOptions.WeSpeakerFbank80);

    /// <summary>The options.</summary>
    public PyannoteOptions Options { get; }

    /// <inheritdoc />
    public string Name => "pyannote";

    /// <inheritdoc />
    public string Fingerprint => $"pyannote|{_segmentation.Model.Path}|{_embedder.Name}|{Options}|{Options.Clustering}";

    /// <inheritdoc />
    public DiarizationResult Run(Signal signal, SpeakerCount? count = null, string uri = "audio") => RunPyannote(signal, count, uri);

    /// <summary>Runs every step and returns every intermediate.</summary>
    public PyannoteResult RunPyannote(Signal signal, SpeakerCount? count = null, string uri = "audio")
    {
        count ??= SpeakerCount.Unknown;
        var t = new StageTimings();
        var seg = t.Measure("segmentation", () => _segmentation.Run(signal));
        int nc = seg.Chunks, nf = seg.FramesPerChunk;
        var chunks = new SlidingWindow(0, seg.WindowSeconds, Options.Segmentation.StepSeconds);
        var frames = new SlidingWindow(0, seg.FrameDurationSeconds, seg.FrameStepSeconds);
        var bin = t.Measure("binarize", () => Options.SegmentationThreshold is double th
            ? PyannoteSteps.Binarize(seg.Multilabel(soft: true), th) : seg.Multilabel());
        var (cnt, _) = t.Measure("speaker_count", () => PyannoteSteps.CountSpeakers(bin, chunks, frames));
        int ns = bin.GetLength(2);
        if (cnt.Length == 0 || cnt.Max() == 0)
        {
            return new PyannoteResult
            {
                Annotation = Annotations.Annotation.Empty(uri), Turns = [], Timings = t, Segmentation = seg, Binarized = bin, Chunks = chunks,
                Frames = frames, Count = cnt, Embeddings = new float[nc, ns, 0], Clustering = null, Discrete = new float[cnt.Length, 0],
            };
        }
        var emb = t.Measure("embeddings", () => Embeddings(signal, bin, seg));
        var cl = t.Measure("clustering", () => PyannoteSteps.ClusterEmbeddings(emb, bin, Options.Clustering, count));
        // Cap the instantaneous count by max speakers; mark inactive local speakers −2 (pyannote's apply()).
        if (count.Max is int max) for (int i = 0; i < cnt.Length; i++) cnt[i] = Math.Min(cnt[i], max);
        var hard = (int[,])cl.HardClusters.Clone();
        for (int c = 0; c < nc; c++)
            for (int s = 0; s < ns; s++)
            {
                bool active = false;
                for (int f = 0; f < nf && !active; f++) active = bin[c, f, s] > 0;
                if (!active) hard[c, s] = -2;
            }
        var (discrete, _) = t.Measure("reconstruct", () => PyannoteSteps.Reconstruct(bin, hard, cnt, chunks, frames));
        var turns = t.Measure("to_annotation", () => PyannoteSteps.ToTurns(discrete, frames, 0.0, Options.MinDurationOff));
        return new PyannoteResult
        {
            Annotation = DiarizationResult.ToAnnotation(uri, turns), Turns = turns, Timings = t, Segmentation = seg, Binarized = bin,
            Chunks = chunks, Frames = frames, Count = cnt, Embeddings = emb, Clustering = cl, Discrete = discrete,
        };
    }

    /// <summary>
    /// One embedding per active (chunk, local speaker): the chunk's audio (zero-padded to the window, pyannote's
    /// <c>crop(mode="pad")</c>) with the speaker's frame mask (exclude-overlap when enough clean frames remain,
    /// <c>min_num_frames = ceil(F · min_num_samples / window_samples)</c>), resampled to the embedder's feature frames by
    /// nearest neighbour (pyannote's <c>F.interpolate(mode="nearest")</c>). Inactive speakers get NaN rows.
    /// </summary>
    private float[,,] Embeddings(Signal signal, float[,,] bin, SegmentationResult seg)
    {
        int nc = bin.GetLength(0), nf = bin.GetLength(1), ns = bin.GetLength(2), d = _embedder.Dimension;
        int win = (int)Math.Round(seg.WindowSeconds * signal.SampleRate);
        int minSamples = Math.Max(1, (int)Math.Ceiling(_embedder.MinDurationSeconds * signal.SampleRate));
        int minFrames = Options.EmbeddingExcludeOverlap ? (int)Math.Ceiling((double)nf * minSamples / win) : -1;
        var masks = PyannoteSteps.ExcludeOverlapMasks(bin, minFrames);
        var y = new float[nc, ns, d];
        var pending = new List<(int C, int S)>();
        var sigs = new List<Signal>();
        var fm = new List<bool[]?>();
        void Flush()
        {
            if (sigs.Count == 0) return;
            var e = _embedder.Embed(sigs, fm);
            for (int i = 0; i < pending.Count; i++) for (int j = 0; j < d; j++) y[pending[i].C, pending[i].S, j] = e[i, j];
            pending.Clear(); sigs.Clear(); fm.Clear();
        }
        for (int c = 0; c < nc; c++)
        {
            int start = (int)Math.Round(seg.ChunkStarts[c] * signal.SampleRate);
            var x = new float[win];
            signal.Samples.Slice(start, Math.Max(0, Math.Min(win, signal.Length - start))).CopyTo(x);
            var chunk = new Signal(x, signal.SampleRate);
            int featFrames = 1 + (win - 400) / 160; // Kaldi fbank 25/10 ms, snip edges, at 16 kHz
            for (int s = 0; s < ns; s++)
            {
                bool any = false;
                var m = new bool[featFrames];
                for (int k = 0; k < featFrames; k++) { m[k] = masks[c, s, (int)Math.Floor((double)k * nf / featFrames)] > 0; any |= m[k]; }
                if (!any)
                {
                    for (int j = 0; j < d; j++) y[c, s, j] = float.NaN;
                    continue;
                }
                pending.Add((c, s)); sigs.Add(chunk); fm.Add(m);
                if (sigs.Count >= Options.EmbeddingBatchSize) Flush();
            }
        }
        Flush();
        return y;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _segmentation.Dispose();
        _embedder.Dispose();
    }
}
