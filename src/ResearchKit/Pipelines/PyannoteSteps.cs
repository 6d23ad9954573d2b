using ResearchKit.Clustering;

namespace ResearchKit.Pipelines;

/// <summary>
/// The post-processing steps of pyannote.audio 3.1.1's <c>SpeakerDiarization</c> pipeline as pure functions over
/// arrays, in pipeline order: <see cref="Binarize"/> → <see cref="CountSpeakers"/> (overlap-add
/// <see cref="Aggregate"/>) → embeddings with <see cref="ExcludeOverlapMasks"/> → clustering with
/// <see cref="ClusterEmbeddings"/> (centroid AHC with min_cluster_size) → <see cref="AssignToCentroids"/> (argmax) →
/// <see cref="Reconstruct"/> → <see cref="ToTurns"/> (min_duration_off).
/// Array layouts follow pyannote: segmentations are [chunk, frame, local speaker]; embeddings [chunk, local speaker, dim].
/// References are to pyannote-audio tag 3.1.1: pipelines/speaker_diarization.py, pipelines/utils/diarization.py,
/// pipelines/clustering.py, core/inference.py, utils/signal.py.
/// </summary>
public static class PyannoteSteps
{
    /// <summary>
    /// Hysteresis thresholding along frames for every (chunk, speaker), as <c>utils/signal.py: binarize</c>: a frame
    /// is active when its score &gt; onset, inactive when &lt; offset, and otherwise keeps the previous frame's state
    /// (<paramref name="initialState"/> before the first decided frame; the pipeline uses false). NaN counts as 0.
    /// Powerset segmentation models (segmentation-3.0) skip this step: their multilabel output is already binary.
    /// </summary>
    public static float[,,] Binarize(float[,,] scores, double onset = 0.5, double? offset = null, bool initialState = false)
    {
        double off = offset ?? onset;
        int c = scores.GetLength(0), f = scores.GetLength(1), s = scores.GetLength(2);
        var y = new float[c, f, s];
        for (int i = 0; i < c; i++)
            for (int k = 0; k < s; k++)
            {
                bool state = initialState;
                for (int t = 0; t < f; t++)
                {
                    float v = scores[i, t, k];
                    if (float.IsNaN(v)) v = 0;
                    if (v > onset) state = true;
                    else if (v < off) state = false;
                    y[i, t, k] = state ? 1f : 0f;
                }
            }
        return y;
    }

