using Microsoft.ML.OnnxRuntime;
using ResearchKit.Audio;
using ResearchKit.Features;

namespace ResearchKit.Models;

/// <summary>
/// A speaker-embedding ONNX model behind a declared input contract (<see cref="EmbeddingInput"/>): WeSpeaker fbank
/// input, NeMo mel input, or raw waveform. Batches many segments (crop/pad policy in <see cref="EmbeddingOptions"/>),
/// supports frame masks (the embedding of only some frames of a segment, e.g. one speaker's non-overlapped frames as
/// pyannote's exclude-overlap needs), and returns raw (not normalised) vectors; see <see cref="L2Normalize"/>.
/// </summary>
/// <remarks>
/// Input and output buffers are grown once and reused across batches (OrtValues are created over them without copying).
/// Concurrent calls are safe: feature extraction runs in parallel, and the batches of concurrent callers take turns on the
/// shared buffers and session (ORT parallelises inside each Run with its intra-op threads). Frame masks select frames before the model (the selected
/// frames are concatenated in time order), which is exact for models that pool over time (WeSpeaker/NeMo statistics
/// pooling) up to the convolution context at the joins.
/// </remarks>
public sealed class OnnxSpeakerEmbedder : ISpeakerEmbedder, IDisposable
{
    private readonly OnnxModel _model;
    private readonly FeatureFrontEnd? _frontEnd;
    private readonly EmbeddingOptions _options;
    private readonly string[] _inNames, _outNames;
    private readonly bool _channelAxis;
    private readonly int _featureBins, _maxBatch;
    private int _padTo;        // NeMo pad_to: zero frames appended to a multiple of this (0 = none); the length input stays the valid count
    private float _padValue;
    private float[] _inBuf = [], _outBuf = [];
    private long[] _lenBuf = [];
    private readonly Lock _runGate = new(); // guards the reused buffers: experiment runners share one embedder across files

    private OnnxSpeakerEmbedder(OnnxModel model, EmbeddingInput input, FeatureFrontEnd? frontEnd, EmbeddingOptions options, int sampleRate)
    {
        options.Validate();
        _model = model;
        _frontEnd = frontEnd;
        _options = options;
        Input = input;
        SampleRate = sampleRate;
        ModelContract contract;
        switch (input)
        {
            case EmbeddingInput.WeSpeakerFbank: contract = ModelContract.WeSpeakerFbank80; _featureBins = 80; break;
            case EmbeddingInput.NemoMel: contract = ModelContract.NemoMel80; _featureBins = 80; break;
            default:
                // [B,T] or [B,1,T]: accept either, report against the plain one when neither fits.
                _channelAxis = model.Inputs.Count == 1 && model.Inputs[0].Shape.Count == 3;
                contract = _channelAxis ? ModelContract.RawWaveformChannel : ModelContract.RawWaveform;
                _featureBins = 1;
                break;
        }
        model.Check(contract);
        Contract = contract;
        _inNames = contract.Inputs.Select((_, i) => model.InputFor(contract, i).Name).ToArray();
        var emb = model.OutputFor(contract, 0);
        _outNames = [emb.Name];
        long b0 = model.InputFor(contract, 0).Shape[0];
        _maxBatch = b0 > 0 ? (int)Math.Min(b0, options.BatchSize) : options.BatchSize;
        Dimension = emb.Shape[1] > 0 ? (int)emb.Shape[1] : Probe();
        Name = Path.GetFileNameWithoutExtension(model.Path);
    }

