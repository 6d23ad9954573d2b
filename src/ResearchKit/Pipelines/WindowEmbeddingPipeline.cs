using ResearchKit.Annotations;
using ResearchKit.Audio;
using ResearchKit.Clustering;
using ResearchKit.Models;

namespace ResearchKit.Pipelines;

/// <summary>Intermediates of a <see cref="WindowEmbeddingPipeline"/> run.</summary>
public sealed record WindowEmbeddingResult : DiarizationResult
{
    /// <summary>Speech regions from the VAD.</summary>
    public required Timeline Speech { get; init; }

    /// <summary>The embedded windows (start, end) in seconds.</summary>
    public required IReadOnlyList<(double Start, double End)> Windows { get; init; }

    /// <summary>[window, dim] raw embeddings, as the model returned them.</summary>
    public required float[,] Embeddings { get; init; }

    /// <summary>Clustering output (its runtime type carries the dendrogram).</summary>
    public required ClusteringResult Clustering { get; init; }
}

/// <summary>Windows and embeddings of one file: the expensive part of <see cref="WindowEmbeddingPipeline"/>, cacheable.</summary>
/// <param name="Speech">Speech regions.</param>
/// <param name="Windows">Windows (start, end) in seconds.</param>
/// <param name="Embeddings">[window, dim] raw embeddings.</param>
/// <param name="Duration">Duration of the audio in seconds.</param>
public sealed record WindowEmbeddings(Timeline Speech, IReadOnlyList<(double Start, double End)> Windows, float[,] Embeddings, double Duration);

/// <summary>
/// Window-embedding clustering (d-vector style, the GhostVLAD/UIS-RNN seed): VAD → sliding windows over speech →
/// <see cref="ISpeakerEmbedder"/> → any clusterer → each instant takes the label of the nearest window centre → turns →
/// min duration on/off. <see cref="Embed"/> and <see cref="Cluster"/> are separate so a threshold sweep re-runs only the
/// clustering on cached embeddings.
/// </summary>
public sealed class WindowEmbeddingPipeline(WindowEmbeddingOptions options, ISpeakerEmbedder embedder) : IDiarizationPipeline
{
    /// <summary>The options.</summary>
    public WindowEmbeddingOptions Options { get; } = options;

    /// <summary>The embedding model.</summary>
    public ISpeakerEmbedder Embedder { get; } = embedder;

    /// <inheritdoc />
    public string Name { get; init; } = $"windows-{embedder.Name}";

    /// <inheritdoc />
    public string Fingerprint => $"windows|{Embedder.Name}|{Options}|{Options.Vad}|{Options.Clustering}";

    /// <summary>Fingerprint of the embedding stage only (what the embedding cache is keyed on).</summary>
    public string EmbeddingFingerprint => FormattableString.Invariant($"windows-emb|{Embedder.Name}|{Embedder.Dimension}|{Options.WindowSeconds}|{Options.OverlapRate}|{Options.Vad}");

    /// <inheritdoc />
    public DiarizationResult Run(Signal signal, SpeakerCount? count = null, string uri = "audio") => RunWindows(signal, count, uri);

    /// <summary>Runs the whole pipeline.</summary>
    public WindowEmbeddingResult RunWindows(Signal signal, SpeakerCount? count = null, string uri = "audio")
    {
        var timings = new StageTimings();
        var emb = Embed(signal, timings);
        return Cluster(emb, signal.Duration, count, uri, timings);
    }

    /// <summary>VAD, windows and embeddings (stages "vad", "embedding").</summary>
    public WindowEmbeddings Embed(Signal signal, StageTimings? timings = null)
    {
        Options.Validate();
        timings ??= new StageTimings();
        if (signal.SampleRate != Embedder.SampleRate)
            throw new InvalidParameterException("audio", $"the signal is at {signal.SampleRate} Hz but {Embedder.Name} expects {Embedder.SampleRate} Hz; resample it explicitly first.");
        if (signal.Duration < Math.Max(Embedder.MinDurationSeconds, Math.Min(Options.WindowSeconds, 0.5)))
            throw new InvalidParameterException("audio", $"the signal lasts {signal.Duration:0.###} s, shorter than one {Options.WindowSeconds} s window; give a longer recording.");
        var speech = timings.Measure("vad", () => Options.Vad.Detect(signal));
        var windows = Windows(speech, Options.WindowSeconds, Options.StepSeconds, Math.Max(Embedder.MinDurationSeconds, 0.5 * Options.WindowSeconds));
        var e = timings.Measure("embedding", () =>
        {
            var y = new float[windows.Count, Embedder.Dimension];
            // Silence gives no windows: an empty annotation, not an error.
            for (int b = 0; b < windows.Count; b += Options.BatchSize)
            {
                int n = Math.Min(Options.BatchSize, windows.Count - b);
                var batch = new List<Signal>(n);
                for (int i = 0; i < n; i++) batch.Add(signal.SliceTime(windows[b + i].Start, windows[b + i].End));
                var part = Embedder.Embed(batch);
                for (int i = 0; i < n; i++) for (int j = 0; j < Embedder.Dimension; j++) y[b + i, j] = part[i, j];
            }
            return y;
        });
        return new WindowEmbeddings(speech, windows, e, signal.Duration);
    }