    /// <summary>
    /// Overlap-add aggregation of per-chunk scores onto one frame grid, as <c>Inference.aggregate</c>: chunk c starts
    /// at frame <c>frames.ClosestFrame(chunks.WindowStart(c))</c>; the output has
    /// <c>frames.ClosestFrame(chunks.Start + chunks.Duration + (C−1)·chunks.Step) + 1</c> frames; NaN scores are masked
    /// out; frames no chunk covers get <paramref name="missing"/>; with <paramref name="skipAverage"/> the sum is
    /// returned, otherwise the sum divided by max(number of contributing chunks, 1e-12). The frame grid is re-based
    /// on <c>chunks.Start</c>, as pyannote does. Accumulation in float32, as pyannote's arrays.
    /// </summary>
    /// <param name="scores">[chunk, frame, class] scores (NaN = missing).</param>
    /// <param name="chunks">Chunk windows (e.g. 10 s duration, 1 s step).</param>
    /// <param name="frames">Frame resolution (duration and step of one model output frame).</param>
    /// <param name="hamming">Weight each chunk with a symmetric Hamming window (numpy's <c>np.hamming</c>).</param>
    /// <param name="missing">Value for frames without any contribution.</param>
    /// <param name="skipAverage">Return the weighted sum instead of the average.</param>
    /// <returns>The [frame, class] aggregate and its frame grid.</returns>
    public static (float[,] Data, SlidingWindow Frames) Aggregate(float[,,] scores, SlidingWindow chunks, SlidingWindow frames,
        bool hamming = false, float missing = float.NaN, bool skipAverage = false)
    {
        int nc = scores.GetLength(0), nf = scores.GetLength(1), k = scores.GetLength(2);
        var grid = frames with { Start = chunks.Start };
        int total = nc == 0 ? 0 : grid.ClosestFrame(chunks.Start + chunks.Duration + (nc - 1) * chunks.Step) + 1;
        var sum = new float[total, k];
        var count = new float[total, k];
        var seen = new bool[total, k];
        var w = new float[nf];
        for (int t = 0; t < nf; t++)
            w[t] = hamming && nf > 1 ? (float)(0.54 - 0.46 * Math.Cos(2 * Math.PI * t / (nf - 1))) : 1f;
        for (int c = 0; c < nc; c++)
        {
            int s0 = grid.ClosestFrame(chunks.WindowStart(c));
            for (int t = 0; t < nf; t++)
            {
                int g = s0 + t;
                if (g < 0 || g >= total) continue; // numpy slicing drops what falls outside
                for (int j = 0; j < k; j++)
                {
                    float v = scores[c, t, j];
                    if (float.IsNaN(v)) continue;
                    sum[g, j] += v * w[t];
                    count[g, j] += w[t];
                    seen[g, j] = true;
                }
            }
        }
        var y = new float[total, k];
        for (int g = 0; g < total; g++)
            for (int j = 0; j < k; j++)
                y[g, j] = !seen[g, j] ? missing : skipAverage ? sum[g, j] : sum[g, j] / Math.Max(count[g, j], 1e-12f);
        return (y, grid);
    }

    /// <summary>
    /// Instantaneous speaker count per frame, as <c>SpeakerDiarizationMixin.speaker_count</c> with the pipeline's
    /// warm_up (0, 0): the number of active local speakers per chunk frame, overlap-add averaged across chunks
    /// (<see cref="Aggregate"/>, no Hamming, missing 0), then rounded half-to-even (<c>np.rint</c>).
    /// </summary>
    public static (int[] Count, SlidingWindow Frames) CountSpeakers(float[,,] binarized, SlidingWindow chunks, SlidingWindow frames)
    {
        int nc = binarized.GetLength(0), nf = binarized.GetLength(1), s = binarized.GetLength(2);
        var summed = new float[nc, nf, 1];
        for (int c = 0; c < nc; c++)
            for (int t = 0; t < nf; t++)
            {
                float a = 0;
                for (int k = 0; k < s; k++) a += binarized[c, t, k];
                summed[c, t, 0] = a;
            }
        var (avg, grid) = Aggregate(summed, chunks, frames, hamming: false, missing: 0f);
        var count = new int[avg.GetLength(0)];
        for (int g = 0; g < count.Length; g++) count[g] = (int)Math.Round(avg[g, 0], MidpointRounding.ToEven);
        return (count, grid);
    }

    /// <summary>
    /// Frame masks for one embedding per (chunk, local speaker), as <c>get_embeddings(exclude_overlap=True)</c>:
    /// the speaker's frames with overlapped frames (≥ 2 active speakers) zeroed, unless fewer than
    /// <c>ceil(F · minSamples / chunkSamples)</c> clean frames remain (then the full mask is used).
    /// </summary>
    /// <param name="binarized">[chunk, frame, speaker] binary segmentation.</param>
    /// <param name="minNumFrames">Minimum clean frames (pyannote: <c>ceil(num_frames · min_num_samples / (duration · sample_rate))</c>); −1 disables exclusion.</param>
    /// <returns>[chunk, speaker, frame] masks.</returns>
    public static float[,,] ExcludeOverlapMasks(float[,,] binarized, int minNumFrames)
    {
        int nc = binarized.GetLength(0), nf = binarized.GetLength(1), s = binarized.GetLength(2);
        var m = new float[nc, s, nf];
        for (int c = 0; c < nc; c++)
        {
            var clean = new bool[nf];
            for (int t = 0; t < nf; t++)
            {
                float a = 0;
                for (int k = 0; k < s; k++) a += binarized[c, t, k];
                clean[t] = a < 2;
            }
            for (int k = 0; k < s; k++)
            {
                float sumClean = 0;
                for (int t = 0; t < nf; t++) if (clean[t]) sumClean += binarized[c, t, k];
                bool useClean = minNumFrames >= 0 && sumClean > minNumFrames;
                for (int t = 0; t < nf; t++)
                    m[c, k, t] = useClean ? (clean[t] ? binarized[c, t, k] : 0f) : binarized[c, t, k];
            }
        }
        return m;
    }

