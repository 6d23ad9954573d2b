namespace ResearchKit.Plotting;

/// <summary>
/// Colours for categories (speakers, methods): plotly.js's default colorway (D3 category10), then Tableau-style
/// extensions, repeated when there are more categories than colours.
/// </summary>
public static class Palette
{
    /// <summary>The category colours, in order.</summary>
    public static IReadOnlyList<string> Colors { get; } =
    [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
        "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94", "#f7b6d2", "#c7c7c7", "#dbdb8d", "#9edae5",
    ];

    /// <summary>Colour of category number <paramref name="index"/> (wraps around).</summary>
    public static string Color(int index) => Colors[((index % Colors.Count) + Colors.Count) % Colors.Count];

    /// <summary>One colour per distinct label, in the given order of first appearance.</summary>
    public static Dictionary<string, string> ForLabels(IEnumerable<string> labels)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var l in labels) if (!d.ContainsKey(l)) d[l] = Color(d.Count);
        return d;
    }

    /// <summary>Miss (reference speech nobody in the hypothesis covers).</summary>
    public const string Miss = "#d62728";
    /// <summary>False alarm (hypothesis speech where the reference has none).</summary>
    public const string FalseAlarm = "#ff7f0e";
    /// <summary>Speaker confusion.</summary>
    public const string Confusion = "#9467bd";
}
