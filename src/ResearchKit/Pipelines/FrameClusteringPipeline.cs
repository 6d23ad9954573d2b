using ResearchKit.Annotations;
using ResearchKit.Audio;
using ResearchKit.Clustering;
using ResearchKit.Features;
using ResearchKit.Models;

namespace ResearchKit.Pipelines;

/// <summary>Intermediates of a <see cref="FrameClusteringPipeline"/> run.</summary>
public sealed record FrameClusteringResult : DiarizationResult
{
    /// <summary>[frame, coefficient] features of the whole signal.</summary>
    public required float[,] Features { get; init; }

    /// <summary>Feature frame grid (frame_ms / stride_ms).</summary>
    public required SlidingWindow Frames { get; init; }

    /// <summary>Speech regions from the VAD.</summary>
    public required Timeline Speech { get; init; }

    /// <summary>Per frame: inside speech.</summary>
    public required bool[] SpeechMask { get; init; }

    /// <summary>Grid of the clustered (pooled) vectors.</summary>
    public required SlidingWindow ClusteredFrames { get; init; }

    /// <summary>[item, dim] vectors that were clustered (speech only, normalised).</summary>
    public required double[,] Clustered { get; init; }

    /// <summary>Index on <see cref="ClusteredFrames"/> of each clustered row.</summary>
    public required int[] ClusteredIndex { get; init; }

    /// <summary>Clustering output (its runtime type carries the dendrogram / centres).</summary>
    public required ClusteringResult Clustering { get; init; }

    /// <summary>Label per pooled frame on <see cref="ClusteredFrames"/> (−1 = non-speech): "frames arranged in time".</summary>
    public required int[] FrameLabels { get; init; }
}

/// <summary>
/// Frame-feature clustering (malaya-speech's "Speaker Diarization using Features", seed 001): features per frame →
/// VAD mask → standardise / pool / L2-normalise → one clustering over all speech frames → labels in time → turns →
/// min duration on/off.
/// </summary>
public sealed class FrameClusteringPipeline(FrameClusteringOptions options) : IDiarizationPipeline
{
    /// <summary>The options.</summary>
    public FrameClusteringOptions Options { get; } = options;

    /// <inheritdoc />
    public string Name { get; init; } = $"frames-{options.Feature.ToString().ToLowerInvariant()}";

    /// <inheritdoc />
    public string Fingerprint => $"frames|{Options}|{Options.Vad}|{Options.Clustering}";

    /// <inheritdoc />
    public DiarizationResult Run(Signal signal, SpeakerCount? count = null, string uri = "audio") => RunFrames(signal, count, uri);

    /// <summary>Runs the pipeline and returns every intermediate.</summary>
    public FrameClusteringResult RunFrames(Signal signal, SpeakerCount? count = null, string uri = "audio")
    {
        Options.Validate();
        var o = Options;
        var timings = new StageTimings();
        var frames = new SlidingWindow(0, o.FrameMs / 1000, o.StrideMs / 1000);
        if (signal.Duration < frames.Duration)
            throw new InvalidParameterException("audio", $"the signal lasts {signal.Duration:0.###} s, shorter than one {o.FrameMs} ms frame; give a longer recording.");
        var feats = timings.Measure("features", () => ComputeFeatures(signal, o));
        var speech = timings.Measure("vad", () => o.Vad.Detect(signal));
        int nf = feats.GetLength(0), d0 = feats.GetLength(1);
        var mask = new bool[nf];
        int si = 0;
        for (int t = 0; t < nf; t++)
        {
            double m = frames.Middle(t);
            while (si < speech.Count && speech[si].End <= m) si++;
            mask[t] = si < speech.Count && speech[si].Start <= m;
        }
        var pooled = frames with { Duration = frames.Duration + (o.PoolFrames - 1) * frames.Step, Step = frames.Step * o.PoolFrames };
        var (x, index) = timings.Measure("normalise", () => Prepare(feats, mask, o));
        ClusteringResult cr = timings.Measure("clustering", () => o.Clustering.Cluster(x, count));
        int np = (nf + o.PoolFrames - 1) / o.PoolFrames;
        var labels = Enumerable.Repeat(-1, np).ToArray();
        for (int i = 0; i < index.Length; i++) labels[index[i]] = cr.Labels[i];
        var turns = timings.Measure("segments", () =>
            PostProcessing.Smooth(PostProcessing.TurnsFromFrameLabels(labels, pooled, signal.Duration), o.MinDurationOn, o.MinDurationOff));
        return new FrameClusteringResult
        {
            Annotation = DiarizationResult.ToAnnotation(uri, turns), Turns = turns, Timings = timings,
            Features = feats, Frames = frames, Speech = speech, SpeechMask = mask, ClusteredFrames = pooled,
            Clustered = x, ClusteredIndex = index, Clustering = cr, FrameLabels = labels,
        };
    }