    /// <summary>
    /// The clustering step of pyannote 3.1's <c>BaseClustering.__call__</c>: keeps the embeddings of active local speakers
    /// (some frame on) with no NaN (<c>filter_embeddings</c>), resolves the speaker-count hint against their number
    /// (<c>set_num_clusters</c>), skips clustering when at most one cluster is allowed or one embedding exists, otherwise
    /// runs <see cref="AgglomerativeClustering"/> (centroid linkage on L2-normalised vectors, threshold, and the
    /// min_cluster_size rule: small clusters go to the nearest large one) and finally <see cref="AssignToCentroids"/>.
    /// </summary>
    /// <param name="embeddings">[chunk, local speaker, dim] embeddings (NaN rows = failed extraction).</param>
    /// <param name="binarized">[chunk, frame, local speaker] binary segmentation.</param>
    /// <param name="ahc">Clustering options (<see cref="AhcOptions.Pyannote31"/>).</param>
    /// <param name="count">Speaker-count hint.</param>
    public static PyannoteClustering ClusterEmbeddings(float[,,] embeddings, float[,,] binarized, AhcOptions ahc, SpeakerCount count)
    {
        int nc = embeddings.GetLength(0), ns = embeddings.GetLength(1), d = embeddings.GetLength(2);
        var tc = new List<int>();
        var ts = new List<int>();
        for (int c = 0; c < nc; c++)
            for (int s = 0; s < ns; s++)
            {
                bool active = false;
                for (int t = 0; t < binarized.GetLength(1) && !active; t++) active = binarized[c, t, s] > 0;
                bool valid = true;
                for (int e = 0; e < d && valid; e++) valid = !float.IsNaN(embeddings[c, s, e]);
                if (active && valid) { tc.Add(c); ts.Add(s); }
            }
        int n = tc.Count;
        var constraint = SpeakerCountHints.ForItems(count, Math.Max(1, n));
        int maxClusters = constraint.Max ?? n;
        int[] train;
        AhcResult? result = null;
        if (n <= 1 || maxClusters < 2) train = new int[n]; // pyannote: no clustering when max_clusters < 2 or one embedding
        else
        {
            var x = new double[n, d];
            for (int i = 0; i < n; i++) for (int e = 0; e < d; e++) x[i, e] = embeddings[tc[i], ts[i], e];
            result = new AgglomerativeClustering(ahc).Run(x, constraint);
            train = result.Labels;
        }
        if (n == 0)
            return new PyannoteClustering(new int[nc, ns], new float[nc, ns, 0], [], [], [], [], null);
        var (hard, soft, cent) = AssignToCentroids(embeddings, tc, ts, train);
        return new PyannoteClustering(hard, soft, cent, tc.ToArray(), ts.ToArray(), train, result);
    }

