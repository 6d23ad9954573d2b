using System.CommandLine;
using System.Globalization;
using ResearchKit.Annotations;
using ResearchKit.Audio;
using ResearchKit.IO;
using ResearchKit.Pipelines;

namespace ResearchKit.Cli.Commands;

/// <summary><c>researchkit diarize</c>: one audio file through one pipeline → RTTM or the seed's JSON, with per-stage timings.</summary>
internal static class DiarizeCommand
{
    public static Command Create()
    {
        var audio = new Argument<string>("audio") { Description = "Audio file (mono 16 kHz WAV for the model pipelines)." };
        var output = new Option<string>("--out") { Description = "x.rttm or x.json ({\"diarization\":[{speaker,start,end}]}).", Required = true };
        var args = new PipelineArgs();
        var cmd = new Command("diarize", "Diarize one recording (frames | windows | pyannote) and write RTTM or JSON.") { audio, output };
        args.AddTo(cmd);
        cmd.SetAction(r =>
        {
            string a = r.GetValue(audio)!, o = r.GetValue(output)!;
            OutputLocation.RequireOutsideInputs(o, a);
            var count = args.Count(r);
            var pipeline = args.Create(r);
            var signal = AudioFile.Read(a, args.Audio(r));
            string uri = Path.GetFileNameWithoutExtension(a);
            Console.Error.WriteLine($"{pipeline.Name}: {signal}");
            var res = pipeline.Run(signal, count, uri);
            (pipeline as IDisposable)?.Dispose();
            if (o.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) AnnotationJson.Write(o, res.Annotation);
            else Rttm.Write(o, [res.Annotation]);
            foreach (var s in res.Timings.Stages)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {s.Key,-14} {s.Value,8:0.000} s  RTF {s.Value / signal.Duration:0.0000}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{res.NumSpeakers} speakers, {res.Turns.Count} turns, {res.Timings.Total:0.00} s (RTF {res.Timings.Total / signal.Duration:0.000}) -> {o}"));
            return 0;
        });
        return cmd;
    }
}
