using System.Text.Json;
using System.Text.Json.Serialization;

namespace ResearchKit.Plotting;

/// <summary>
/// A plotly.js data array (<c>x</c>, <c>y</c>, <c>text</c>, marker colours…): numbers (double or float, kept in their
/// own precision in the JSON) or strings (categories, labels, colours). NaN and ±∞ are written as <c>null</c>, which
/// plotly.js draws as a gap. Converts implicitly from <c>double[]</c>, <c>float[]</c>, <c>int[]</c> and <c>string[]</c>.
/// </summary>
[JsonConverter(typeof(ValuesJsonConverter))]
public sealed class Values
{
    private readonly double[]? _d;
    private readonly float[]? _f;
    private readonly string?[]? _s;

    private Values(double[]? d, float[]? f, string?[]? s) { _d = d; _f = f; _s = s; }

    /// <summary>Number of elements.</summary>
    public int Count => _d?.Length ?? _f?.Length ?? _s!.Length;

    /// <summary>True when the values are strings (categories or labels).</summary>
    public bool IsText => _s is not null;

    /// <summary>Element <paramref name="i"/> as a number (NaN for text).</summary>
    public double Number(int i) => _d is not null ? _d[i] : _f is not null ? _f[i] : double.NaN;

    /// <summary>Numbers (double precision); the array is used as is.</summary>
    public static Values Of(double[] values) => new(values ?? throw new ArgumentNullException(nameof(values)), null, null);

    /// <summary>Numbers written with float precision (shorter JSON for spectrograms); the array is used as is.</summary>
    public static Values Of(float[] values) => new(null, values ?? throw new ArgumentNullException(nameof(values)), null);

    /// <summary>Strings (categories, labels, colours); <c>null</c> elements are written as <c>null</c>.</summary>
    public static Values Of(string?[] values) => new(null, null, values ?? throw new ArgumentNullException(nameof(values)));

    /// <summary>Numbers from any sequence (copied).</summary>
    public static Values Of(IEnumerable<double> values) => new(values.ToArray(), null, null);

    /// <summary>Strings from any sequence (copied).</summary>
    public static Values Of(IEnumerable<string> values) => new(null, null, values.ToArray());

    /// <summary>Wraps a double array.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(values))]
    public static implicit operator Values?(double[]? values) => values is null ? null : Of(values);

    /// <summary>Wraps a float array.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(values))]
    public static implicit operator Values?(float[]? values) => values is null ? null : Of(values);

    /// <summary>Copies an int array as numbers.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(values))]
    public static implicit operator Values?(int[]? values) => values is null ? null : Of(Array.ConvertAll(values, v => (double)v));

    /// <summary>Wraps a string array.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(values))]
    public static implicit operator Values?(string[]? values) => values is null ? null : Of(values);

    internal void Write(Utf8JsonWriter w)
    {
        w.WriteStartArray();
        if (_d is not null) foreach (var v in _d) WriteNumber(w, v);
        else if (_f is not null) foreach (var v in _f) WriteNumber(w, v);
        else foreach (var v in _s!) { if (v is null) w.WriteNullValue(); else w.WriteStringValue(v); }
        w.WriteEndArray();
    }

    internal static void WriteNumber(Utf8JsonWriter w, double v)
    {
        if (double.IsFinite(v)) w.WriteNumberValue(v); else w.WriteNullValue();
    }

    internal static void WriteNumber(Utf8JsonWriter w, float v)
    {
        if (float.IsFinite(v)) w.WriteNumberValue(v); else w.WriteNullValue();
    }
}

/// <summary>Writes <see cref="Values"/> as a JSON array (reading is not supported: figures are built in C#).</summary>
internal sealed class ValuesJsonConverter : JsonConverter<Values>
{
    public override Values Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("ResearchKit figures are written, not read; parse plotly JSON with System.Text.Json.Nodes.");

    public override void Write(Utf8JsonWriter writer, Values value, JsonSerializerOptions options) => value.Write(writer);
}
