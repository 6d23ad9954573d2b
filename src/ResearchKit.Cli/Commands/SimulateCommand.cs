using System.CommandLine;
using System.Globalization;
using ResearchKit.Datasets;
using ResearchKit.IO;

namespace ResearchKit.Cli.Commands;

/// <summary><c>researchkit simulate</c>: multi-speaker conversations (WAV + RTTM + UEM) from single-speaker utterances.</summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var src = new Option<string>("--sources") { Description = "Folder of <speaker>-<chapter>-<utt>.wav single-speaker utterances (LibriSpeech naming).", Required = true };
        var output = new Option<string>("--out") { Description = "Output folder (<prefix>NN.wav/.rttm/.uem, sources.tsv, stats.tsv).", Required = true };
        var counts = new Option<string>("--spk-counts") { Description = "Speakers per file, comma-separated (one file each).", DefaultValueFactory = _ => "2,2,2,3,3,3,4,4" };
        var minDur = new Option<double>("--min-dur") { Description = "Minimum duration, s.", DefaultValueFactory = _ => 60 };
        var maxDur = new Option<double>("--max-dur") { Description = "Maximum duration, s.", DefaultValueFactory = _ => 70 };
        var overlap = new Option<double>("--overlap-target") { Description = "Target overlapped/speech ratio.", DefaultValueFactory = _ => 0.10 };
        var gain = new Option<double>("--gain-db") { Description = "Per-speaker gain range ±dB.", DefaultValueFactory = _ => 3 };
        var seed = new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 20240601 };
        var prefix = new Option<string>("--prefix") { Description = "File name prefix.", DefaultValueFactory = _ => "sim" };
        var uttRange = new Option<string>("--utt-range") { Description = "Inclusive LibriSpeech utterance index range, e.g. 0-6.", DefaultValueFactory = _ => "0-9999" };
        var cmd = new Command("simulate", "Simulate conversations with pauses, overlap, gains (sim-dev's algorithm).") { src, output, counts, minDur, maxDur, overlap, gain, seed, prefix, uttRange };
        cmd.SetAction(r =>
        {
            string s = r.GetValue(src)!, o = r.GetValue(output)!;
            OutputLocation.RequireOutsideInputs(o, s);
            var range = r.GetValue(uttRange)!.Split('-');
            if (range.Length != 2 || !int.TryParse(range[0], out int lo) || !int.TryParse(range[1], out int hi))
                throw new InvalidParameterException("--utt-range", $"expected lo-hi (e.g. 0-6), got '{r.GetValue(uttRange)}'.");
            var spk = r.GetValue(counts)!.Split(',').Select(x => int.TryParse(x, out int v) ? v
                : throw new InvalidParameterException("--spk-counts", $"'{x}' is not an integer.")).ToArray();
            var opts = SimulationOptions.SimDev with
            {
                SpeakerCounts = spk, MinDuration = r.GetValue(minDur), MaxDuration = r.GetValue(maxDur), OverlapTarget = r.GetValue(overlap),
                GainDb = r.GetValue(gain), Seed = r.GetValue(seed), Prefix = r.GetValue(prefix)!,
            };
            var convs = new ConversationSimulator(ConversationSimulator.LoadLibriSpeechFolder(s, lo, hi), opts).SimulateAll();
            SimulationWriter.Write(convs, o);
            var ci = CultureInfo.InvariantCulture;
            foreach (var c in convs)
                Console.WriteLine(string.Format(ci, "{0}  {1,6:0.00} s  {2} spk  {3,3} segs  speech {4,5:0.0} %  overlap {5,5:0.0} % of speech",
                    c.Uri, c.Duration, c.Speakers.Count, c.Segments.Count, 100 * c.Stats.SpeechSeconds / c.Duration, 100 * c.Stats.OverlapRatio));
            Console.WriteLine($"-> {o}");
            return 0;
        });
        return cmd;
    }
}
