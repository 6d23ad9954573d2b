namespace ResearchKit.Models;

/// <summary>ONNX Runtime failed while running a model (wrong shapes at run time, unsupported operator, out of memory…).
/// The message carries ORT's own message and the model path.</summary>
public sealed class ModelRunException : ResearchKitException
{
    /// <summary>The model file.</summary>
    public string ModelPath { get; }

    /// <summary>Creates the exception.</summary>
    public ModelRunException(string modelPath, string problemAndFix, Exception? inner = null)
        : base($"{modelPath}: {problemAndFix}", inner ?? new InvalidOperationException(problemAndFix))
    {
        ModelPath = modelPath;
    }
}
