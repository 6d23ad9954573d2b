namespace ResearchKit.Features;

/// <summary>
/// Cuts a signal into overlapping frames, as (frames × frameLength) matrices. Two conventions:
/// snip-edges (Kaldi: frames that fit, frame t starts at t·hop) and centred (torch/librosa <c>center=True</c>:
/// frame t is centred on t·hop, the signal padded by frameLength/2 at both ends).
/// </summary>
public static class Framing
{
    /// <summary>Converts milliseconds to samples as Kaldi does: ⌊sampleRate · ms · 0.001⌋.</summary>
    public static int MsToSamples(double ms, double sampleRate) => (int)(sampleRate * ms * 0.001);

    /// <summary>Number of frames: snip-edges 1 + (N − length)/hop (0 if N &lt; length); centred 1 + N/hop.</summary>
    public static int FrameCount(long numSamples, int frameLength, int hop, bool center) =>
        center ? (int)(1 + numSamples / hop) : numSamples < frameLength ? 0 : (int)(1 + (numSamples - frameLength) / hop);

    /// <summary>Extracts all frames into a (frames × frameLength) matrix.</summary>
    /// <param name="x">Samples.</param>
    /// <param name="frameLength">Frame length in samples.</param>
    /// <param name="hop">Hop in samples.</param>
    /// <param name="center">Centred frames (padding <paramref name="padMode"/>) or snip-edges frames.</param>
    /// <param name="padMode">Edge padding for centred frames.</param>
    public static double[,] Frames(ReadOnlySpan<float> x, int frameLength, int hop, bool center = false, PadMode padMode = PadMode.Reflect)
    {
        if (frameLength < 1) throw new InvalidParameterException("frameLength", $"must be ≥ 1 sample, got {frameLength}.");
        if (hop < 1) throw new InvalidParameterException("hop", $"must be ≥ 1 sample, got {hop}.");
        int n = FrameCount(x.Length, frameLength, hop, center);
        var m = new double[n, frameLength];
        var row = new double[frameLength];
        for (int t = 0; t < n; t++)
        {
            long start = center ? (long)t * hop - frameLength / 2 : (long)t * hop;
            Extract(x, start, row, padMode);
            for (int i = 0; i < frameLength; i++) m[t, i] = row[i];
        }
        return m;
    }

    /// <summary>Copies x[start .. start+dest.Length) into dest, padding outside the signal with <paramref name="padMode"/>.</summary>
    internal static void Extract(ReadOnlySpan<float> x, long start, Span<double> dest, PadMode padMode, double scale = 1.0)
    {
        int n = x.Length;
        if (start >= 0 && start + dest.Length <= n)
        {
            var src = x.Slice((int)start, dest.Length);
            for (int i = 0; i < dest.Length; i++) dest[i] = src[i] * scale;
            return;
        }
        for (int i = 0; i < dest.Length; i++)
        {
            long s = start + i;
            dest[i] = s >= 0 && s < n ? x[(int)s] * scale : padMode switch
            {
                PadMode.Constant => 0.0,
                PadMode.Replicate => n == 0 ? 0.0 : x[s < 0 ? 0 : n - 1] * scale,
                _ => n <= 1 ? (n == 0 ? 0.0 : x[0] * scale) : x[Reflect(s, n)] * scale,
            };
        }
    }

    /// <summary>As <see cref="Extract(ReadOnlySpan{float}, long, Span{double}, PadMode, double)"/> for a float64 signal.</summary>
    internal static void Extract(ReadOnlySpan<double> x, long start, Span<double> dest, PadMode padMode)
    {
        int n = x.Length;
        if (start >= 0 && start + dest.Length <= n)
        {
            x.Slice((int)start, dest.Length).CopyTo(dest);
            return;
        }
        for (int i = 0; i < dest.Length; i++)
        {
            long s = start + i;
            dest[i] = s >= 0 && s < n ? x[(int)s] : padMode switch
            {
                PadMode.Constant => 0.0,
                PadMode.Replicate => n == 0 ? 0.0 : x[s < 0 ? 0 : n - 1],
                _ => n <= 1 ? (n == 0 ? 0.0 : x[0]) : x[Reflect(s, n)],
            };
        }
    }

    // numpy 'reflect' (edge not repeated), applied repeatedly for pads longer than the signal.
    private static int Reflect(long s, int n)
    {
        long period = 2L * (n - 1);
        s %= period;
        if (s < 0) s += period;
        return (int)(s < n ? s : period - s);
    }
}
