using ResearchKit.Clustering;
using ResearchKit.Pipelines;

namespace ResearchKit.Tests.Pipelines;

/// <summary>
/// Hand-computed cases for each pyannote 3.1.1 post-processing step (expected values worked out on paper from the
/// formulas of pyannote-audio 3.1.1's code, documented in each test; never produced by our code).
/// </summary>
public class PyannoteStepsTests
{
    // Two chunks of 4 frames, chunk duration 4 s and step 2 s, frames of 1 s: chunk 1 starts at
    // closest_frame(2) = rint((2 − 0.5)/1) = rint(1.5) = 2; the grid has closest_frame(0 + 4 + 2) + 1 = rint(5.5) + 1 = 7 frames.
    private static readonly SlidingWindow Chunks = new(0, 4, 2);
    private static readonly SlidingWindow Frames = new(0, 1, 1);

    private static float[,,] Seg() => To3([
        [[1, 0], [1, 1], [0, 1], [0, 0]],
        [[1, 0], [1, 0], [1, 1], [0, 1]],
    ]);

    private static float[,,] To3(float[][][] x)
    {
        var y = new float[x.Length, x[0].Length, x[0][0].Length];
        for (int i = 0; i < x.Length; i++) for (int j = 0; j < x[0].Length; j++) for (int k = 0; k < x[0][0].Length; k++) y[i, j, k] = x[i][j][k];
        return y;
    }

    private static float[][] Rows(float[,] m) =>
        Enumerable.Range(0, m.GetLength(0)).Select(i => Enumerable.Range(0, m.GetLength(1)).Select(j => m[i, j]).ToArray()).ToArray();

    [Fact]
    public void Binarize_is_hysteresis_with_initial_state_false()
    {
        var s = To3([[[0.2f], [0.7f], [0.5f], [0.4f], [0.3f], [0.8f], [float.NaN]]]);
        var b = PyannoteSteps.Binarize(s, onset: 0.6, offset: 0.35);
        Assert.Equal(new float[] { 0, 1, 1, 1, 0, 1, 0 }, Enumerable.Range(0, 7).Select(t => b[0, t, 0]));
        // onset = offset = 0.5: a score exactly 0.5 is neither > onset nor < offset, so the state is kept.
        var b2 = PyannoteSteps.Binarize(s, onset: 0.5);
        Assert.Equal(new float[] { 0, 1, 1, 0, 0, 1, 0 }, Enumerable.Range(0, 7).Select(t => b2[0, t, 0]));
        var s3 = To3([[[0.5f], [0.5f]]]);
        Assert.Equal(1f, PyannoteSteps.Binarize(s3, 0.5, initialState: true)[0, 1, 0]);
    }

    [Fact]
    public void Speaker_count_is_overlap_add_average_rounded_half_to_even()
    {
        // per-chunk sums: chunk 0 = [1, 2, 1, 0] on frames 0..3, chunk 1 = [1, 1, 2, 1] on frames 2..5.
        // frame 2: (1 + 1)/2 = 1; frame 3: (0 + 1)/2 = 0.5 → rint → 0; frame 6: no chunk → missing 0.
        var (count, grid) = PyannoteSteps.CountSpeakers(Seg(), Chunks, Frames);
        Assert.Equal([1, 2, 1, 0, 2, 1, 0], count);
        Assert.Equal(0.0, grid.Start);
    }

    [Fact]
    public void Aggregate_masks_nan_and_reports_missing()
    {
        var s = To3([[[1f], [float.NaN], [3f], [5f]], [[1f], [2f], [float.NaN], [float.NaN]]]);
        var (avg, _) = PyannoteSteps.Aggregate(s, Chunks, Frames, missing: -1f);
        // frame 0: 1; 1: NaN only → missing; 2: (3 + 1)/2 = 2; 3: (5 + 2)/2 = 3.5; 4, 5: NaN only → missing; 6: none → missing.
        Assert.Equal(new float[] { 1, -1, 2, 3.5f, -1, -1, -1 }, Rows(avg).Select(r => r[0]));
        var (sum, _) = PyannoteSteps.Aggregate(s, Chunks, Frames, missing: 0f, skipAverage: true);
        Assert.Equal(new float[] { 1, 0, 4, 7, 0, 0, 0 }, Rows(sum).Select(r => r[0]));
    }

    [Fact]
    public void Reconstruct_sums_clustered_activity_and_keeps_the_top_count_clusters()
    {
        // chunk 0: local 0 → cluster 0, local 1 → cluster 1; chunk 1: local 0 → cluster 1, local 1 → cluster 0.
        // Summed activity per global frame: [1,0] [1,1] [0,2] [0,1] [1,1] [1,0] [0,0]; count [1,2,1,0,2,1,0].
        int[] count = [1, 2, 1, 0, 2, 1, 0];
        var (bin, act) = PyannoteSteps.Reconstruct(Seg(), new[,] { { 0, 1 }, { 1, 0 } }, count, Chunks, Frames);
        Assert.Equal([[1f, 0], [1, 1], [0, 2], [0, 1], [1, 1], [1, 0], [0, 0]], Rows(act));
        Assert.Equal([[1f, 0], [1, 1], [0, 1], [0, 0], [1, 1], [1, 0], [0, 0]], Rows(bin));
    }