    /// <summary>
    /// Assignment of every (chunk, local speaker) embedding to a cluster, as <c>assign_embeddings(constrained=False)</c>:
    /// centroids are the means of the (un-normalised) training embeddings of each cluster; soft scores are
    /// 2 − cosine distance; the hard cluster is the argmax (first maximum; an all-NaN row gives 0, as
    /// <c>np.argmax</c>). Training embeddings may move to another cluster in the process, as in pyannote.
    /// </summary>
    /// <param name="embeddings">[chunk, speaker, dim] embeddings (NaN rows for failed extractions).</param>
    /// <param name="trainChunk">Chunk index of each clustered (training) embedding.</param>
    /// <param name="trainSpeaker">Local speaker index of each clustered embedding.</param>
    /// <param name="trainClusters">Cluster label 0..K−1 of each clustered embedding.</param>
    /// <returns>Hard clusters [chunk, speaker], soft scores [chunk, speaker, K] and centroids [K][dim].</returns>
    public static (int[,] Hard, float[,,] Soft, float[][] Centroids) AssignToCentroids(float[,,] embeddings,
        IReadOnlyList<int> trainChunk, IReadOnlyList<int> trainSpeaker, IReadOnlyList<int> trainClusters)
    {
        int nc = embeddings.GetLength(0), ns = embeddings.GetLength(1), d = embeddings.GetLength(2);
        int k = trainClusters.Count == 0 ? 0 : trainClusters.Max() + 1;
        var centroids = new float[k][];
        for (int j = 0; j < k; j++)
        {
            var acc = new double[d];
            int n = 0;
            for (int i = 0; i < trainClusters.Count; i++)
            {
                if (trainClusters[i] != j) continue;
                for (int e = 0; e < d; e++) acc[e] += embeddings[trainChunk[i], trainSpeaker[i], e];
                n++;
            }
            centroids[j] = acc.Select(v => (float)(v / n)).ToArray();
        }
        var hard = new int[nc, ns];
        var soft = new float[nc, ns, k];
        var v = new float[d];
        for (int c = 0; c < nc; c++)
            for (int s = 0; s < ns; s++)
            {
                for (int e = 0; e < d; e++) v[e] = embeddings[c, s, e];
                int best = 0;
                double bestScore = double.NegativeInfinity;
                bool foundNaN = false;
                for (int j = 0; j < k; j++)
                {
                    double score = 2 - CosineDistance(v, centroids[j]);
                    soft[c, s, j] = (float)score;
                    if (double.IsNaN(score)) { if (!foundNaN) { best = j; foundNaN = true; } continue; }
                    if (!foundNaN && score > bestScore) { bestScore = score; best = j; }
                }
                hard[c, s] = best;
            }
        return (hard, soft, centroids);
    }

