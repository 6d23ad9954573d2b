using System.Text.Json.Serialization;

namespace ResearchKit.Plotting;

// Small plotly.js attribute objects shared by traces and layout. Property names are the plotly.js schema's
// (plot-schema.json of plotly.js 4.x); unset (null) properties are omitted so plotly.js applies its defaults.

/// <summary>A title: <c>{text, x, xanchor, font}</c>. Converts implicitly from a string.</summary>
public sealed class Title
{
    /// <summary>Title text (plotly.js accepts a small HTML subset: &lt;b&gt;, &lt;br&gt;, &lt;sub&gt;…).</summary>
    [JsonPropertyName("text")] public string? Text { get; init; }
    /// <summary>Horizontal position in paper fraction (0–1).</summary>
    [JsonPropertyName("x")] public double? X { get; init; }
    /// <summary>"left", "center" or "right".</summary>
    [JsonPropertyName("xanchor")] public string? XAnchor { get; init; }
    /// <summary>Title font.</summary>
    [JsonPropertyName("font")] public Font? Font { get; init; }
    /// <summary>A title with only text.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    public static implicit operator Title?(string? text) => text is null ? null : new() { Text = text };
}

/// <summary>Font: <c>{family, size, color}</c>.</summary>
public sealed class Font
{
    /// <summary>CSS font family.</summary>
    [JsonPropertyName("family")] public string? Family { get; init; }
    /// <summary>Size in px.</summary>
    [JsonPropertyName("size")] public double? Size { get; init; }
    /// <summary>CSS colour.</summary>
    [JsonPropertyName("color")] public string? Color { get; init; }
}

/// <summary>Line style: <c>{color, width, dash, shape}</c>.</summary>
public sealed class Line
{
    /// <summary>CSS colour.</summary>
    [JsonPropertyName("color")] public string? Color { get; init; }
    /// <summary>Width in px.</summary>
    [JsonPropertyName("width")] public double? Width { get; init; }
    /// <summary>"solid", "dot", "dash", "longdash", "dashdot".</summary>
    [JsonPropertyName("dash")] public string? Dash { get; init; }
    /// <summary>"linear", "spline", "hv", "vh", "hvh", "vhv" (step shapes for piecewise-constant curves).</summary>
    [JsonPropertyName("shape")] public string? Shape { get; init; }
}

/// <summary>Marker style: <c>{color, size, symbol, opacity, colorscale, showscale, colorbar, line}</c>.</summary>
public sealed class Marker
{
    /// <summary>One CSS colour, or per-point colours (strings) or numbers mapped through <see cref="Colorscale"/>.</summary>
    [JsonPropertyName("color")] public object? Color { get; init; }
    /// <summary>Size in px (one value for all points).</summary>
    [JsonPropertyName("size")] public double? Size { get; init; }
    /// <summary>Symbol name ("circle", "square", "diamond", "x"…).</summary>
    [JsonPropertyName("symbol")] public string? Symbol { get; init; }
    /// <summary>Opacity 0–1.</summary>
    [JsonPropertyName("opacity")] public double? Opacity { get; init; }
    /// <summary>Colour scale for numeric <see cref="Color"/>.</summary>
    [JsonPropertyName("colorscale")] public Colorscale? Colorscale { get; init; }
    /// <summary>Whether to draw a colour bar for numeric colours.</summary>
    [JsonPropertyName("showscale")] public bool? ShowScale { get; init; }
    /// <summary>The colour bar.</summary>
    [JsonPropertyName("colorbar")] public ColorBar? ColorBar { get; init; }
    /// <summary>Marker outline.</summary>
    [JsonPropertyName("line")] public Line? Line { get; init; }
}

/// <summary>Colour bar of a heatmap or colour-mapped marker: <c>{title, thickness, len, x, y, tickformat}</c>.</summary>
public sealed class ColorBar
{
    /// <summary>Colour-bar title.</summary>
    [JsonPropertyName("title")] public Title? Title { get; init; }
    /// <summary>Thickness in px.</summary>
    [JsonPropertyName("thickness")] public double? Thickness { get; init; }
    /// <summary>Length as a fraction of the plot height.</summary>
    [JsonPropertyName("len")] public double? Len { get; init; }
    /// <summary>Horizontal position (paper fraction).</summary>
    [JsonPropertyName("x")] public double? X { get; init; }
    /// <summary>Vertical position (paper fraction).</summary>
    [JsonPropertyName("y")] public double? Y { get; init; }
    /// <summary>d3 tick format, e.g. ".2f".</summary>
    [JsonPropertyName("tickformat")] public string? TickFormat { get; init; }
}

/// <summary>Margins in px: <c>{l, r, t, b}</c>.</summary>
public sealed class Margin
{
    /// <summary>Left.</summary>
    [JsonPropertyName("l")] public double? Left { get; init; }
    /// <summary>Right.</summary>
    [JsonPropertyName("r")] public double? Right { get; init; }
    /// <summary>Top.</summary>
    [JsonPropertyName("t")] public double? Top { get; init; }
    /// <summary>Bottom.</summary>
    [JsonPropertyName("b")] public double? Bottom { get; init; }
}

/// <summary>Legend placement: <c>{orientation, x, y, xanchor, yanchor, title}</c>.</summary>
public sealed class Legend
{
    /// <summary>"v" or "h".</summary>
    [JsonPropertyName("orientation")] public string? Orientation { get; init; }
    /// <summary>Horizontal position (paper fraction).</summary>
    [JsonPropertyName("x")] public double? X { get; init; }
    /// <summary>Vertical position (paper fraction).</summary>
    [JsonPropertyName("y")] public double? Y { get; init; }
    /// <summary>"auto", "left", "center", "right".</summary>
    [JsonPropertyName("xanchor")] public string? XAnchor { get; init; }
    /// <summary>"auto", "top", "middle", "bottom".</summary>
    [JsonPropertyName("yanchor")] public string? YAnchor { get; init; }
    /// <summary>Legend title.</summary>
    [JsonPropertyName("title")] public Title? Title { get; init; }
}

/// <summary>Layout grid for subplots: <c>{rows, columns, pattern}</c> (see <see cref="SubplotGrid"/> for explicit domains).</summary>
public sealed class LayoutGrid
{
    /// <summary>Number of rows.</summary>
    [JsonPropertyName("rows")] public int? Rows { get; init; }
    /// <summary>Number of columns.</summary>
    [JsonPropertyName("columns")] public int? Columns { get; init; }
    /// <summary>"independent" or "coupled".</summary>
    [JsonPropertyName("pattern")] public string? Pattern { get; init; }
}