    [Fact]
    public void Reconstruct_skips_inactive_speakers_and_breaks_ties_by_index()
    {
        // chunk 1's local speaker 1 is inactive (−2): cluster 0 is absent (NaN) from chunk 1.
        // activity: [1,0] [1,1] [0,2] [0,1] [0,1] [0,0] [0,0]. Frame 4 has count 2, so cluster 0 is switched on although
        // its activity is 0 (pyannote does the same); frame 5 ties 0 = 0 with count 1: the lower index wins.
        int[] count = [1, 2, 1, 0, 2, 1, 0];
        var (bin, _) = PyannoteSteps.Reconstruct(Seg(), new[,] { { 0, 1 }, { 1, -2 } }, count, Chunks, Frames);
        Assert.Equal([[1f, 0], [1, 1], [0, 1], [0, 0], [1, 1], [1, 0], [0, 0]], Rows(bin));
    }

    [Fact]
    public void Reconstruct_pads_when_count_exceeds_clusters()
    {
        // one cluster but count 2 on frame 1: a zero column is added and switched on (pyannote's np.pad).
        var seg = To3([[[1], [1], [0], [0]]]);
        var (bin, _) = PyannoteSteps.Reconstruct(seg, new[,] { { 0 } }, [1, 2, 0, 0, 0], new SlidingWindow(0, 4, 2), Frames);
        Assert.Equal(2, bin.GetLength(1));
        Assert.Equal([1f, 1f], Rows(bin)[1]);
    }

    [Fact]
    public void ToTurns_uses_frame_middles_then_min_duration_off_and_on()
    {
        var bin = new float[,] { { 1, 0 }, { 1, 1 }, { 0, 1 }, { 0, 0 }, { 1, 1 }, { 1, 0 }, { 0, 1 } };
        // speaker 0: on at frame 0 (middle 0.5), off at frame 2 (2.5); on at 4 (4.5), off at 6 (6.5).
        // speaker 1: on at 1 (1.5) off at 3 (3.5); on at 4 (4.5) off at 5 (5.5); on at 6 (6.5) until the last middle 6.5 → empty.
        var t = PyannoteSteps.ToTurns(bin, Frames);
        Assert.Equal([new SpeakerTurn(0, 0.5, 2.5), new SpeakerTurn(1, 1.5, 3.5), new SpeakerTurn(0, 4.5, 6.5), new SpeakerTurn(1, 4.5, 5.5), new SpeakerTurn(1, 6.5, 6.5)], t);
        // gap of speaker 0 is exactly 2.0 s: not < 2.0, kept; with 2.01 it is filled.
        Assert.Equal(2, PyannoteSteps.ToTurns(bin, Frames, minDurationOff: 2.0).Count(x => x.Speaker == 0));
        Assert.Equal(new SpeakerTurn(0, 0.5, 6.5), PyannoteSteps.ToTurns(bin, Frames, minDurationOff: 2.01).Single(x => x.Speaker == 0));
        // min_duration_on 1.5 removes the 1-s and empty turns of speaker 1.
        Assert.Equal([new SpeakerTurn(0, 0.5, 2.5), new SpeakerTurn(1, 1.5, 3.5), new SpeakerTurn(0, 4.5, 6.5)],
            PyannoteSteps.ToTurns(bin, Frames, minDurationOn: 1.5));
    }

