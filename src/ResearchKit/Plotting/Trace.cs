using System.Text.Json.Serialization;

namespace ResearchKit.Plotting;

/// <summary>
/// A plotly.js trace (one element of <c>data</c>). Subclasses add the attributes of their <c>type</c>;
/// anything not typed goes into <see cref="Extra"/>.
/// </summary>
public abstract class Trace
{
    /// <summary>The plotly.js trace type ("scatter", "bar", "heatmap", "histogram", "box").</summary>
    [JsonPropertyName("type"), JsonPropertyOrder(-10)] public string Type { get; }

    /// <summary>Sets the plotly.js trace type.</summary>
    protected Trace(string type) => Type = type;
    /// <summary>Legend and hover name.</summary>
    [JsonPropertyName("name"), JsonPropertyOrder(-9)] public string? Name { get; init; }
    /// <summary>Whether this trace has a legend entry.</summary>
    [JsonPropertyName("showlegend")] public bool? ShowLegend { get; init; }
    /// <summary>Traces with the same group toggle together in the legend.</summary>
    [JsonPropertyName("legendgroup")] public string? LegendGroup { get; init; }
    /// <summary>Opacity 0–1.</summary>
    [JsonPropertyName("opacity")] public double? Opacity { get; init; }
    /// <summary>x axis id ("x", "x2"…) for subplots.</summary>
    [JsonPropertyName("xaxis")] public string? XAxis { get; init; }
    /// <summary>y axis id ("y", "y2"…) for subplots.</summary>
    [JsonPropertyName("yaxis")] public string? YAxis { get; init; }
    /// <summary>Hover text per point.</summary>
    [JsonPropertyName("hovertext")] public Values? HoverText { get; init; }
    /// <summary>Further trace attributes written as is.</summary>
    [JsonExtensionData] public Dictionary<string, object>? Extra { get; init; }
}

/// <summary>A <c>scatter</c> trace: points, lines or filled areas.</summary>
public sealed class Scatter : Trace
{
    /// <summary>Creates an empty <c>scatter</c> trace.</summary>
    public Scatter() : base("scatter") { }
    /// <summary>x coordinates.</summary>
    [JsonPropertyName("x")] public Values? X { get; init; }
    /// <summary>y coordinates.</summary>
    [JsonPropertyName("y")] public Values? Y { get; init; }
    /// <summary>"lines", "markers", "lines+markers", "text", "none".</summary>
    [JsonPropertyName("mode")] public string? Mode { get; init; }
    /// <summary>Line style.</summary>
    [JsonPropertyName("line")] public Line? Line { get; init; }
    /// <summary>Marker style.</summary>
    [JsonPropertyName("marker")] public Marker? Marker { get; init; }
    /// <summary>"none", "tozeroy", "tonexty", "toself"…</summary>
    [JsonPropertyName("fill")] public string? Fill { get; init; }
    /// <summary>Fill colour.</summary>
    [JsonPropertyName("fillcolor")] public string? FillColor { get; init; }
    /// <summary>Text per point (shown with mode "text" or on hover).</summary>
    [JsonPropertyName("text")] public Values? Text { get; init; }
    /// <summary>"top center", "middle right"…</summary>
    [JsonPropertyName("textposition")] public string? TextPosition { get; init; }
    /// <summary>Stack group name: traces with the same group are stacked (areas).</summary>
    [JsonPropertyName("stackgroup")] public string? StackGroup { get; init; }
    /// <summary>Whether gaps (null y) are bridged.</summary>
    [JsonPropertyName("connectgaps")] public bool? ConnectGaps { get; init; }
}

/// <summary>A <c>bar</c> trace; with <see cref="Orientation"/> "h" and <see cref="Base"/> it draws timeline segments.</summary>
public sealed class Bar : Trace
{
    /// <summary>Creates an empty <c>bar</c> trace.</summary>
    public Bar() : base("bar") { }
    /// <summary>x (categories or positions; bar lengths when horizontal).</summary>
    [JsonPropertyName("x")] public Values? X { get; init; }
    /// <summary>y (bar lengths; categories when horizontal).</summary>
    [JsonPropertyName("y")] public Values? Y { get; init; }
    /// <summary>"v" (default) or "h".</summary>
    [JsonPropertyName("orientation")] public string? Orientation { get; init; }
    /// <summary>Where each bar starts (segment start times for a horizontal timeline).</summary>
    [JsonPropertyName("base")] public Values? Base { get; init; }
    /// <summary>Bar thickness in position units (one value for all bars).</summary>
    [JsonPropertyName("width")] public double? Width { get; init; }
    /// <summary>Marker (colour, outline).</summary>
    [JsonPropertyName("marker")] public Marker? Marker { get; init; }
    /// <summary>Text on/near each bar.</summary>
    [JsonPropertyName("text")] public Values? Text { get; init; }
    /// <summary>"inside", "outside", "auto", "none".</summary>
    [JsonPropertyName("textposition")] public string? TextPosition { get; init; }
    /// <summary>Bars with the same offset group share a slot in grouped mode.</summary>
    [JsonPropertyName("offsetgroup")] public string? OffsetGroup { get; init; }
}

