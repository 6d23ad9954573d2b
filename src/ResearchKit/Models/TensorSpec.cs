using System.Globalization;

namespace ResearchKit.Models;

/// <summary>Element types a contract can require (the ONNX tensor element types ResearchKit uses).</summary>
public enum TensorKind
{
    /// <summary>float32.</summary>
    Float32,
    /// <summary>int64.</summary>
    Int64,
    /// <summary>Anything (not checked).</summary>
    Any,
}

/// <summary>
/// One declared tensor of a model contract: a name, an element type and a shape written the way papers and model
/// cards write it, e.g. <c>feats [B,T,80]</c>. Numbers are fixed sizes; identifiers (B, T, …) are free sizes.
/// </summary>
/// <param name="Name">Tensor name in the ONNX graph, or <c>null</c> to match the tensor at the same position whatever its name.</param>
/// <param name="Kind">Element type.</param>
/// <param name="Shape">Dimensions: a positive number is a fixed size, <c>-1</c> a free one; see <see cref="Parse"/>.</param>
/// <param name="Symbols">Names of the dimensions for messages (same length as <paramref name="Shape"/>).</param>
public sealed record TensorSpec(string? Name, TensorKind Kind, IReadOnlyList<long> Shape, IReadOnlyList<string> Symbols)
{
    /// <summary>Parses <c>"B,T,80"</c> (or <c>"[B,T,80]"</c>; <c>""</c> is a scalar) into a spec.</summary>
    public static TensorSpec Parse(string? name, string shape, TensorKind kind = TensorKind.Float32)
    {
        var body = shape.Trim().TrimStart('[').TrimEnd(']');
        var parts = body.Length == 0 ? [] : body.Split(',', StringSplitOptions.TrimEntries);
        var dims = new long[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            dims[i] = long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : -1;
        return new TensorSpec(name, kind, dims, parts);
    }

    /// <summary>Rank (number of dimensions).</summary>
    public int Rank => Shape.Count;

    /// <summary>Formats as <c>name [B,T,80]</c>.</summary>
    public override string ToString() => $"{Name ?? "(any name)"} [{string.Join(",", Symbols)}]" + (Kind == TensorKind.Float32 ? "" : $" {KindName(Kind)}");

    internal static string KindName(TensorKind k) => k switch { TensorKind.Float32 => "float32", TensorKind.Int64 => "int64", _ => "any" };
}

/// <summary>Description of one input or output the model file declares (read from the ONNX graph).</summary>
/// <param name="Name">Tensor name.</param>
/// <param name="ElementType">Element type name as ONNX Runtime reports it (e.g. <c>Single</c>, <c>Int64</c>).</param>
/// <param name="Shape">Dimensions; <c>-1</c> where the graph leaves the size free.</param>
/// <param name="Symbols">Symbolic names of the free dimensions (empty string where the graph gives none).</param>
public sealed record ModelTensorInfo(string Name, string ElementType, IReadOnlyList<long> Shape, IReadOnlyList<string> Symbols)
{
    /// <summary>Formats as <c>name [B,1,T]</c> (free dimensions by their symbolic name or <c>?</c>).</summary>
    public override string ToString()
    {
        var d = Shape.Select((s, i) => s > 0 ? s.ToString(CultureInfo.InvariantCulture) : (Symbols.Count > i && Symbols[i].Length > 0 ? Symbols[i] : "?"));
        return $"{Name} [{string.Join(",", d)}]" + (ElementType == "Single" ? "" : $" {ElementType.ToLowerInvariant()}");
    }
}
