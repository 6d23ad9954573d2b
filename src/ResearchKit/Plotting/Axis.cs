using System.Text.Json.Serialization;

namespace ResearchKit.Plotting;

/// <summary>A cartesian axis (<c>layout.xaxis</c>, <c>layout.yaxis2</c>…), plotly.js attribute names.</summary>
public sealed record Axis
{
    /// <summary>Axis title.</summary>
    [JsonPropertyName("title")] public Title? Title { get; init; }
    /// <summary>"linear", "log", "category", "date".</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }
    /// <summary>Visible range [min, max] in data units.</summary>
    [JsonPropertyName("range")] public double[]? Range { get; init; }
    /// <summary><c>true</c>, <c>false</c> or <c>"reversed"</c> (e.g. matrix rows top-down).</summary>
    [JsonPropertyName("autorange")] public object? AutoRange { get; init; }
    /// <summary>Part of the plot area the axis spans [from, to], paper fraction (subplots).</summary>
    [JsonPropertyName("domain")] public double[]? Domain { get; init; }
    /// <summary>The axis this one is drawn against ("x", "y2", "free").</summary>
    [JsonPropertyName("anchor")] public string? Anchor { get; init; }
    /// <summary>Another axis whose range this one follows ("x" → shared zoom).</summary>
    [JsonPropertyName("matches")] public string? Matches { get; init; }
    /// <summary>Axis whose scale this one equals (square heatmaps: "x").</summary>
    [JsonPropertyName("scaleanchor")] public string? ScaleAnchor { get; init; }
    /// <summary>Whether grid lines are drawn.</summary>
    [JsonPropertyName("showgrid")] public bool? ShowGrid { get; init; }
    /// <summary>Whether the zero line is drawn.</summary>
    [JsonPropertyName("zeroline")] public bool? ZeroLine { get; init; }
    /// <summary>Whether tick labels are drawn.</summary>
    [JsonPropertyName("showticklabels")] public bool? ShowTickLabels { get; init; }
    /// <summary>"auto", "linear", "array".</summary>
    [JsonPropertyName("tickmode")] public string? TickMode { get; init; }
    /// <summary>Tick positions (with <c>tickmode = "array"</c>).</summary>
    [JsonPropertyName("tickvals")] public Values? TickVals { get; init; }
    /// <summary>Tick labels at <see cref="TickVals"/>.</summary>
    [JsonPropertyName("ticktext")] public Values? TickText { get; init; }
    /// <summary>Tick step in data units.</summary>
    [JsonPropertyName("dtick")] public double? DTick { get; init; }
    /// <summary>d3 tick format, e.g. ".0%".</summary>
    [JsonPropertyName("tickformat")] public string? TickFormat { get; init; }
    /// <summary>"top"/"bottom" for x, "left"/"right" for y.</summary>
    [JsonPropertyName("side")] public string? Side { get; init; }
    /// <summary>"trace", "category ascending", "array" (then <see cref="CategoryArray"/>)…</summary>
    [JsonPropertyName("categoryorder")] public string? CategoryOrder { get; init; }
    /// <summary>Category order with <c>categoryorder = "array"</c>.</summary>
    [JsonPropertyName("categoryarray")] public Values? CategoryArray { get; init; }
    /// <summary>Axis on which this one is overlaid ("y" for a second y axis).</summary>
    [JsonPropertyName("overlaying")] public string? Overlaying { get; init; }
}

/// <summary>A layout shape (<c>layout.shapes[i]</c>): rectangle, line or circle, in data or paper coordinates.</summary>
public sealed class Shape
{
    /// <summary>"rect", "line", "circle".</summary>
    [JsonPropertyName("type")] public string Type { get; init; } = "rect";
    /// <summary>"x", "x2"… (data) or "paper".</summary>
    [JsonPropertyName("xref")] public string? XRef { get; init; }
    /// <summary>"y", "y2"… (data) or "paper".</summary>
    [JsonPropertyName("yref")] public string? YRef { get; init; }
    /// <summary>Start x.</summary>
    [JsonPropertyName("x0")] public double X0 { get; init; }
    /// <summary>End x.</summary>
    [JsonPropertyName("x1")] public double X1 { get; init; }
    /// <summary>Start y.</summary>
    [JsonPropertyName("y0")] public double Y0 { get; init; }
    /// <summary>End y.</summary>
    [JsonPropertyName("y1")] public double Y1 { get; init; }
    /// <summary>Fill colour (rect, circle).</summary>
    [JsonPropertyName("fillcolor")] public string? FillColor { get; init; }
    /// <summary>Opacity 0–1.</summary>
    [JsonPropertyName("opacity")] public double? Opacity { get; init; }
    /// <summary>Outline.</summary>
    [JsonPropertyName("line")] public Line? Line { get; init; }
    /// <summary>"below" (under traces) or "above".</summary>
    [JsonPropertyName("layer")] public string? Layer { get; init; }
}

/// <summary>A text annotation (<c>layout.annotations[i]</c>).</summary>
public sealed class LayoutAnnotation
{
    /// <summary>Text (plotly.js HTML subset).</summary>
    [JsonPropertyName("text")] public string Text { get; init; } = "";
    /// <summary>x position.</summary>
    [JsonPropertyName("x")] public double X { get; init; }
    /// <summary>y position.</summary>
    [JsonPropertyName("y")] public double Y { get; init; }
    /// <summary>"x", "x2"… or "paper".</summary>
    [JsonPropertyName("xref")] public string? XRef { get; init; }
    /// <summary>"y", "y2"… or "paper".</summary>
    [JsonPropertyName("yref")] public string? YRef { get; init; }
    /// <summary>Whether an arrow points at (x, y).</summary>
    [JsonPropertyName("showarrow")] public bool? ShowArrow { get; init; }
    /// <summary>Arrow tail x offset in px.</summary>
    [JsonPropertyName("ax")] public double? AX { get; init; }
    /// <summary>Arrow tail y offset in px.</summary>
    [JsonPropertyName("ay")] public double? AY { get; init; }
    /// <summary>"left", "center", "right".</summary>
    [JsonPropertyName("xanchor")] public string? XAnchor { get; init; }
    /// <summary>"top", "middle", "bottom".</summary>
    [JsonPropertyName("yanchor")] public string? YAnchor { get; init; }
    /// <summary>Font.</summary>
    [JsonPropertyName("font")] public Font? Font { get; init; }
}
