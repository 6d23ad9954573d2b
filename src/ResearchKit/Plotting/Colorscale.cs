using System.Text.Json;
using System.Text.Json.Serialization;

namespace ResearchKit.Plotting;

/// <summary>
/// A plotly.js colour scale: a built-in name (<c>"Viridis"</c>, <c>"Greys"</c>, <c>"RdBu"</c>…) or explicit stops
/// <c>[[0, colour], …, [1, colour]]</c>. Converts implicitly from a name.
/// </summary>
[JsonConverter(typeof(ColorscaleJsonConverter))]
public sealed class Colorscale
{
    private Colorscale(string? name, (double Position, string Color)[]? stops) { Name = name; Stops = stops; }

    /// <summary>The built-in scale name, or null for explicit stops.</summary>
    public string? Name { get; }

    /// <summary>Explicit stops (position in [0, 1] ascending, CSS colour), or null for a named scale.</summary>
    public IReadOnlyList<(double Position, string Color)>? Stops { get; }

    /// <summary>A built-in plotly.js scale by name.</summary>
    public static Colorscale Named(string name) =>
        string.IsNullOrWhiteSpace(name) ? throw new InvalidParameterException("colorscale", "the colour scale name is empty; use a plotly.js name such as \"Viridis\".") : new(name, null);

    /// <summary>Explicit stops; positions must start at 0, end at 1 and increase.</summary>
    public static Colorscale FromStops(params (double Position, string Color)[] stops)
    {
        if (stops.Length < 2 || stops[0].Position != 0 || stops[^1].Position != 1)
            throw new InvalidParameterException("colorscale", "explicit colour-scale stops must start at position 0 and end at 1 (at least two stops).");
        for (int i = 1; i < stops.Length; i++)
            if (!(stops[i].Position >= stops[i - 1].Position))
                throw new InvalidParameterException("colorscale", $"stop positions must increase; stop {i} is at {stops[i].Position} after {stops[i - 1].Position}.");
        return new(null, stops);
    }

    /// <summary>plotly.js "Viridis" (perceptually uniform; default for features).</summary>
    public static Colorscale Viridis => Named("Viridis");

    /// <summary>plotly.js "Greys".</summary>
    public static Colorscale Greys => Named("Greys");

    /// <summary>A built-in scale by name.</summary>
    public static implicit operator Colorscale(string name) => Named(name);

    internal void Write(Utf8JsonWriter w)
    {
        if (Name is not null) { w.WriteStringValue(Name); return; }
        w.WriteStartArray();
        foreach (var (p, c) in Stops!)
        {
            w.WriteStartArray(); w.WriteNumberValue(p); w.WriteStringValue(c); w.WriteEndArray();
        }
        w.WriteEndArray();
    }
}

/// <summary>Writes <see cref="Colorscale"/> as a name or a list of stops.</summary>
internal sealed class ColorscaleJsonConverter : JsonConverter<Colorscale>
{
    public override Colorscale Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("ResearchKit figures are written, not read.");

    public override void Write(Utf8JsonWriter writer, Colorscale value, JsonSerializerOptions options) => value.Write(writer);
}
