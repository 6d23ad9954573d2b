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
    /// <summary><see cref="SileroVad"/> (ONNX, 16 kHz; the pretrained file comes from npm through <see cref="ModelStore"/>).</summary>
    Silero,
}

/// <summary>VAD choice and options (data; prints into fingerprints).</summary>
/// <param name="Kind">Detector.</param>
/// <param name="Energy">Options of the energy VAD.</param>
/// <param name="SileroModel">Silero VAD .onnx file (v4, v5 or v6 graph); null = <see cref="PretrainedModels.SileroVadV6"/>,
/// acquired on first use into the model cache.</param>
/// <param name="SileroDetection">Hysteresis, minimum durations and padding for Silero (null = Silero's own defaults,
/// <see cref="SpeechDetection.Silero"/>).</param>
public sealed record VadChoice(VadKind Kind = VadKind.Energy, EnergyVadOptions? Energy = null, string? SileroModel = null,
    SpeechDetection? SileroDetection = null)
{
    /// <summary>No VAD.</summary>
    public static VadChoice None { get; } = new(VadKind.None);

    /// <summary>The energy VAD with its defaults.</summary>
    public static VadChoice EnergyDefault { get; } = new(VadKind.Energy);

    /// <summary>Silero VAD from <paramref name="model"/> (null: Silero VAD v6 from npm, see <see cref="PretrainedModels"/>).</summary>
    public static VadChoice Silero(string? model = null, SpeechDetection? detection = null) => new(VadKind.Silero, SileroModel: model, SileroDetection: detection);

    /// <summary>
    /// Parses a command-line value: <c>none</c>, <c>energy</c>, <c>silero</c> (= silero-vad-v6), a pretrained name
    /// (<c>silero-vad-v5</c>, <c>silero-vad-v4</c>, <c>silero-vad-16k-op15</c>, …) or a path to a Silero <c>.onnx</c> file.
    /// Pretrained names are resolved (and fetched with npm if not cached) here, so a missing npm fails before any work.
    /// </summary>
    /// <exception cref="InvalidParameterException">Unknown name.</exception>
    /// <exception cref="InvalidInputFileException">The .onnx path does not exist.</exception>
    public static VadChoice Parse(string value, ModelStore? store = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        switch (value)
        {
            case "none": return None;
            case "energy": return EnergyDefault;
        }
        if (value.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
            return File.Exists(value) ? Silero(value)
                : throw new InvalidInputFileException(value, "missing model: the Silero VAD .onnx given to --vad does not exist; check the path or use --vad silero.");
        if (!value.StartsWith("silero", StringComparison.Ordinal))
            throw new InvalidParameterException("--vad", $"unknown VAD '{value}'; use none, energy, silero ({string.Join(", ", PretrainedModels.All.Select(s => s.Name))}) or a path to a Silero .onnx.");
        return Silero((store ?? ModelStore.Default).Acquire(PretrainedModels.Find(value)));
    }

    /// <summary>Speech regions of <paramref name="signal"/>.</summary>
    /// <exception cref="InvalidParameterException">Silero on audio that is not at 16 kHz (resample explicitly first).</exception>
    public Timeline Detect(Signal signal)
    {
        switch (Kind)
        {
            case VadKind.None:
                return signal.Length == 0 ? Timeline.Empty : new Timeline([new Segment(0, signal.Duration)]);
            case VadKind.Silero:
            {
                if (signal.SampleRate != SileroVad.SampleRate)
                    throw new InvalidParameterException("vad", $"Silero VAD needs {SileroVad.SampleRate} Hz audio but the signal is at {signal.SampleRate} Hz; resample it explicitly first, or use --vad energy.");
                // One session per call: SileroVad carries streaming state and is not thread-safe, and opening the
                // 2 MB graph costs a few ms against seconds of audio (pipelines run files in parallel).
                using var vad = SileroVad.Open(SileroModel ?? ModelStore.Default.Acquire(PretrainedModels.SileroVadV6));
                return vad.Detect(signal, SileroDetection ?? SpeechDetection.Silero);
            }
            default:
                return EnergyVad.Detect(signal, Energy ?? EnergyVadOptions.Default);
        }
    }

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        VadKind.None => "none",
        VadKind.Silero => $"silero({SileroModel ?? PretrainedModels.SileroVadV6.Name}, {SileroDetection ?? SpeechDetection.Silero})",
        _ => $"energy({Energy ?? EnergyVadOptions.Default})",
    };
}
