using System.Text.Json.Serialization;

namespace ResearchKit.Plotting;

/// <summary>
/// plotly.js <c>layout</c>. Axes beyond the first pair (<c>xaxis2</c>, <c>yaxis3</c>…) and any attribute not typed
/// here go into <see cref="Extra"/>, written as top-level layout keys.
/// </summary>
public sealed class Layout
{
    /// <summary>Figure title.</summary>
    [JsonPropertyName("title")] public Title? Title { get; init; }
    /// <summary>Width in px (rendering uses the renderer's size when null).</summary>
    [JsonPropertyName("width")] public int? Width { get; init; }
    /// <summary>Height in px.</summary>
    [JsonPropertyName("height")] public int? Height { get; init; }
    /// <summary>First x axis.</summary>
    [JsonPropertyName("xaxis")] public Axis? XAxis { get; init; }
    /// <summary>First y axis.</summary>
    [JsonPropertyName("yaxis")] public Axis? YAxis { get; init; }
    /// <summary>Whether the legend is shown.</summary>
    [JsonPropertyName("showlegend")] public bool? ShowLegend { get; init; }
    /// <summary>Legend placement.</summary>
    [JsonPropertyName("legend")] public Legend? Legend { get; init; }
    /// <summary>Margins.</summary>
    [JsonPropertyName("margin")] public Margin? Margin { get; init; }
    /// <summary>"group", "stack", "overlay", "relative".</summary>
    [JsonPropertyName("barmode")] public string? BarMode { get; init; }
    /// <summary>Gap between bars (fraction of the slot).</summary>
    [JsonPropertyName("bargap")] public double? BarGap { get; init; }
    /// <summary>Global font.</summary>
    [JsonPropertyName("font")] public Font? Font { get; init; }
    /// <summary>Plot-area background colour.</summary>
    [JsonPropertyName("plot_bgcolor")] public string? PlotBackground { get; init; }
    /// <summary>Page background colour.</summary>
    [JsonPropertyName("paper_bgcolor")] public string? PaperBackground { get; init; }
    /// <summary>"closest", "x", "y", "x unified", or false.</summary>
    [JsonPropertyName("hovermode")] public object? HoverMode { get; init; }
    /// <summary>Subplot grid (plotly.js computes the domains).</summary>
    [JsonPropertyName("grid")] public LayoutGrid? Grid { get; init; }
    /// <summary>Shapes (rectangles, lines) drawn on the plot.</summary>
    [JsonPropertyName("shapes")] public IReadOnlyList<Shape>? Shapes { get; init; }
    /// <summary>Text annotations.</summary>
    [JsonPropertyName("annotations")] public IReadOnlyList<LayoutAnnotation>? Annotations { get; init; }
    /// <summary>Further layout keys written as is (<c>xaxis2</c> → <see cref="Axis"/>, any other plotly.js attribute).</summary>
    [JsonExtensionData] public Dictionary<string, object>? Extra { get; init; }
}
