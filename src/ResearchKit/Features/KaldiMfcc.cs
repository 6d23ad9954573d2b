using ResearchKit.Audio;

namespace ResearchKit.Features;

/// <summary>
/// Kaldi-compatible MFCC (Kaldi <c>compute-mfcc-feats</c>, torchaudio <c>torchaudio.compliance.kaldi.mfcc</c>):
/// log mel energies (floored at FLT_EPSILON) → orthonormal DCT-II (first NumCeps rows) → lifter → optional energy as c0.
/// </summary>
public static class KaldiMfcc
{
    /// <summary>Computes MFCCs as a (frames × NumCeps) float32 matrix (computed in float64).</summary>
    /// <param name="signal">Mono signal at <see cref="KaldiOptions.SampleFrequency"/>, samples in [-1, 1].</param>
    /// <param name="options">Options, e.g. <see cref="MfccOptions.Kaldi"/>.</param>
    /// <exception cref="InvalidParameterException">Sample-rate mismatch, non-finite samples, a signal shorter than
    /// one frame, or an invalid option.</exception>
    public static float[,] Compute(Signal signal, MfccOptions options) => KaldiFrontEnd.ToFloat(ComputeDouble(signal, options));

    /// <summary>As <see cref="Compute"/> but returns the float64 result.</summary>
    public static double[,] ComputeDouble(Signal signal, MfccOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var fe = new KaldiFrontEnd(options);
        int frames = KaldiFrontEnd.CheckSignal(signal, options, "Kaldi MFCC");
        int bins = options.NumMelBins, ceps = options.NumCeps;
        var dct = KaldiDct(ceps, bins);
        var lifter = LifterCoefficients(ceps, options.CepstralLifter);
        var result = new double[frames, ceps];
        var spec = new double[fe.SpectrumBins];
        var mel = new double[bins];
        var c = new double[ceps];
        var x = signal.Samples;
        for (int f = 0; f < frames; f++)
        {
            double e = fe.Process(x, f, spec);
            fe.MelBanks.Apply(spec, mel);
            for (int b = 0; b < bins; b++) mel[b] = Math.Log(Math.Max(mel[b], KaldiFrontEnd.Epsilon));
            for (int k = 0; k < ceps; k++)
                c[k] = System.Numerics.Tensors.TensorPrimitives.Dot<double>(mel, dct[k]) * lifter[k];
            if (options.UseEnergy) c[0] = e;
            if (options.HtkCompat)
            {
                // HTK order: c1..c(n-1), then c0 (or energy); c0 scaled by √2 when it is not the energy (Kaldi).
                double c0 = options.UseEnergy ? c[0] : c[0] * Math.Sqrt(2.0);
                for (int k = 1; k < ceps; k++) result[f, k - 1] = c[k];
                result[f, ceps - 1] = c0;
            }
            else
                for (int k = 0; k < ceps; k++) result[f, k] = c[k];
        }
        if (options.SubtractMean) KaldiFrontEnd.SubtractColumnMean(result);
        return result;
    }

    /// <summary>Rows 0..numCeps−1 of the orthonormal DCT-II of size numBins (Kaldi ComputeDctMatrix):
    /// D[k, n] = √(2/N)·cos(πk(n + ½)/N), row 0 = √(1/N).</summary>
    public static double[][] KaldiDct(int numCeps, int numBins)
    {
        var d = new double[numCeps][];
        for (int k = 0; k < numCeps; k++)
        {
            d[k] = new double[numBins];
            for (int n = 0; n < numBins; n++)
                d[k][n] = k == 0 ? Math.Sqrt(1.0 / numBins) : Math.Sqrt(2.0 / numBins) * Math.Cos(Math.PI / numBins * (n + 0.5) * k);
        }
        return d;
    }

    /// <summary>Kaldi's cepstral lifter 1 + (L/2)·sin(πi/L), i &lt; numCeps; all ones when L = 0.</summary>
    public static double[] LifterCoefficients(int numCeps, double lifter)
    {
        var l = new double[numCeps];
        for (int i = 0; i < numCeps; i++) l[i] = lifter == 0 ? 1.0 : 1.0 + 0.5 * lifter * Math.Sin(Math.PI * i / lifter);
        return l;
    }
}
