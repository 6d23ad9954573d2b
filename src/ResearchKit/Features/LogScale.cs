namespace ResearchKit.Features;

/// <summary>Log compression of spectra: natural log with floor/offset, and decibels (librosa <c>power_to_db</c>,
/// torchaudio <c>AmplitudeToDB</c>). Pure functions returning new matrices.</summary>
public static class LogScale
{
    /// <summary>ln(max(x + offset, floor)) element-wise. Kaldi: floor = FLT_EPSILON; malaya: offset = 1e-20.</summary>
    public static double[,] NaturalLog(double[,] x, double floor = 0.0, double offset = 0.0)
    {
        var y = (double[,])x.Clone();
        foreach (ref double v in AsSpan(y)) v = Math.Log(Math.Max(v + offset, floor));
        return y;
    }

    /// <summary>
    /// Power to decibels: 10·log10(max(amin, x)) − 10·log10(max(amin, |ref|)), then, if <paramref name="topDb"/> is set,
    /// max(·, max over the whole matrix − topDb) — librosa <c>power_to_db(S, ref, amin, top_db)</c> and torchaudio
    /// <c>AmplitudeToDB('power', top_db)</c> on one 2-D spectrogram.
    /// </summary>
    public static double[,] PowerToDb(double[,] x, double reference = 1.0, double amin = 1e-10, double? topDb = 80.0) =>
        ToDb(x, 10.0, reference, amin, topDb);

    /// <summary>Amplitude to decibels: 20·log10(max(amin, x)) − 20·log10(max(amin, |ref|)), with the same top_db clamp
    /// (librosa <c>amplitude_to_db</c>, torchaudio <c>AmplitudeToDB('magnitude')</c>).</summary>
    public static double[,] AmplitudeToDb(double[,] x, double reference = 1.0, double amin = 1e-5, double? topDb = 80.0) =>
        ToDb(x, 20.0, reference, amin, topDb);

    private static double[,] ToDb(double[,] x, double mult, double reference, double amin, double? topDb)
    {
        if (!(amin > 0)) throw new InvalidParameterException("amin", $"must be > 0, got {amin}.");
        if (topDb is < 0) throw new InvalidParameterException("top_db", $"must be ≥ 0, got {topDb}.");
        var y = (double[,])x.Clone();
        double r = mult * Math.Log10(Math.Max(amin, Math.Abs(reference)));
        double max = double.NegativeInfinity;
        foreach (ref double v in AsSpan(y))
        {
            v = mult * Math.Log10(Math.Max(amin, v)) - r;
            if (v > max) max = v;
        }
        if (topDb is double t)
        {
            double lo = max - t;
            foreach (ref double v in AsSpan(y)) if (v < lo) v = lo;
        }
        return y;
    }

    internal static Span<double> AsSpan(double[,] m) =>
        m.Length == 0 ? Span<double>.Empty : System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref m[0, 0], m.Length);
}
