using System.Globalization;

namespace ResearchKit.Models;

/// <summary>One region of detected speech, in seconds from the start of the signal (start &lt; end).</summary>
/// <param name="Start">Start time in seconds.</param>
/// <param name="End">End time in seconds.</param>
public readonly record struct SpeechRegion(double Start, double End)
{
    /// <summary>End − Start, in seconds.</summary>
    public double Duration => End - Start;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"[{Start:0.###} s, {End:0.###} s]");
}
