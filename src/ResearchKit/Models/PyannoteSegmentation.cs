using Microsoft.ML.OnnxRuntime;
using ResearchKit.Audio;

namespace ResearchKit.Models;

/// <summary>
/// A pyannote segmentation-3.0-contract ONNX model (<c>[B,1,160000]</c> 16 kHz samples → <c>[B,589,7]</c> powerset
/// log-probabilities) run over a signal in sliding windows, in batches.
/// </summary>
/// <remarks>
/// Chunking follows pyannote.audio's <c>Inference.slide</c>: full windows at k·step while they fit, then — if samples
/// remain, or the audio is shorter than one window — one last chunk starting at the next step, zero-padded to the window.
/// Buffers are reused between batches, so an instance is not thread-safe: use one per thread.
/// </remarks>
public sealed class PyannoteSegmentation : IDisposable
{
    /// <summary>Sample rate of segmentation-3.0 (Hz).</summary>
    public const int SampleRate = 16000;

    private readonly OnnxModel _model;
    private readonly SegmentationOptions _options;
    private readonly string[] _inNames, _outNames;
    private readonly int _window;
    private float[] _inBuf = [], _outBuf = [];
    private int _frames = -1, _classes;

    private PyannoteSegmentation(OnnxModel model, SegmentationOptions options)
    {
        options.Validate();
        model.Check(ModelContract.PyannoteSegmentation30);
        _model = model;
        _options = options;
        _window = (int)Math.Round(options.WindowSeconds * SampleRate);
        var inInfo = model.InputFor(ModelContract.PyannoteSegmentation30, 0);
        if (inInfo.Shape[2] > 0 && inInfo.Shape[2] != _window)
            throw new InvalidParameterException(nameof(options.WindowSeconds),
                $"{model.Path} takes windows of {inInfo.Shape[2]} samples ({inInfo.Shape[2] / (double)SampleRate} s) but the options ask for {_window}; set WindowSeconds to match.");
        _inNames = [inInfo.Name];
        var outInfo = model.OutputFor(ModelContract.PyannoteSegmentation30, 0);
        _outNames = [outInfo.Name];
        _classes = (int)outInfo.Shape[2];
        if (outInfo.Shape[1] > 0) _frames = (int)outInfo.Shape[1];
        Powerset = Powerset.Segmentation30;
    }

    /// <summary>Opens a model and checks its contract.</summary>
    public static PyannoteSegmentation Open(string modelPath, SegmentationOptions? options = null, OnnxSessionOptions? session = null)
    {
        var m = OnnxModel.Load(modelPath, session ?? OnnxSessionOptions.SingleThread);
        try { return new PyannoteSegmentation(m, options ?? SegmentationOptions.Pyannote311); }
        catch { m.Dispose(); throw; }
    }

    /// <summary>The powerset of the output classes.</summary>
    public Powerset Powerset { get; }

    /// <summary>The model (path, metadata).</summary>
    public OnnxModel Model => _model;

    /// <summary>Chunk start offsets in samples for a signal of <paramref name="samples"/> samples (pyannote's rule, see remarks).</summary>
    public static int[] ChunkStartSamples(int samples, int window, int step)
    {
        int full = samples >= window ? (samples - window) / step + 1 : 0;
        bool last = samples < window || (samples - window) % step > 0;
        var o = new int[full + (last ? 1 : 0)];
        for (int c = 0; c < o.Length; c++) o[c] = c * step;
        return o;
    }

    /// <summary>Runs the model over the whole signal.</summary>
    /// <exception cref="InvalidParameterException">The signal is not at 16 kHz, or is empty.</exception>
    public SegmentationResult Run(Signal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        if (signal.SampleRate != SampleRate)
            throw new InvalidParameterException("sampleRate", $"segmentation-3.0 needs {SampleRate} Hz audio, got {signal.SampleRate} Hz; resample first (e.g. `sox in.wav -r 16000 out.wav`).");
        if (signal.Length == 0)
            throw new InvalidParameterException("signal", "the audio is empty; nothing to segment.");
        int step = (int)Math.Round(_options.StepSeconds * SampleRate);
        var starts = ChunkStartSamples(signal.Length, _window, step);
        var x = signal.Samples;
        float[,,]? result = null;
        for (int p = 0; p < starts.Length; p += _options.BatchSize)
        {
            int b = Math.Min(_options.BatchSize, starts.Length - p);
            if (_inBuf.Length < b * _window) _inBuf = new float[b * _window];
            for (int k = 0; k < b; k++)
            {
                int s = starts[p + k], n = Math.Min(_window, x.Length - s);
                var dst = _inBuf.AsSpan(k * _window, _window);
                x.Slice(s, n).CopyTo(dst);
                dst[n..].Clear(); // zero padding of the last chunk, as pyannote does
            }
            using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _inBuf.AsMemory(0, b * _window), [b, 1, _window]);
            if (_frames < 0)
            {
                // Frame count not declared: let ORT allocate once to learn it.
                using var outs = _model.Run(_inNames, [input], _outNames);
                var shape = outs[0].GetTensorTypeAndShape().Shape;
                _frames = (int)shape[1];
                result ??= new float[starts.Length, _frames, _classes];
                CopyOut(outs[0].GetTensorDataAsSpan<float>(), result, p, b);
                continue;
            }
            result ??= new float[starts.Length, _frames, _classes];
            int m = b * _frames * _classes;
            if (_outBuf.Length < m) _outBuf = new float[m];
            using var output = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _outBuf.AsMemory(0, m), [b, _frames, _classes]);
            _model.Run(_inNames, [input], _outNames, [output]);
            CopyOut(_outBuf.AsSpan(0, m), result, p, b);
        }
        double frameStep, frameDur;
        if (_options.Frames == SegmentationFrames.Pyannote311) frameStep = frameDur = _options.WindowSeconds / _frames;
        else { frameStep = 270.0 / SampleRate; frameDur = 991.0 / SampleRate; }
        return new SegmentationResult(starts.Select(s => (double)s / SampleRate).ToArray(), _options.WindowSeconds, result!, frameStep, frameDur, Powerset);
    }

    private void CopyOut(ReadOnlySpan<float> src, float[,,] dst, int first, int b)
    {
        int per = _frames * _classes;
        for (int k = 0; k < b; k++)
            for (int f = 0; f < _frames; f++)
                for (int c = 0; c < _classes; c++) dst[first + k, f, c] = src[k * per + f * _classes + c];
    }

    /// <inheritdoc />
    public void Dispose() => _model.Dispose();
}
