using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using ResearchKit.Audio;
using ResearchKit.Features;
using ResearchKit.IO;

namespace ResearchKit.Cli.Commands;

/// <summary><c>researchkit features &lt;audio&gt; --kind … --out x.npy|x.csv</c>: one feature matrix (frames × bins) per file.</summary>
internal static class FeaturesCommand
{
    private static readonly string[] Kinds = ["kaldi-fbank", "kaldi-mfcc", "mel", "log-mel", "mfcc", "stft"];

    public static Command Create()
    {
        var audio = new Argument<string>("audio") { Description = "Input audio: WAV, or any format ffmpeg decodes." };
        var kind = new Option<string>("--kind") { Description = "Feature kind: " + string.Join("|", Kinds), Required = true };
        kind.AcceptOnlyFromAmong(Kinds);
        var output = new Option<string>("--out", "-o") { Description = "Output matrix (frames × bins): .npy (float32, format 1.0) or .csv.", Required = true };
        var preset = new Option<string?>("--preset") { Description = "kaldi-fbank: kaldi | wespeaker; log-mel: torchaudio | malaya | malaya-db; mel/mfcc: torchaudio." };
        var bins = new Option<int?>("--num-mel-bins", "--n-mels") { Description = "Mel bins (default: kaldi-fbank 80, kaldi-mfcc 23, mel/log-mel/mfcc 80)." };
        var ceps = new Option<int?>("--num-ceps", "--n-mfcc") { Description = "Cepstra kept (default 13)." };
        var frameLength = new Option<double?>("--frame-length") { Description = "Frame length in ms (default 25; malaya 50)." };
        var frameShift = new Option<double?>("--frame-shift") { Description = "Frame shift in ms (default 10; malaya 30)." };
        var window = new Option<string?>("--window") { Description = "Window: povey (Kaldi default), hamming, hann (torchaudio default), rectangular, blackman, sine." };
        var inputScale = new Option<string>("--input-scale") { Description = "Kaldi kinds: int16 (samples × 32768, Kaldi's convention, default) or unit ([-1, 1]).", DefaultValueFactory = _ => "int16" };
        inputScale.AcceptOnlyFromAmong("int16", "unit");
        var dither = new Option<double>("--dither") { Description = "Kaldi kinds: Gaussian dither amount (default 0).", DefaultValueFactory = _ => 0.0 };
        var seed = new Option<int>("--dither-seed") { Description = "Seed of the dither noise (default 0).", DefaultValueFactory = _ => 0 };
        var energy = new Option<bool>("--use-energy") { Description = "Kaldi kinds: add log energy (fbank: first column; MFCC: replaces c0)." };
        var snip = new Option<bool>("--no-snip-edges") { Description = "Kaldi kinds: centre frames on k·shift + shift/2 with mirrored edges (Kaldi --snip-edges=false)." };
        var melScale = new Option<string?>("--mel-scale") { Description = "mel/log-mel/mfcc: htk (torchaudio default) or slaney." };
        var nfft = new Option<int?>("--n-fft") { Description = "mel/log-mel/mfcc/stft: FFT length (default: 400, i.e. the 25 ms frame at 16 kHz)." };
        var power = new Option<double>("--power") { Description = "stft: 2 = power spectrogram (default), 1 = magnitude.", DefaultValueFactory = _ => 2.0 };
        var channel = new Option<int?>("--channel") { Description = "Keep this channel (0-based) of a multi-channel file instead of averaging all channels." };
        var resample = new Option<int?>("--resample") { Description = "Resample to this rate (Hz) first; Kaldi and mel kinds need the file at 16000 Hz otherwise." };
        var start = new Option<double?>("--start") { Description = "Read from this time (s)." };
        var end = new Option<double?>("--end") { Description = "Read up to this time (s)." };

        var cmd = new Command("features", "Compute a feature matrix (Kaldi fbank/MFCC, mel, log-mel, MFCC, STFT) of one audio file and write it as .npy or .csv.")
        {
            audio, kind, output, preset, bins, ceps, frameLength, frameShift, window, inputScale, dither, seed, energy, snip,
            melScale, nfft, power, channel, resample, start, end,
        };
        cmd.SetAction(p =>
        {
            string inPath = p.GetValue(audio)!, outPath = p.GetValue(output)!, k = p.GetValue(kind)!;
            CheckOutput(inPath, outPath);
            var readOptions = new AudioReadOptions
            {
                ChannelMode = p.GetValue(channel) is null ? ChannelMode.Downmix : ChannelMode.Select,
                Channel = p.GetValue(channel) ?? 0,
                StartSeconds = p.GetValue(start), EndSeconds = p.GetValue(end),
            };
            var signal = AudioFile.Read(inPath, readOptions);
            if (p.GetValue(resample) is int rate) signal = Resampler.Resample(signal, rate);

            var sw = Stopwatch.StartNew();
            string? pr = p.GetValue(preset)?.ToLowerInvariant();
            float[,] m;
            string layout;
            switch (k)
            {
                case "kaldi-fbank":
                {
                    var o = pr switch
                    {
                        null or "kaldi" => FbankOptions.Kaldi,
                        "wespeaker" => FbankOptions.WeSpeakerFbank80,
                        _ => throw new InvalidParameterException("--preset", $"'{pr}' is not a kaldi-fbank preset; use kaldi or wespeaker."),
                    };
                    o = ApplyKaldi(o, p.GetValue(bins), p.GetValue(frameLength), p.GetValue(frameShift), p.GetValue(window),
                        p.GetValue(inputScale)!, p.GetValue(dither), p.GetValue(seed), p.GetValue(energy), p.GetValue(snip));
                    m = KaldiFbank.Compute(signal, o);
                    layout = o.UseEnergy ? "frames × (energy + mel bins)" : "frames × mel bins";
                    break;
                }
                case "kaldi-mfcc":
                {
                    if (pr is not (null or "kaldi")) throw new InvalidParameterException("--preset", $"'{pr}' is not a kaldi-mfcc preset; use kaldi.");
                    var o = ApplyKaldi(MfccOptions.Kaldi, p.GetValue(bins), p.GetValue(frameLength), p.GetValue(frameShift), p.GetValue(window),
                        p.GetValue(inputScale)!, p.GetValue(dither), p.GetValue(seed), p.GetValue(energy), p.GetValue(snip));
                    if (p.GetValue(ceps) is int nc) o = o with { NumCeps = nc };
                    m = KaldiMfcc.Compute(signal, o);
                    layout = "frames × cepstra";
                    break;
                }
                case "mel" or "log-mel" or "mfcc" or "stft":
                {
                    var mel = MelOptions(k, pr, signal.SampleRate, p.GetValue(bins), p.GetValue(frameLength), p.GetValue(frameShift),
                        p.GetValue(window), p.GetValue(melScale), p.GetValue(nfft), p.GetValue(power));
                    double[,] d;
                    if (k == "stft") { d = Spectrogram.Compute(signal, mel.Stft); layout = "frames × frequency bins"; }
                    else if (k == "mel") { d = MelSpectrogram.Compute(signal, mel); layout = "frames × mel bins"; }
                    else if (k == "log-mel")
                    {
                        var lo = pr switch
                        {
                            "malaya-db" => LogMelOptions.MalayaSttFeaturizerDb with { Mel = mel },
                            "malaya" => LogMelOptions.MalayaSttFeaturizer with { Mel = mel },
                            _ => LogMelOptions.Torchaudio80 with { Mel = mel },
                        };
                        d = LogMel.Compute(signal, lo);
                        layout = "frames × mel bins";
                    }
                    else
                    {
                        d = MelMfcc.Compute(signal, MelMfccOptions.Torchaudio13 with { Mel = mel, NMfcc = p.GetValue(ceps) ?? 13 });
                        layout = "frames × cepstra";
                    }
                    m = ToFloat(d);
                    break;
                }
                default: throw new InvalidParameterException("--kind", $"unknown kind '{k}'; use {string.Join(", ", Kinds)}.");
            }
            sw.Stop();
            Write(outPath, m);
            double rt = signal.Duration / Math.Max(sw.Elapsed.TotalSeconds, 1e-9);
            Console.WriteLine($"shape: {m.GetLength(0)} × {m.GetLength(1)} ({layout})");
            Console.WriteLine($"speed: {rt.ToString("0", CultureInfo.InvariantCulture)}× real time ({signal.Duration.ToString("0.###", CultureInfo.InvariantCulture)} s of audio in {sw.Elapsed.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture)} ms, one thread; includes the one-off JIT warm-up, which dominates short files)");
            Console.WriteLine($"output: {Path.GetFullPath(outPath)}");
            return 0;
        });
        return cmd;
    }

    private static T ApplyKaldi<T>(T o, int? bins, double? lenMs, double? shiftMs, string? window, string scale, double dither, int seed, bool energy, bool noSnip)
        where T : KaldiOptions
    {
        return o with
        {
            NumMelBins = bins ?? o.NumMelBins,
            FrameLengthMs = lenMs ?? o.FrameLengthMs,
            FrameShiftMs = shiftMs ?? o.FrameShiftMs,
            WindowType = window is null ? o.WindowType : Windows.Parse(window),
            WaveformScale = scale == "unit" ? 1.0 : 32768.0,
            Dither = dither,
            DitherSeed = seed,
            UseEnergy = energy || o.UseEnergy,
            SnipEdges = !noSnip && o.SnipEdges,
        };
    }

    private static MelSpectrogramOptions MelOptions(string kind, string? preset, int rate, int? bins, double? lenMs, double? shiftMs,
        string? window, string? scale, int? nfft, double power)
    {
        MelSpectrogramOptions m;
        if (preset is "malaya" or "malaya-db")
        {
            if (kind != "log-mel") throw new InvalidParameterException("--preset", "the malaya presets are log-mel presets; use --kind log-mel.");
            m = MelSpectrogramOptions.Malaya(lenMs ?? 50, shiftMs ?? 30, bins ?? 80, rate);
        }
        else
        {
            if (preset is not (null or "torchaudio"))
                throw new InvalidParameterException("--preset", $"'{preset}' is not a {kind} preset; use torchaudio{(kind == "log-mel" ? ", malaya or malaya-db" : "")}.");
            int win = Framing.MsToSamples(lenMs ?? 25, rate), hop = Framing.MsToSamples(shiftMs ?? 10, rate);
            m = new MelSpectrogramOptions
            {
                SampleRate = rate, NMels = bins ?? 80,
                Stft = new SpectrogramOptions { NFft = nfft ?? win, WinLength = win, HopLength = hop },
            };
        }
        if (scale is not null)
        {
            var s = MelFilterbank.ParseScale(scale);
            m = m with { MelScale = s, Norm = s == MelScale.Slaney ? MelNorm.Slaney : MelNorm.None };
        }
        if (window is not null) m = m with { Stft = m.Stft with { Window = Windows.Parse(window) } };
        if (nfft is int n && preset is "malaya" or "malaya-db") m = m with { Stft = m.Stft with { NFft = n } };
        return m with { Stft = m.Stft with { Power = power } };
    }

    private static void CheckOutput(string input, string output)
    {
        string ext = Path.GetExtension(output).ToLowerInvariant();
        if (ext is not (".npy" or ".csv"))
            throw new InvalidParameterException("--out", $"'{output}' must end in .npy or .csv.");
        OutputLocation.RequireNotBeside(output, input, $"choose another folder, e.g. --out out/{Path.GetFileName(output)}");
    }

    private static void Write(string path, float[,] m)
    {
        if (path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase)) { Npy.Write(path, m); return; }
        var sb = new StringBuilder();
        for (int i = 0; i < m.GetLength(0); i++)
        {
            for (int j = 0; j < m.GetLength(1); j++)
            {
                if (j > 0) sb.Append(',');
                sb.Append(m[i, j].ToString("R", CultureInfo.InvariantCulture));
            }
            sb.Append('\n');
        }
        AtomicFile.WriteAllText(path, sb.ToString());
    }

    private static float[,] ToFloat(double[,] d)
    {
        var f = new float[d.GetLength(0), d.GetLength(1)];
        for (int i = 0; i < d.GetLength(0); i++) for (int j = 0; j < d.GetLength(1); j++) f[i, j] = (float)d[i, j];
        return f;
    }
}
