using ResearchKit.Audio;

namespace ResearchKit.Features;

/// <summary>MFCC the torchaudio/librosa way (see <see cref="MelMfccOptions"/>); float64, layout (frames × NMfcc).</summary>
public static class MelMfcc
{
    /// <summary>MFCCs of <paramref name="signal"/> as (frames × NMfcc).</summary>
    public static double[,] Compute(Signal signal, MelMfccOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var mel = MelSpectrogram.Compute(signal, options.Mel);
        var logMel = options.LogMels ? LogScale.NaturalLog(mel, offset: 1e-6) : LogScale.PowerToDb(mel, 1.0, 1e-10, options.TopDb);
        return FromLogMel(logMel, options.NMfcc, options.OrthoDct, options.Lifter);
    }

    /// <summary>DCT-II over the columns of a (frames × bins) log-mel matrix, first <paramref name="nMfcc"/> coefficients,
    /// then librosa's lifter if <paramref name="lifter"/> &gt; 0.</summary>
    public static double[,] FromLogMel(double[,] logMel, int nMfcc, bool ortho = true, double lifter = 0.0)
    {
        int frames = logMel.GetLength(0), bins = logMel.GetLength(1);
        var dct = Dct2Matrix(nMfcc, bins, ortho);
        var result = new double[frames, nMfcc];
        var row = new double[bins];
        for (int t = 0; t < frames; t++)
        {
            for (int b = 0; b < bins; b++) row[b] = logMel[t, b];
            for (int k = 0; k < nMfcc; k++)
            {
                double c = System.Numerics.Tensors.TensorPrimitives.Dot<double>(row, dct[k]);
                if (lifter > 0) c *= 1.0 + 0.5 * lifter * Math.Sin(Math.PI * (k + 1) / lifter);
                result[t, k] = c;
            }
        }
        return result;
    }

    /// <summary>Rows of the DCT-II: ortho D[k, n] = √(2/N)·cos(πk(n+½)/N) with row 0 × 1/√2; unnormalised 2·cos(…).</summary>
    public static double[][] Dct2Matrix(int numCoefficients, int n, bool ortho = true)
    {
        var d = new double[numCoefficients][];
        for (int k = 0; k < numCoefficients; k++)
        {
            d[k] = new double[n];
            double s = ortho ? (k == 0 ? Math.Sqrt(1.0 / n) : Math.Sqrt(2.0 / n)) : 2.0;
            for (int i = 0; i < n; i++) d[k][i] = s * Math.Cos(Math.PI / n * (i + 0.5) * k);
        }
        return d;
    }
}
