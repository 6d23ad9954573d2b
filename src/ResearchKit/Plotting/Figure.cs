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

    private Figure(System.Text.Json.Nodes.JsonObject raw, Layout layout)
    {
        _raw = raw;
        Data = [];
        Layout = layout;
    }

    private readonly System.Text.Json.Nodes.JsonObject? _raw;

    /// <summary>
    /// A figure from plotly.js JSON made elsewhere (Plotly.NET's <c>GenericChart.toFigureJson</c>, plotly.py's
    /// <c>fig.to_json()</c>): <c>{"data": [...], "layout": {...}}</c>. It is rendered as given; <see cref="Data"/> is
    /// empty and <see cref="Layout"/> carries only the width, height and title read from it.
    /// </summary>
    public static Figure FromJson(string json)
    {
        System.Text.Json.Nodes.JsonNode? node;
        try { node = System.Text.Json.Nodes.JsonNode.Parse(json ?? throw new InvalidParameterException(nameof(json), "is null; pass plotly figure JSON.")); }
        catch (JsonException e) { throw new InvalidParameterException(nameof(json), $"is not valid JSON ({e.Message}); pass plotly figure JSON {{\"data\": [...], \"layout\": {{...}}}}."); }
        if (node is not System.Text.Json.Nodes.JsonObject o || o["data"] is not System.Text.Json.Nodes.JsonArray)
            throw new InvalidParameterException(nameof(json), "has no \"data\" array; pass a plotly figure {\"data\": [...], \"layout\": {...}}.");
        var l = o["layout"] as System.Text.Json.Nodes.JsonObject;
        int? Size(string key) => l?[key] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<double>(out var d) && d > 0 ? (int)d : null;
        string? title = l?["title"] switch
        {
            System.Text.Json.Nodes.JsonValue v when v.TryGetValue<string>(out var t) => t,
            System.Text.Json.Nodes.JsonObject t => t["text"]?.GetValue<string>(),
            _ => null,
        };
        var copy = new System.Text.Json.Nodes.JsonObject { ["data"] = o["data"]!.DeepClone(), ["layout"] = l?.DeepClone() ?? new System.Text.Json.Nodes.JsonObject() };
        return new Figure(copy, new Layout { Width = Size("width"), Height = Size("height"), Title = title });
    }

    /// <summary>Creates a figure with a single trace.</summary>
    public Figure(Trace trace, Layout? layout = null) : this([trace], layout) { }

    /// <summary>The traces, drawn in order.</summary>
    [JsonPropertyName("data")] public IReadOnlyList<Trace> Data { get; }

    /// <summary>The layout.</summary>
    [JsonPropertyName("layout")] public Layout Layout { get; }

    /// <summary>The figure as compact plotly.js JSON.</summary>
    public string ToJson() => _raw is not null ? _raw.ToJsonString(Options) : JsonSerializer.Serialize(this, Options);

    /// <summary>The figure as a UTF-8 JSON file (written atomically).</summary>
    public void Save(string path) => IO.AtomicFile.WriteAllText(path, ToJson());

    /// <inheritdoc />
    public override string ToString() =>
        _raw is not null ? $"Figure(from JSON, {_raw["data"]!.AsArray().Count} trace(s); title: {Layout.Title?.Text ?? "none"})" : $"Figure({Data.Count} trace(s): {string.Join(", ", Data.Select(t => t.Type).Distinct())}; title: {Layout.Title?.Text ?? "none"})";
}

/// <summary>Writes each trace with its runtime type's attributes (System.Text.Json would otherwise write only the base's).</summary>
internal sealed class TraceJsonConverter : JsonConverter<Trace>
{
    public override Trace Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("ResearchKit figures are written, not read.");

    public override void Write(Utf8JsonWriter writer, Trace value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, value.GetType(), options);
}