    /// <summary>
    /// Discrete diarization from clustered local speakers, as <c>reconstruct</c> + <c>to_diarization</c>: for each
    /// chunk, cluster k's activity is the max over the local speakers assigned to k (hard cluster −2 = inactive,
    /// skipped; clusters absent from a chunk are NaN); these are summed across chunks (overlap-add, no averaging,
    /// missing 0), padded with zero columns up to the maximum count, and in each frame the <c>count[t]</c> clusters with
    /// the highest summed activity are switched on (stable order on ties).
    /// </summary>
    /// <param name="segmentations">[chunk, frame, local speaker] segmentation (binary for powerset models).</param>
    /// <param name="hardClusters">[chunk, local speaker] cluster index, −2 for inactive speakers.</param>
    /// <param name="count">Speaker count per output frame (<see cref="CountSpeakers"/>, capped by max speakers).</param>
    /// <param name="chunks">Chunk windows.</param>
    /// <param name="frames">Frame resolution.</param>
    /// <returns>[frame, speaker] 0/1 matrix on the count's frame grid, and the summed activations.</returns>
    public static (float[,] Binary, float[,] Activations) Reconstruct(float[,,] segmentations, int[,] hardClusters,
        IReadOnlyList<int> count, SlidingWindow chunks, SlidingWindow frames)
    {
        int nc = segmentations.GetLength(0), nf = segmentations.GetLength(1), ns = segmentations.GetLength(2);
        int k = 0;
        foreach (var h in hardClusters) k = Math.Max(k, h + 1);
        var clustered = new float[nc, nf, k];
        for (int c = 0; c < nc; c++)
            for (int j = 0; j < k; j++)
            {
                bool any = false;
                for (int s = 0; s < ns; s++) any |= hardClusters[c, s] == j;
                for (int t = 0; t < nf; t++)
                {
                    if (!any) { clustered[c, t, j] = float.NaN; continue; }
                    float m = float.NegativeInfinity;
                    for (int s = 0; s < ns; s++)
                        if (hardClusters[c, s] == j) m = Math.Max(m, segmentations[c, t, s]);
                    clustered[c, t, j] = m;
                }
            }
        var (act, _) = Aggregate(clustered, chunks, frames, hamming: false, missing: 0f, skipAverage: true);
        int maxCount = count.Count == 0 ? 0 : count.Max();
        int kk = Math.Max(k, maxCount);
        int n = Math.Min(act.GetLength(0), count.Count); // activations.extent & count.extent
        var padded = new float[n, kk];
        var binary = new float[n, kk];
        var order = new int[kk];
        for (int t = 0; t < n; t++)
        {
            for (int j = 0; j < k; j++) padded[t, j] = act[t, j];
            for (int j = 0; j < kk; j++) order[j] = j;
            int tt = t;
            var sorted = order.OrderByDescending(j => padded[tt, j]).ToArray(); // LINQ ordering is stable
            for (int i = 0; i < Math.Min(count[t], kk); i++) binary[t, sorted[i]] = 1f;
        }
        return (binary, padded);
    }

    /// <summary>
    /// Continuous turns from a discrete [frame, speaker] diarization, as <c>to_annotation</c> (pyannote's
    /// <c>Binarize</c> with onset = offset = 0.5 on frame middles): a turn starts at the middle of the frame where
    /// the speaker switches on and ends at the middle of the frame where it switches off (or the last frame's middle);
    /// then same-speaker gaps shorter than <paramref name="minDurationOff"/> are filled (<c>support(collar)</c>) and turns
    /// shorter than <paramref name="minDurationOn"/> removed. Sorted by (start, speaker).
    /// </summary>
    public static List<SpeakerTurn> ToTurns(float[,] binary, SlidingWindow frames, double minDurationOn = 0, double minDurationOff = 0)
    {
        int n = binary.GetLength(0), k = binary.GetLength(1);
        var turns = new List<SpeakerTurn>();
        if (n == 0) return turns;
        for (int j = 0; j < k; j++)
        {
            var mine = new List<SpeakerTurn>();
            double start = frames.Middle(0);
            bool active = binary[0, j] > 0.5;
            for (int t = 1; t < n; t++)
            {
                double ts = frames.Middle(t);
                if (active && binary[t, j] < 0.5) { mine.Add(new SpeakerTurn(j, start, ts)); active = false; }
                else if (!active && binary[t, j] > 0.5) { start = ts; active = true; }
            }
            if (active) mine.Add(new SpeakerTurn(j, start, frames.Middle(n - 1)));
            turns.AddRange(PostProcessing.FillGaps(mine, minDurationOff));
        }
        if (minDurationOn > 0) turns.RemoveAll(x => x.Duration < minDurationOn);
        turns.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Speaker.CompareTo(b.Speaker));
        return turns;
    }

    /// <summary>scipy's cosine distance 1 − u·v / (|u| |v|), in double.</summary>
    internal static double CosineDistance(ReadOnlySpan<float> u, ReadOnlySpan<float> v)
    {
        double uv = 0, uu = 0, vv = 0;
        for (int i = 0; i < u.Length; i++) { uv += (double)u[i] * v[i]; uu += (double)u[i] * u[i]; vv += (double)v[i] * v[i]; }
        return 1 - uv / Math.Sqrt(uu * vv);
    }
}
