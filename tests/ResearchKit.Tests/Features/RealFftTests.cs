using ResearchKit.Features;

namespace ResearchKit.Tests.Features;

/// <summary>The FFT against a direct O(n²) DFT (the definition), for power-of-two, mixed-radix, prime and odd lengths.</summary>
public class RealFftTests
{
    [Theory]
    [InlineData(1)] [InlineData(2)] [InlineData(3)] [InlineData(8)] [InlineData(9)] [InlineData(14)]
    [InlineData(400)] [InlineData(512)] [InlineData(1024)] [InlineData(98)] [InlineData(250)] [InlineData(222)]
    public void Matches_direct_dft(int n)
    {
        var rng = new Random(n);
        var x = new double[n];
        for (int i = 0; i < n; i++) x[i] = rng.NextDouble() * 2 - 1;
        var fft = new RealFft(n);
        var re = new double[fft.BinCount]; var im = new double[fft.BinCount]; var p = new double[fft.BinCount];
        fft.Forward(x, re, im);
        fft.PowerSpectrum(x, p);
        for (int k = 0; k < fft.BinCount; k++)
        {
            double sr = 0, si = 0;
            for (int t = 0; t < n; t++)
            {
                double a = -2 * Math.PI * ((long)k * t % n) / n;
                sr += x[t] * Math.Cos(a); si += x[t] * Math.Sin(a);
            }
            Assert.True(Math.Abs(sr - re[k]) < 1e-9 * n && Math.Abs(si - im[k]) < 1e-9 * n, $"n={n} k={k}: ({re[k]},{im[k]}) vs ({sr},{si})");
            Assert.True(Math.Abs(sr * sr + si * si - p[k]) < 1e-8 * n * n, $"power n={n} k={k}");
        }
    }
}