    private static float[,] ComputeFeatures(Signal signal, FrameClusteringOptions o)
    {
        var f = o.Feature switch
        {
            FrameFeature.Mfcc => KaldiMfcc.Compute(signal, new MfccOptions
            {
                FrameLengthMs = o.FrameMs, FrameShiftMs = o.StrideMs, NumCeps = o.NumCoefficients,
                NumMelBins = Math.Max(23, o.NumCoefficients + 3), SampleFrequency = signal.SampleRate,
            }),
            _ => KaldiFbank.Compute(signal, new FbankOptions
            {
                FrameLengthMs = o.FrameMs, FrameShiftMs = o.StrideMs, NumMelBins = o.NumCoefficients, SampleFrequency = signal.SampleRate,
            }),
        };
        if (o.Feature == FrameFeature.Mfcc && o.DropC0)
        {
            var g = new float[f.GetLength(0), f.GetLength(1) - 1];
            for (int i = 0; i < f.GetLength(0); i++) for (int j = 1; j < f.GetLength(1); j++) g[i, j - 1] = f[i, j];
            return g;
        }
        return f;
    }

    /// <summary>Standardise over speech frames, pool, L2-normalise; returns the rows to cluster and their pooled index.</summary>
    private static (double[,] X, int[] Index) Prepare(float[,] f, bool[] mask, FrameClusteringOptions o)
    {
        int n = f.GetLength(0), d = f.GetLength(1);
        var mean = new double[d];
        var sd = new double[d];
        int ns = 0;
        for (int t = 0; t < n; t++) if (mask[t]) { ns++; for (int j = 0; j < d; j++) mean[j] += f[t, j]; }
        for (int j = 0; j < d; j++) mean[j] = ns > 0 ? mean[j] / ns : 0;
        for (int t = 0; t < n; t++) if (mask[t]) for (int j = 0; j < d; j++) sd[j] += (f[t, j] - mean[j]) * (f[t, j] - mean[j]);
        for (int j = 0; j < d; j++) sd[j] = ns > 1 ? Math.Sqrt(sd[j] / ns) : 1;
        var rows = new List<double[]>();
        var idx = new List<int>();
        for (int p = 0; p * o.PoolFrames < n; p++)
        {
            var v = new double[d];
            int c = 0;
            for (int t = p * o.PoolFrames; t < Math.Min(n, (p + 1) * o.PoolFrames); t++)
            {
                if (!mask[t]) continue;
                c++;
                for (int j = 0; j < d; j++) v[j] += o.Standardize ? (f[t, j] - mean[j]) / (sd[j] > 1e-12 ? sd[j] : 1) : f[t, j];
            }
            // A pooled frame counts as speech when most of its frames are speech.
            if (2 * c <= Math.Min(n, (p + 1) * o.PoolFrames) - p * o.PoolFrames) continue;
            for (int j = 0; j < d; j++) v[j] /= c;
            if (o.L2Normalize)
            {
                double norm = Math.Sqrt(v.Sum(a => a * a));
                if (norm > 0) for (int j = 0; j < d; j++) v[j] /= norm;
            }
            rows.Add(v);
            idx.Add(p);
        }
        var x = new double[rows.Count, d];
        for (int i = 0; i < rows.Count; i++) for (int j = 0; j < d; j++) x[i, j] = rows[i][j];
        return (x, idx.ToArray());
    }
}
