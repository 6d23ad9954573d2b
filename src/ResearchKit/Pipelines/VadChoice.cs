using ResearchKit.Annotations;
using ResearchKit.Audio;
using ResearchKit.Models;

namespace ResearchKit.Pipelines;

/// <summary>Which voice-activity detector a pipeline uses before clustering.</summary>
public enum VadKind
{
    /// <summary>No VAD: the whole signal is speech.</summary>
    None,
    /// <summary><see cref="EnergyVad"/> (no model needed).</summary>
    Energy,
}

/// <summary>VAD choice and options (data; prints into fingerprints).</summary>
/// <param name="Kind">Detector.</param>
/// <param name="Energy">Options of the energy VAD.</param>
public sealed record VadChoice(VadKind Kind = VadKind.Energy, EnergyVadOptions? Energy = null)
{
    /// <summary>Speech regions of <paramref name="signal"/>.</summary>
    public Timeline Detect(Signal signal) => Kind switch
    {
        VadKind.None => signal.Length == 0 ? Timeline.Empty : new Timeline([new Segment(0, signal.Duration)]),
        _ => EnergyVad.Detect(signal, Energy ?? EnergyVadOptions.Default),
    };

    /// <inheritdoc />
    public override string ToString() => Kind == VadKind.None ? "none" : $"energy({Energy ?? EnergyVadOptions.Default})";
}