    /// <summary>Opens a WeSpeaker-contract model (<c>feats [B,T,80]</c> → <c>embs [B,D]</c>).</summary>
    /// <param name="modelPath">The .onnx file.</param>
    /// <param name="frontEnd">Segment → [T,80] features: Kaldi fbank (25 ms / 10 ms, 80 bins, dither 0) with the per-segment
    /// mean subtracted, as WeSpeaker's <c>compute_fbank</c> + <c>apply_cmvn(norm_var=False)</c> do.</param>
    /// <param name="options">Batching options.</param>
    /// <param name="session">Session options.</param>
    /// <param name="sampleRate">Sample rate the front end expects (Hz).</param>
    public static OnnxSpeakerEmbedder WeSpeaker(string modelPath, FeatureFrontEnd frontEnd, EmbeddingOptions? options = null, OnnxSessionOptions? session = null, int sampleRate = 16000) =>
        Create(modelPath, EmbeddingInput.WeSpeakerFbank, frontEnd, options, session, sampleRate);

    /// <summary>Opens a WeSpeaker-contract model with its own front end:
    /// <c>KaldiFbank.Compute(segment, FbankOptions.WeSpeakerFbank80)</c> (80-bin Kaldi fbank, Hamming window, samples ×
    /// 2^15, per-segment mean subtracted), as WeSpeaker and pyannote.audio 3.1's <c>WeSpeakerResNet34</c> compute it.</summary>
    public static OnnxSpeakerEmbedder WeSpeaker(string modelPath, EmbeddingOptions? options = null, OnnxSessionOptions? session = null) =>
        Create(modelPath, EmbeddingInput.WeSpeakerFbank, WeSpeakerFrontEnd, options, session, 16000);

    /// <summary>The WeSpeaker front end (see <see cref="WeSpeaker(string, EmbeddingOptions?, OnnxSessionOptions?)"/>).</summary>
    public static float[,] WeSpeakerFrontEnd(Signal segment) => KaldiFbank.Compute(segment, FbankOptions.WeSpeakerFbank80);

    /// <summary>Opens a NeMo-contract model (<c>processed_signal [B,80,T]</c>, <c>processed_signal_length [B]</c> → <c>embs</c>).
    /// <paramref name="frontEnd"/> returns [T,80] log-mel features (NeMo's <c>AudioToMelSpectrogramPreprocessor</c>); they are transposed here.</summary>
    public static OnnxSpeakerEmbedder Nemo(string modelPath, FeatureFrontEnd frontEnd, EmbeddingOptions? options = null, OnnxSessionOptions? session = null, int sampleRate = 16000) =>
        Create(modelPath, EmbeddingInput.NemoMel, frontEnd, options, session, sampleRate);

    /// <summary>Opens a NeMo-contract model (TitaNet, ECAPA exports) with NeMo's own front end, <see cref="NeMoMel"/>:
    /// each segment's valid frames are computed with <paramref name="mel"/> (default <see cref="NeMoMelOptions.TitaNet"/>),
    /// and a batch is padded with <see cref="NeMoMelOptions.PadValue"/> frames to a multiple of <see cref="NeMoMelOptions.PadTo"/>
    /// while <c>processed_signal_length</c> carries the valid count — exactly what NeMo's preprocessor hands the encoder.
    /// Frame masks index the valid frames.</summary>
    public static OnnxSpeakerEmbedder Nemo(string modelPath, NeMoMelOptions? mel = null, EmbeddingOptions? options = null, OnnxSessionOptions? session = null)
    {
        var o = mel ?? NeMoMelOptions.TitaNet;
        o.Validate();
        var e = Create(modelPath, EmbeddingInput.NemoMel, NeMoFrontEnd(o), options, session, o.SampleRate);
        e._padTo = o.PadTo;
        e._padValue = (float)o.PadValue;
        return e;
    }

    /// <summary>NeMo's front end as a <see cref="FeatureFrontEnd"/>: the valid [Length, NMels] frames of <see cref="NeMoMel.Compute"/>
    /// (without the pad_to frames; <see cref="Nemo(string, NeMoMelOptions?, EmbeddingOptions?, OnnxSessionOptions?)"/> adds them per batch).</summary>
    public static FeatureFrontEnd NeMoFrontEnd(NeMoMelOptions mel)
    {
        ArgumentNullException.ThrowIfNull(mel);
        return segment =>
        {
            var r = NeMoMel.Compute(segment, mel);
            int n = mel.NMels;
            var o = new float[r.Length, n];
            for (int t = 0; t < r.Length; t++)
                for (int m = 0; m < n; m++) o[t, m] = (float)r.Features[t, m];
            return o;
        };
    }

