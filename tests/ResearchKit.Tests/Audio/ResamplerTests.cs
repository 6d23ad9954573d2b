using ResearchKit.Audio;

namespace ResearchKit.Tests.Audio;

/// <summary>The resampling checks: a 1 kHz sine keeps its frequency and RMS (±0.1 dB) through 44.1k→16k and
/// 8k→16k; a tone above the new Nyquist comes out at least 60 dB down.</summary>
public class ResamplerTests
{
    private static float[] Sine(double f, int rate, double seconds, double amp = 0.5)
    {
        var x = new float[(int)(rate * seconds)];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(amp * Math.Sin(2 * Math.PI * f * i / rate));
        return x;
    }

    private static double Rms(ReadOnlySpan<float> x)
    {
        double s = 0; foreach (var v in x) s += (double)v * v; return Math.Sqrt(s / x.Length);
    }

    // Frequency from the phase advance of the analytic signal at f0 (Goertzel-free: least-squares fit of sin/cos at candidate f).
    private static double PeakFrequency(ReadOnlySpan<float> x, int rate)
    {
        double best = 0, bestF = 0;
        for (double f = 900; f <= 1100; f += 0.5)
        {
            double c = 0, s = 0;
            for (int i = 0; i < x.Length; i++) { double a = 2 * Math.PI * f * i / rate; c += x[i] * Math.Cos(a); s += x[i] * Math.Sin(a); }
            double p = c * c + s * s;
            if (p > best) { best = p; bestF = f; }
        }
        return bestF;
    }

    [Theory]
    [InlineData(44100, 16000)]
    [InlineData(8000, 16000)]
    public void Sine_keeps_frequency_and_rms(int from, int to)
    {
        var y = Resampler.Resample(new Signal(Sine(1000, from, 1.0), from), to);
        Assert.Equal(to, y.SampleRate);
        Assert.Equal(to, y.Length);
        var mid = y.Samples.Slice(to / 10, to * 8 / 10); // away from the edges' filter transients
        double db = 20 * Math.Log10(Rms(mid) / (0.5 / Math.Sqrt(2)));
        Assert.True(Math.Abs(db) <= 0.1, $"RMS changed by {db:0.000} dB");
        Assert.Equal(1000, PeakFrequency(mid, to), 1.0);
    }

    [Fact]
    public void Tone_above_new_nyquist_is_at_least_60_dB_down()
    {
        var y = Resampler.Resample(new Signal(Sine(9000, 44100, 1.0), 44100), 16000);
        var mid = y.Samples.Slice(1600, 12800);
        double db = 20 * Math.Log10(Rms(mid) / (0.5 / Math.Sqrt(2)));
        Assert.True(db <= -60, $"9 kHz tone after 44.1k→16k is only {db:0.0} dB down");
    }
}
