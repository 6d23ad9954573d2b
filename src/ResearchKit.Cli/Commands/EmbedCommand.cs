using System.CommandLine;
using System.Globalization;
using System.Text;
using ResearchKit.Annotations;
using ResearchKit.Audio;
using ResearchKit.IO;
using ResearchKit.Models;

namespace ResearchKit.Cli.Commands;

/// <summary><c>researchkit embed</c>: speaker embeddings of RTTM segments or sliding windows with an ONNX model.</summary>
internal static class EmbedCommand
{
    public static Command Create()
    {
        var audio = new Argument<string>("audio") { Description = "Audio file at the model's sample rate (16 kHz)." };
        var model = new Option<string>("--model") { Description = "Embedding model .onnx (WeSpeaker feats [B,T,80], NeMo processed_signal [B,80,T], or raw waveform [B,T] / [B,1,T]).", Required = true };
        var contract = new Option<string>("--contract")
        {
            Description = "auto | wespeaker | nemo | nemo24 | raw. auto: 'feats' input → wespeaker (Kaldi fbank 80, mean-subtracted); " +
                "'processed_signal' → nemo (NeMo ≥ 2.5 TitaNet log-mel, NeMoMelOptions.TitaNet; nemo24 = NeMo ≤ 2.4 conventions); else raw waveform.",
            DefaultValueFactory = _ => "auto",
        };
        var segments = new Option<string?>("--segments") { Description = "RTTM whose turns are the segments (label = speaker)." };
        var window = new Option<double?>("--window") { Description = "Sliding-window length in seconds (instead of --segments)." };
        var step = new Option<double?>("--step") { Description = "Sliding-window step in seconds (default: half the window)." };
        var output = new Option<string>("--out") { Description = "e.npy (float32, one row per segment in time order); e.csv is written beside it.", Required = true };
        var normalize = new Option<bool>("--normalize") { Description = "L2-normalise each row (default: raw model outputs)." };
        var batch = new Option<int>("--batch") { Description = "Segments per ONNX Runtime call.", DefaultValueFactory = _ => 16 };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime intra-op threads.", DefaultValueFactory = _ => 1 };
        var cmd = new Command("embed", "Embed RTTM segments or sliding windows of one recording with an ONNX speaker-embedding model.")
        {
            audio, model, contract, segments, window, step, output, normalize, batch, threads,
        };
        cmd.SetAction(r =>
        {
            string inPath = r.GetValue(audio)!, outPath = r.GetValue(output)!, modelPath = r.GetValue(model)!;
            if (!outPath.EndsWith(".npy", StringComparison.OrdinalIgnoreCase))
                throw new InvalidParameterException("--out", $"'{outPath}' must end in .npy (e.csv is written next to it).");
            string csvPath = Path.ChangeExtension(outPath, ".csv");
            OutputLocation.RequireNotBeside(outPath, inPath);
            var segs = Segments(r.GetValue(segments), r.GetValue(window), r.GetValue(step), inPath, out var x);
            var opts = new EmbeddingOptions(BatchSize: r.GetValue(batch));
            var session = OnnxSessionOptions.SingleThread with { IntraOpThreads = r.GetValue(threads) };
            using var e = Open(modelPath, r.GetValue(contract)!, opts, session);
            var signals = segs.Select(s => x.SliceTime(s.Segment.Start, s.Segment.End)).ToList();
            var emb = e.Embed(signals);
            if (r.GetValue(normalize)) emb = OnnxSpeakerEmbedder.L2Normalize(emb);
            var csv = new StringBuilder("index,start_s,end_s,label\n");
            for (int i = 0; i < segs.Count; i++)
                csv.Append(CultureInfo.InvariantCulture, $"{i},{segs[i].Segment.Start:0.###},{segs[i].Segment.End:0.###},{segs[i].Label}\n");
            Npy.Write(outPath, emb);
            AtomicFile.WriteAllText(csvPath, csv.ToString());
            Console.WriteLine($"{segs.Count} embeddings of dimension {e.Dimension} ({e.Contract.Name}) -> {outPath}, {csvPath}");
            return 0;
        });
        return cmd;
    }

    private static OnnxSpeakerEmbedder Open(string path, string contract, EmbeddingOptions o, OnnxSessionOptions s)
    {
        if (contract == "auto")
        {
            using var probe = OnnxModel.Load(path, s);
            contract = probe.Inputs.Any(i => i.Name == "feats") ? "wespeaker" : probe.Inputs.Any(i => i.Name == "processed_signal") ? "nemo" : "raw";
        }
        return contract switch
        {
            "wespeaker" => OnnxSpeakerEmbedder.WeSpeaker(path, o, s),
            "raw" => OnnxSpeakerEmbedder.RawWaveform(path, o, s),
            "nemo" => OnnxSpeakerEmbedder.Nemo(path, Features.NeMoMelOptions.TitaNet, o, s),
            "nemo24" => OnnxSpeakerEmbedder.Nemo(path, Features.NeMoMelOptions.TitaNetNeMo24, o, s),
            _ => throw new InvalidParameterException("--contract", $"'{contract}' is not a contract; use auto, wespeaker, nemo, nemo24 or raw."),
        };
    }

    /// <summary>Segments in time order: RTTM turns, or windows [k·step, k·step + window) that fit in the audio
    /// (audio shorter than one window gives one segment covering all of it).</summary>
    private static List<Track> Segments(string? rttm, double? window, double? step, string inPath, out Signal x)
    {
        if ((rttm is null) == (window is null))
            throw new InvalidParameterException("--segments", "give either --segments x.rttm or --window seconds (with optional --step).");
        List<Track> segs;
        if (rttm is not null)
        {
            var doc = Rttm.Read(rttm);
            segs = doc.Turns.Select(t => new Track(t.Segment, t.Speaker)).OrderBy(t => t.Segment).ThenBy(t => t.Label, StringComparer.Ordinal).ToList();
            if (segs.Count == 0)
                throw new InvalidInputFileException(rttm, "has no SPEAKER turns, so there is nothing to embed; check the file or use --window.");
            x = AudioFile.Read(inPath);
            return segs;
        }
        double w = window!.Value, st = step ?? w / 2;
        if (!(w > 0)) throw new InvalidParameterException("--window", $"must be positive seconds, got {w}.");
        if (!(st > 0)) throw new InvalidParameterException("--step", $"must be positive seconds, got {st}.");
        x = AudioFile.Read(inPath);
        segs = [];
        for (int k = 0; k * st + w <= x.Duration + 1e-9; k++)
            segs.Add(new Track(new Segment(k * st, k * st + w), "window"));
        if (segs.Count == 0 && x.Length > 0) segs.Add(new Track(new Segment(0, x.Duration), "window"));
        if (segs.Count == 0)
            throw new InvalidInputFileException(inPath, "the audio is empty; nothing to embed.");
        return segs;
    }
}