    [Fact]
    public void Clustering_step_reassigns_small_clusters_and_respects_hints()
    {
        // 20 active (chunk, speaker) pairs, 10 chunks × 2 local speakers. Unit vectors at angles: 9 around 0°, 9 around 90°,
        // one at 30° and one at 60°. Effective min_cluster_size = min(12, max(1, round(0.1 · 20))) = 2. With centroid
        // linkage on unit vectors and threshold 0.3, the two outliers stay singletons (their distance to a group's
        // centroid is ≈ 2 sin(13°) ≈ 0.45 > 0.3), so they are small clusters and join the large cluster whose centroid
        // is nearest in cosine: 30° → the 0° group, 60° → the 90° group.
        double[] angles = [0, 1, 2, 3, 4, 5, 6, 7, 8, 90, 89, 88, 87, 86, 85, 84, 83, 82, 30, 60];
        var e = new float[10, 2, 2];
        var b = new float[10, 3, 2];
        for (int i = 0; i < 20; i++)
        {
            double r = angles[i] * Math.PI / 180;
            e[i / 2, i % 2, 0] = (float)Math.Cos(r);
            e[i / 2, i % 2, 1] = (float)Math.Sin(r);
            b[i / 2, 1, i % 2] = 1;
        }
        var ahc = AhcOptions.Pyannote31 with { Threshold = 0.3 };
        var res = PyannoteSteps.ClusterEmbeddings(e, b, ahc, SpeakerCount.Unknown);
        Assert.Equal(4, res.Ahc!.FlatLabels.Distinct().Count()); // before the rule: 2 groups + 2 singletons
        var lab = Enumerable.Range(0, 20).Select(i => res.HardClusters[i / 2, i % 2]).ToArray();
        Assert.Equal(2, lab.Distinct().Count());
        Assert.All(Enumerable.Range(0, 9), i => Assert.Equal(lab[0], lab[i]));
        Assert.All(Enumerable.Range(9, 9), i => Assert.Equal(lab[9], lab[i]));
        Assert.NotEqual(lab[0], lab[9]);
        Assert.Equal(lab[0], lab[18]);
        Assert.Equal(lab[9], lab[19]);
        // max 1 speaker: clustering is skipped, everything is cluster 0 (pyannote's max_clusters < 2 shortcut).
        var one = PyannoteSteps.ClusterEmbeddings(e, b, ahc, new SpeakerCount(null, 1));
        Assert.Null(one.Ahc);
        Assert.All(Enumerable.Range(0, 20), i => Assert.Equal(0, one.HardClusters[i / 2, i % 2]));
        // inactive local speakers are not clustered: deactivate chunk 0's speaker 0.
        b[0, 1, 0] = 0;
        Assert.Equal(19, PyannoteSteps.ClusterEmbeddings(e, b, ahc, SpeakerCount.Unknown).TrainChunk.Length);
    }

    [Fact]
    public void Assignment_is_argmax_of_two_minus_cosine_distance_to_centroids()
    {
        var e = To3([[[1, 0], [0, 1]], [[0, 2], [float.NaN, float.NaN]]]);
        // training: (c0,s0) → 0, (c0,s1) → 1, (c1,s0) → 1. Centroids: k0 = (1, 0), k1 = mean((0,1), (0,2)) = (0, 1.5).
        var (hard, soft, cent) = PyannoteSteps.AssignToCentroids(e, [0, 0, 1], [0, 1, 0], [0, 1, 1]);
        Assert.Equal([0f, 1.5f], cent[1]);
        Assert.Equal(new[,] { { 0, 1 }, { 1, 0 } }, hard); // the NaN embedding → argmax of NaNs → 0
        Assert.Equal(2f, soft[0, 0, 0]);
        Assert.Equal(1f, soft[0, 0, 1]);
        // a training embedding moves when another centroid is closer: (1, 1.2) trained in cluster 0 with (1, 0) and (1, 0.2)…
        var e2 = To3([[[1, 0], [1, 1.2f]], [[1, 0.2f], [0, 1]]]);
        var (hard2, _, _) = PyannoteSteps.AssignToCentroids(e2, [0, 0, 1, 1], [0, 1, 0, 1], [0, 0, 0, 1]);
        // centroid 0 = (1, 0.4667), centroid 1 = (0, 1): cos((1,1.2),(1,0.4667)) = 0.8882 > cos((1,1.2),(0,1)) = 0.7682 → stays 0.
        Assert.Equal(0, hard2[0, 1]);
        Assert.Equal(1, hard2[1, 1]);
    }

    [Fact]
    public void Exclude_overlap_masks_fall_back_to_full_masks_when_too_short()
    {
        var b = To3([[[1, 0], [1, 1], [1, 1], [0, 1]]]);
        // clean frames: 0 and 3 (one active speaker); each speaker keeps 1 clean frame.
        var m0 = PyannoteSteps.ExcludeOverlapMasks(b, minNumFrames: 0);  // 1 > 0: clean masks
        Assert.Equal(new float[] { 1, 0, 0, 0 }, Enumerable.Range(0, 4).Select(t => m0[0, 0, t]));
        Assert.Equal(new float[] { 0, 0, 0, 1 }, Enumerable.Range(0, 4).Select(t => m0[0, 1, t]));
        var m1 = PyannoteSteps.ExcludeOverlapMasks(b, minNumFrames: 1);  // 1 > 1 false: full masks
        Assert.Equal(new float[] { 1, 1, 1, 0 }, Enumerable.Range(0, 4).Select(t => m1[0, 0, t]));
        var off = PyannoteSteps.ExcludeOverlapMasks(b, minNumFrames: -1); // exclusion disabled
        Assert.Equal(new float[] { 0, 1, 1, 1 }, Enumerable.Range(0, 4).Select(t => off[0, 1, t]));
    }
}