    /// <summary>Opens a raw-waveform model (<c>[B,T]</c> or <c>[B,1,T]</c> samples → <c>[B,D]</c>).</summary>
    public static OnnxSpeakerEmbedder RawWaveform(string modelPath, EmbeddingOptions? options = null, OnnxSessionOptions? session = null, int sampleRate = 16000) =>
        Create(modelPath, EmbeddingInput.RawWaveform, null, options, session, sampleRate);

    private static OnnxSpeakerEmbedder Create(string path, EmbeddingInput input, FeatureFrontEnd? frontEnd, EmbeddingOptions? options, OnnxSessionOptions? session, int sampleRate)
    {
        if (input != EmbeddingInput.RawWaveform) ArgumentNullException.ThrowIfNull(frontEnd);
        var m = OnnxModel.Load(path, session ?? OnnxSessionOptions.SingleThread);
        try { return new OnnxSpeakerEmbedder(m, input, frontEnd, options ?? EmbeddingOptions.Default, sampleRate); }
        catch { m.Dispose(); throw; }
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <inheritdoc />
    public int SampleRate { get; }

    /// <inheritdoc />
    public double MinDurationSeconds => _options.MinDurationSeconds;

    /// <summary>The input convention.</summary>
    public EmbeddingInput Input { get; }

    /// <summary>The contract the model was checked against.</summary>
    public ModelContract Contract { get; }

    /// <summary>The model (path, metadata).</summary>
    public OnnxModel Model => _model;

    /// <inheritdoc />
    public float[,] Embed(IReadOnlyList<Signal> segments) => Embed(segments, null);

    /// <summary>
    /// Embeds each segment; <paramref name="frameMasks"/> (optional, per segment, may hold nulls) keeps only the frames
    /// marked true — feature frames for feature models, samples for raw-waveform models. Masks apply after the crop/pad policy.
    /// </summary>
    /// <exception cref="InvalidParameterException">Empty list, wrong sample rate, a segment shorter than
    /// <see cref="MinDurationSeconds"/>, or a mask of the wrong length or selecting nothing.</exception>
    public float[,] Embed(IReadOnlyList<Signal> segments, IReadOnlyList<bool[]?>? frameMasks)
    {
        ArgumentNullException.ThrowIfNull(segments);
        if (segments.Count == 0)
            throw new InvalidParameterException("segments", "the segment list is empty; give at least one segment (check the RTTM/window settings that produced it).");
        SpeakerEmbedderSegments.Check(this, segments, "EmbeddingOptions.MinDurationSeconds");
        var items = new float[segments.Count][];
        var frames = new int[segments.Count];
        for (int i = 0; i < segments.Count; i++)
        {
            var s = segments[i];
            var x = _options.FixedSeconds is { } f ? CropOrTile(s.Samples, (int)Math.Round(f * SampleRate)) : s.ToArray();
            if (Input == EmbeddingInput.RawWaveform) { items[i] = x; frames[i] = x.Length; }
            else
            {
                var feats = _frontEnd!(new Signal(x, SampleRate));
                if (feats.GetLength(1) != _featureBins)
                    throw new InvalidParameterException("frontEnd", $"the front end returned {feats.GetLength(1)} bins per frame; the {Contract.Name} contract needs {_featureBins}.");
                items[i] = Flatten(feats);
                frames[i] = feats.GetLength(0);
            }
        }
        return Run(items, frames, frameMasks);
    }

    /// <summary>Embeds precomputed feature matrices ([T,80] each) of a feature-input model, with optional frame masks.</summary>
    public float[,] EmbedFeatures(IReadOnlyList<float[,]> features, IReadOnlyList<bool[]?>? frameMasks = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (Input == EmbeddingInput.RawWaveform)
            throw new InvalidParameterException("features", $"{Name} takes raw waveforms; call Embed with signals.");
        if (features.Count == 0)
            throw new InvalidParameterException("features", "the segment list is empty; give at least one feature matrix.");
        var items = new float[features.Count][];
        var frames = new int[features.Count];
        for (int i = 0; i < features.Count; i++)
        {
            if (features[i].GetLength(1) != _featureBins)
                throw new InvalidParameterException("features", $"matrix {i} has {features[i].GetLength(1)} bins per frame; the {Contract.Name} contract needs {_featureBins}.");
            items[i] = Flatten(features[i]);
            frames[i] = features[i].GetLength(0);
        }
        return Run(items, frames, frameMasks);
    }

    /// <summary>Divides each row by its Euclidean norm (rows of zeros stay zero). Returns a new matrix.</summary>
    public static float[,] L2Normalize(float[,] embeddings)
    {
        int n = embeddings.GetLength(0), d = embeddings.GetLength(1);
        var o = new float[n, d];
        for (int i = 0; i < n; i++)
        {
            double ss = 0;
            for (int j = 0; j < d; j++) ss += (double)embeddings[i, j] * embeddings[i, j];
            double inv = ss > 0 ? 1 / Math.Sqrt(ss) : 0;
            for (int j = 0; j < d; j++) o[i, j] = (float)(embeddings[i, j] * inv);
        }
        return o;
    }

    /// <summary>The crop/pad policy of <see cref="EmbeddingOptions.FixedSeconds"/>: centre crop if longer, cyclic repetition if shorter.</summary>
    public static float[] CropOrTile(ReadOnlySpan<float> x, int length)
    {
        var o = new float[length];
        if (x.Length >= length) x.Slice((x.Length - length) / 2, length).CopyTo(o);
        else if (x.Length > 0)
            for (int k = 0; k < length; k += x.Length) x[..Math.Min(x.Length, length - k)].CopyTo(o.AsSpan(k));
        return o;
    }

    private float[,] Run(float[][] items, int[] frames, IReadOnlyList<bool[]?>? masks)
    {
        int w = _featureBins;
        if (masks is not null)
        {
            if (masks.Count != items.Length)
                throw new InvalidParameterException("frameMasks", $"got {masks.Count} masks for {items.Length} segments; give one per segment (null = all frames).");
            for (int i = 0; i < items.Length; i++)
            {
                var m = masks[i];
                if (m is null) continue;
                if (m.Length != frames[i])
                    throw new InvalidParameterException("frameMasks", $"mask {i} has {m.Length} entries but segment {i} has {frames[i]} {(w == 1 ? "samples" : "frames")}.");
                int kept = m.Count(b => b);
                if (kept == 0)
                    throw new InvalidParameterException("frameMasks", $"mask {i} selects no frame; drop that segment instead.");
                var sel = new float[kept * w];
                for (int t = 0, k = 0; t < m.Length; t++)
                    if (m[t]) { Array.Copy(items[i], t * w, sel, k * w, w); k++; }
                items[i] = sel;
                frames[i] = kept;
            }
        }
        var result = new float[items.Length, Dimension];
        // Same-length batches, in order of length then position: identical to one-at-a-time inference.
        var order = Enumerable.Range(0, items.Length).OrderBy(i => frames[i]).ThenBy(i => i).ToArray();
        for (int p = 0; p < order.Length;)
        {
            int t = frames[order[p]], q = p;
            while (q < order.Length && q - p < _maxBatch && frames[order[q]] == t) q++;
            RunBatch(order.AsSpan(p, q - p), items, t, result);
            p = q;
        }
        return result;
    }

    private void RunBatch(ReadOnlySpan<int> idx, float[][] items, int t, float[,] result)
    {
        lock (_runGate) RunBatchLocked(idx, items, t, result);
    }

    private void RunBatchLocked(ReadOnlySpan<int> idx, float[][] items, int t, float[,] result)
    {
        int b = idx.Length, w = _featureBins;
        // NeMo pads the feature axis to a multiple of pad_to; the model still gets the valid length t.
        int tp = Input == EmbeddingInput.NemoMel && _padTo > 0 && t % _padTo != 0 ? t + _padTo - t % _padTo : t;
        int n = b * tp * w;
        if (_inBuf.Length < n) _inBuf = new float[n];
        if (_outBuf.Length < b * Dimension) _outBuf = new float[b * Dimension];
        long[] shape;
        switch (Input)
        {
            case EmbeddingInput.WeSpeakerFbank:
                for (int k = 0; k < b; k++) items[idx[k]].CopyTo(_inBuf, k * t * w);
                shape = [b, t, w];
                break;
            case EmbeddingInput.NemoMel:
                if (tp != t) Array.Fill(_inBuf, _padValue, 0, n);
                for (int k = 0; k < b; k++)
                {
                    var src = items[idx[k]];
                    int o = k * tp * w;
                    for (int f = 0; f < t; f++)
                        for (int c = 0; c < w; c++) _inBuf[o + c * tp + f] = src[f * w + c]; // [T,80] → [80,T]
                }
                shape = [b, w, tp];
                break;
            default:
                for (int k = 0; k < b; k++) items[idx[k]].CopyTo(_inBuf, k * t);
                shape = _channelAxis ? [b, 1, t] : [b, t];
                break;
        }
        using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _inBuf.AsMemory(0, n), shape);
        using var output = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _outBuf.AsMemory(0, b * Dimension), [b, Dimension]);
        if (Input == EmbeddingInput.NemoMel)
        {
            if (_lenBuf.Length < b) _lenBuf = new long[b];
            Array.Fill(_lenBuf, t, 0, b);
            using var len = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _lenBuf.AsMemory(0, b), [b]);
            _model.Run(_inNames, [input, len], _outNames, [output]);
        }
        else _model.Run(_inNames, [input], _outNames, [output]);
        for (int k = 0; k < b; k++)
            for (int j = 0; j < Dimension; j++) result[idx[k], j] = _outBuf[k * Dimension + j];
    }

    /// <summary>Runs a 1 s silent input to learn D when the graph leaves it symbolic.</summary>
    private int Probe()
    {
        int t = Input == EmbeddingInput.RawWaveform ? SampleRate : 100;
        var x = new float[t * _featureBins];
        long[] shape = Input switch
        {
            EmbeddingInput.WeSpeakerFbank => [1, t, _featureBins],
            EmbeddingInput.NemoMel => [1, _featureBins, t],
            _ => _channelAxis ? [1, 1, t] : [1, t],
        };
        using var input = OrtValue.CreateTensorValueFromMemory(x, shape);
        using var len = OrtValue.CreateTensorValueFromMemory(new long[] { t }, [1]);
        IReadOnlyList<OrtValue> ins = Input == EmbeddingInput.NemoMel ? [input, len] : [input];
        using var outs = _model.Run(_inNames, ins, _outNames);
        var s = outs[0].GetTensorTypeAndShape().Shape;
        if (s.Length != 2)
            throw new InvalidInputFileException(_model.Path, $"the embedding output has shape [{string.Join(",", s)}]; the {Contract.Name} contract needs [B,D].");
        return (int)s[1];
    }

    private static float[] Flatten(float[,] m)
    {
        var o = new float[m.Length];
        Buffer.BlockCopy(m, 0, o, 0, m.Length * sizeof(float));
        return o;
    }

    /// <inheritdoc />
    public void Dispose() => _model.Dispose();
}
