using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ResearchKit.Plotting;

/// <summary>
/// A plotly.js figure: <c>{"data": [traces], "layout": {...}}</c>, the schema plotly.js renders and Plotly.NET emits.
/// Build it with the typed traces and layout, render it with <see cref="HtmlRenderer"/> or <see cref="ChromiumRenderer"/>.
/// </summary>
public sealed class Figure
{
    private static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Default encoder escapes <, >, & and non-ASCII: the JSON can be inlined in an HTML <script> safely.
        Encoder = JavaScriptEncoder.Default,
        Converters = { new TraceJsonConverter() },
    };

    /// <summary>Creates a figure from traces and a layout.</summary>
    public Figure(IEnumerable<Trace> data, Layout? layout = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        Data = data.ToArray();
        for (int i = 0; i < Data.Count; i++)
            if (Data[i] is null) throw new InvalidParameterException("data", $"trace {i} is null; pass only non-null traces.");
        Layout = layout ?? new Layout();
    }

    /// <summary>Creates a figure with a single trace.</summary>
    public Figure(Trace trace, Layout? layout = null) : this([trace], layout) { }

    /// <summary>The traces, drawn in order.</summary>
    [JsonPropertyName("data")] public IReadOnlyList<Trace> Data { get; }

    /// <summary>The layout.</summary>
    [JsonPropertyName("layout")] public Layout Layout { get; }

    /// <summary>The figure as compact plotly.js JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>The figure as a UTF-8 JSON file (written atomically).</summary>
    public void Save(string path) => IO.AtomicFile.WriteAllText(path, ToJson());

    /// <inheritdoc />
    public override string ToString() =>
        $"Figure({Data.Count} trace(s): {string.Join(", ", Data.Select(t => t.Type).Distinct())}; title: {Layout.Title?.Text ?? "none"})";
}

/// <summary>Writes each trace with its runtime type's attributes (System.Text.Json would otherwise write only the base's).</summary>
internal sealed class TraceJsonConverter : JsonConverter<Trace>
{
    public override Trace Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("ResearchKit figures are written, not read.");

    public override void Write(Utf8JsonWriter writer, Trace value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, value.GetType(), options);
}