    /// <summary>Clustering and segments from (possibly cached) embeddings (stages "clustering", "segments").</summary>
    public WindowEmbeddingResult Cluster(WindowEmbeddings emb, double duration, SpeakerCount? count = null, string uri = "audio", StageTimings? timings = null)
    {
        timings ??= new StageTimings();
        var x = Prepare(emb.Embeddings, Options.CenterEmbeddings);
        var cr = timings.Measure("clustering", () => Options.Clustering.Cluster(x, count));
        var turns = timings.Measure("segments", () => LabelsToTurns(emb.Speech, emb.Windows, cr.Labels, duration, Options));
        return new WindowEmbeddingResult
        {
            Annotation = DiarizationResult.ToAnnotation(uri, turns), Turns = turns, Timings = timings,
            Speech = emb.Speech, Windows = emb.Windows, Embeddings = emb.Embeddings, Clustering = cr,
        };
    }

    /// <summary>
    /// Sliding windows inside each speech region: starts every <paramref name="step"/> seconds while a full window fits;
    /// the region's end is covered by one more window aligned to it; a region shorter than a window gives one window
    /// over the whole region if it lasts at least <paramref name="minSeconds"/>.
    /// </summary>
    public static List<(double Start, double End)> Windows(Timeline speech, double window, double step, double minSeconds)
    {
        var w = new List<(double, double)>();
        foreach (var r in speech)
        {
            if (r.Duration < window)
            {
                if (r.Duration >= minSeconds) w.Add((r.Start, r.End));
                continue;
            }
            double s = r.Start;
            for (; s + window <= r.End + 1e-9; s += step) w.Add((s, s + window));
            if (s - step + window < r.End - 1e-9) w.Add((r.End - window, r.End));
        }
        return w;
    }

    private static double[,] Prepare(float[,] e, bool center)
    {
        int n = e.GetLength(0), d = e.GetLength(1);
        var x = new double[n, d];
        var mean = new double[d];
        if (center && n > 1)
            for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) mean[j] += e[i, j] / (double)n;
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) x[i, j] = e[i, j] - mean[j];
        return x;
    }

    /// <summary>Each 10-ms step inside speech takes the label of the window whose centre is nearest; then turns and smoothing.</summary>
    internal static List<SpeakerTurn> LabelsToTurns(Timeline speech, IReadOnlyList<(double Start, double End)> windows,
        int[] labels, double duration, WindowEmbeddingOptions o)
    {
        const double res = 0.01;
        var grid = new SlidingWindow(0, res, res);
        int n = (int)Math.Ceiling(duration / res);
        var frameLabels = Enumerable.Repeat(-1, n).ToArray();
        if (windows.Count > 0)
        {
            var centres = windows.Select(w => 0.5 * (w.Start + w.End)).ToArray();
            int wi = 0;
            foreach (var r in speech)
                for (int t = (int)Math.Floor(r.Start / res); t < Math.Min(n, (int)Math.Ceiling(r.End / res)); t++)
                {
                    double m = grid.Middle(t);
                    while (wi + 1 < centres.Length && Math.Abs(centres[wi + 1] - m) <= Math.Abs(centres[wi] - m)) wi++;
                    while (wi > 0 && Math.Abs(centres[wi - 1] - m) < Math.Abs(centres[wi] - m)) wi--;
                    frameLabels[t] = labels[wi];
                }
        }
        var turns = PostProcessing.TurnsFromFrameLabels(frameLabels, grid, duration);
        return PostProcessing.Smooth(turns, o.MinDurationOn, o.MinDurationOff);
    }
}