/// <summary>A <c>heatmap</c> trace.</summary>
public sealed class Heatmap : Trace
{
    /// <summary>Creates an empty <c>heatmap</c> trace.</summary>
    public Heatmap() : base("heatmap") { }
    /// <summary>Values, rows along y, columns along x.</summary>
    [JsonPropertyName("z")] public Grid? Z { get; init; }
    /// <summary>Column coordinates or labels.</summary>
    [JsonPropertyName("x")] public Values? X { get; init; }
    /// <summary>Row coordinates or labels.</summary>
    [JsonPropertyName("y")] public Values? Y { get; init; }
    /// <summary>Colour scale.</summary>
    [JsonPropertyName("colorscale")] public Colorscale? Colorscale { get; init; }
    /// <summary>Value mapped to the scale's start.</summary>
    [JsonPropertyName("zmin")] public double? ZMin { get; init; }
    /// <summary>Value mapped to the scale's end.</summary>
    [JsonPropertyName("zmax")] public double? ZMax { get; init; }
    /// <summary>Whether the colour bar is shown.</summary>
    [JsonPropertyName("showscale")] public bool? ShowScale { get; init; }
    /// <summary>Whether the scale is reversed.</summary>
    [JsonPropertyName("reversescale")] public bool? ReverseScale { get; init; }
    /// <summary>The colour bar.</summary>
    [JsonPropertyName("colorbar")] public ColorBar? ColorBar { get; init; }
    /// <summary>Cell text template, e.g. "%{z:.2f}" (values printed in the cells).</summary>
    [JsonPropertyName("texttemplate")] public string? TextTemplate { get; init; }
}

/// <summary>A <c>histogram</c> trace (plotly.js bins the raw values).</summary>
public sealed class Histogram : Trace
{
    /// <summary>Creates an empty <c>histogram</c> trace.</summary>
    public Histogram() : base("histogram") { }
    /// <summary>Raw values (vertical bars).</summary>
    [JsonPropertyName("x")] public Values? X { get; init; }
    /// <summary>Raw values (horizontal bars).</summary>
    [JsonPropertyName("y")] public Values? Y { get; init; }
    /// <summary>Maximum number of bins when <see cref="XBins"/> is not set.</summary>
    [JsonPropertyName("nbinsx")] public int? NBinsX { get; init; }
    /// <summary>Explicit bins.</summary>
    [JsonPropertyName("xbins")] public Bins? XBins { get; init; }
    /// <summary>"", "percent", "probability", "density", "probability density".</summary>
    [JsonPropertyName("histnorm")] public string? HistNorm { get; init; }
    /// <summary>Marker (colour).</summary>
    [JsonPropertyName("marker")] public Marker? Marker { get; init; }
}

/// <summary>Histogram bins: <c>{start, end, size}</c>.</summary>
public sealed class Bins
{
    /// <summary>First bin edge.</summary>
    [JsonPropertyName("start")] public double? Start { get; init; }
    /// <summary>Last bin edge.</summary>
    [JsonPropertyName("end")] public double? End { get; init; }
    /// <summary>Bin width.</summary>
    [JsonPropertyName("size")] public double? Size { get; init; }
}

/// <summary>A <c>box</c> trace (plotly.js computes quartiles from the raw values).</summary>
public sealed class Box : Trace
{
    /// <summary>Creates an empty <c>box</c> trace.</summary>
    public Box() : base("box") { }
    /// <summary>Raw values for a vertical box.</summary>
    [JsonPropertyName("y")] public Values? Y { get; init; }
    /// <summary>Raw values for a horizontal box, or the group positions of <see cref="Y"/>.</summary>
    [JsonPropertyName("x")] public Values? X { get; init; }
    /// <summary>"all", "outliers", "suspectedoutliers".</summary>
    [JsonPropertyName("boxpoints")] public string? BoxPoints { get; init; }
    /// <summary>Whether the mean is drawn.</summary>
    [JsonPropertyName("boxmean")] public bool? BoxMean { get; init; }
    /// <summary>Marker (colour).</summary>
    [JsonPropertyName("marker")] public Marker? Marker { get; init; }
}
