namespace ResearchKit.Models;

/// <summary>
/// The inputs and outputs a wrapper expects from an ONNX model. <see cref="OnnxModel.Check"/> compares a model file
/// against it before any inference, so a wrong model fails at load time with both sides named
/// (expected <c>feats [B,T,80]</c>, found <c>input [B,1,T]</c>) instead of deep inside ONNX Runtime.
/// </summary>
/// <param name="Name">Contract name for messages (e.g. <c>wespeaker-fbank80</c>).</param>
/// <param name="Inputs">Declared inputs, in graph order.</param>
/// <param name="Outputs">Declared outputs the wrapper reads (a model may have more outputs; extra ones are ignored).</param>
public sealed record ModelContract(string Name, IReadOnlyList<TensorSpec> Inputs, IReadOnlyList<TensorSpec> Outputs)
{
    /// <summary>WeSpeaker ONNX export (<c>wespeaker/bin/export_onnx.py</c>): <c>feats [B,T,80]</c> Kaldi fbank with
    /// per-utterance mean subtraction → <c>embs [B,D]</c>. Also the contract of pyannote 3.1's WeSpeaker ResNet34 front end.</summary>
    public static ModelContract WeSpeakerFbank80 { get; } = new("wespeaker-fbank80",
        [TensorSpec.Parse("feats", "B,T,80")], [TensorSpec.Parse("embs", "B,D")]);

    /// <summary>NeMo speaker models exported with <c>model.export()</c> (TitaNet, ECAPA): <c>processed_signal [B,80,T]</c>
    /// log-mel features and <c>processed_signal_length [B]</c> int64 → <c>logits [B,C]</c> and <c>embs [B,D]</c>.</summary>
    public static ModelContract NemoMel80 { get; } = new("nemo-mel80",
        [TensorSpec.Parse("processed_signal", "B,80,T"), TensorSpec.Parse("processed_signal_length", "B", TensorKind.Int64)],
        [TensorSpec.Parse("embs", "B,D")]);

    /// <summary>Raw-waveform embedding model: one float input <c>[B,T]</c> samples → one output <c>[B,D]</c> (any names).</summary>
    public static ModelContract RawWaveform { get; } = new("raw-waveform",
        [TensorSpec.Parse(null, "B,T")], [TensorSpec.Parse(null, "B,D")]);

    /// <summary>Raw-waveform model with a channel axis: <c>[B,1,T]</c> samples → <c>[B,D]</c> (as pyannote's WeSpeaker wrapper takes).</summary>
    public static ModelContract RawWaveformChannel { get; } = new("raw-waveform-channel",
        [TensorSpec.Parse(null, "B,1,T")], [TensorSpec.Parse(null, "B,D")]);

    /// <summary>pyannote segmentation-3.0 (PyanNet, powerset): <c>[B,1,160000]</c> 16 kHz samples →
    /// <c>[B,589,7]</c> powerset log-probabilities (any names: exports use <c>input_values</c>/<c>logits</c> or <c>x</c>/<c>y</c>).
    /// The sample and frame counts are left free here and checked from the options at run time.</summary>
    public static ModelContract PyannoteSegmentation30 { get; } = new("pyannote-segmentation-3.0",
        [TensorSpec.Parse(null, "B,1,S")], [TensorSpec.Parse(null, "B,F,7")]);

    /// <summary>Silero VAD v5/v6 (and the 16k_op15 / op18 exports): <c>input [1,576]</c>, <c>state [2,1,128]</c>,
    /// <c>sr</c> int64 → <c>output [1,1]</c> speech probability, <c>stateN [2,1,128]</c>.</summary>
    public static ModelContract SileroVadV5 { get; } = new("silero-vad-v5",
        [TensorSpec.Parse("input", "B,N"), TensorSpec.Parse("state", "2,B,128"), TensorSpec.Parse("sr", "", TensorKind.Int64)],
        [TensorSpec.Parse("output", "B,1"), TensorSpec.Parse("stateN", "2,B,128")]);

    /// <summary>Silero VAD v4 ("legacy"): <c>input [1,N]</c>, <c>sr</c> int64, <c>h</c>, <c>c</c> <c>[2,1,64]</c> →
    /// <c>output [1,1]</c>, <c>hn</c>, <c>cn</c>.</summary>
    public static ModelContract SileroVadV4 { get; } = new("silero-vad-v4",
        [TensorSpec.Parse("input", "B,N"), TensorSpec.Parse("sr", "", TensorKind.Int64), TensorSpec.Parse("h", "2,B,64"), TensorSpec.Parse("c", "2,B,64")],
        [TensorSpec.Parse("output", "B,1"), TensorSpec.Parse("hn", "2,B,64"), TensorSpec.Parse("cn", "2,B,64")]);

    /// <summary>Formats as <c>name: in1 [..], in2 [..] → out [..]</c>.</summary>
    public override string ToString() =>
        $"{Name}: {string.Join(", ", Inputs)} → {string.Join(", ", Outputs)}";
}
