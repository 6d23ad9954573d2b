using ResearchKit.Features;

namespace ResearchKit.Tests.Features;

public class NormalizationAndDeltaTests
{
    [Fact]
    public void Deltas_of_a_quadratic_are_its_derivatives_away_from_the_edges()
    {
        // c_t = t²: the 5-point regression gives Δ = 2t exactly and ΔΔ = 2 (the regression of 2t).
        var x = new double[20, 1];
        for (int t = 0; t < 20; t++) x[t, 0] = t * t;
        var y = Deltas.AddDeltas(x, order: 2, window: 2);
        Assert.Equal(3, y.GetLength(1));
        for (int t = 4; t < 16; t++)
        {
            Assert.Equal(t * t, y[t, 0], 12);
            Assert.Equal(2.0 * t, y[t, 1], 9);
            Assert.Equal(2.0, y[t, 2], 9);
        }
        // first frame, order 1, clamped indices: (1·(c1 − c0) + 2·(c2 − c0)) / 10 = (1 + 8) / 10
        Assert.Equal(0.9, y[0, 1], 12);
    }

    [Fact]
    public void Utterance_cmvn_gives_zero_mean_unit_variance()
    {
        var x = new double[,] { { 1, 10 }, { 2, 20 }, { 3, 30 }, { 6, 60 } };
        var y = Normalization.Cmvn(x, normVars: true);
        // column 0: mean 3, population std √3.5
        Assert.Equal(-2 / Math.Sqrt(3.5), y[0, 0], 12);
        Assert.Equal(3 / Math.Sqrt(3.5), y[3, 0], 12);
        Assert.Equal(y[2, 0], y[2, 1], 12);
        Assert.Equal(-2.0, Normalization.Cmvn(x)[0, 0], 12);
    }

    [Fact]
    public void Sliding_cmn_places_windows_like_kaldi()
    {
        // 6 frames, window 3, min window 2, not centred. Kaldi's trailing window is [t − 3, t + 1), shifted/clipped:
        // t=0 → [0,2), t=1 → [0,2), t=2 → [0,3), t=3 → [0,4), t=5 → [2,6).
        var x = new double[,] { { 1 }, { 2 }, { 4 }, { 8 }, { 16 }, { 32 } };
        var y = Normalization.SlidingCmvn(x, new SlidingCmvnOptions { CmnWindow = 3, MinCmnWindow = 2 });
        Assert.Equal(1 - 1.5, y[0, 0], 12);
        Assert.Equal(2 - 1.5, y[1, 0], 12);
        Assert.Equal(4 - 7.0 / 3, y[2, 0], 12);
        Assert.Equal(8 - 15.0 / 4, y[3, 0], 12);
        Assert.Equal(32 - 15.0, y[5, 0], 12);
        // centred: t=0 → [−1,2) shifted to [0,3)
        var c = Normalization.SlidingCmvn(x, new SlidingCmvnOptions { CmnWindow = 3, Center = true });
        Assert.Equal(1 - 7.0 / 3, c[0, 0], 12);
        Assert.Equal(32 - 56.0 / 3, c[5, 0], 12);
    }
}
