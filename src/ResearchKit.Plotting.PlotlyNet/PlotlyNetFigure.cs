using Plotly.NET;

namespace ResearchKit.Plotting.PlotlyNet;

/// <summary>
/// Brings Plotly.NET charts into ResearchKit's offline renderers: <c>PlotlyNetFigure.From(chart)</c> gives a
/// <see cref="ResearchKit.Plotting.Figure"/> for <see cref="HtmlRenderer"/> (plotly.js from the build, not Plotly.NET's
/// CDN reference) and <see cref="ChromiumRenderer"/> (PNG/SVG without Plotly.NET.ImageExport's browser download).
/// </summary>
/// <remarks>Use it in console apps, tests and kernels that carry FSharp.Core ≥ 10.1. The dotnet-interactive 1.0.712001
/// kernel loads FSharp.Core 10.0, and Plotly.NET 6.0.0 needs 10.1, so Plotly.NET cannot load there (see README).</remarks>
public static class PlotlyNetFigure
{
    /// <summary>The chart's data and layout (Plotly.NET's <c>GenericChart.toFigureJson</c>) as a ResearchKit figure.</summary>
    public static ResearchKit.Plotting.Figure From(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        return ResearchKit.Plotting.Figure.FromJson(GenericChart.toFigureJson(chart));
    }

    /// <summary>Same as <see cref="From"/>, as an extension method: <c>chart.ToResearchKit()</c>.</summary>
    public static ResearchKit.Plotting.Figure ToResearchKit(this GenericChart chart) => From(chart);
}
