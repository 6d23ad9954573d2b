namespace ResearchKit.Audio;

/// <summary>
/// An immutable mono waveform: float32 samples (nominally in [-1, 1]) and a sample rate in Hz.
/// The samples array is never mutated after construction; slices copy.
/// </summary>
public sealed class Signal
{
    private readonly float[] _samples;

    /// <summary>Creates a signal. The array is taken as is (not copied); do not modify it afterwards.</summary>
    /// <param name="samples">Mono samples.</param>
    /// <param name="sampleRate">Sample rate in Hz (&gt; 0).</param>
    public Signal(float[] samples, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (sampleRate <= 0)
            throw new InvalidParameterException(nameof(sampleRate), $"sample rate must be positive, got {sampleRate}.");
        _samples = samples;
        SampleRate = sampleRate;
    }

    /// <summary>The samples (read-only view).</summary>
    public ReadOnlySpan<float> Samples => _samples;

    /// <summary>The samples as read-only memory (for APIs that cannot take spans).</summary>
    public ReadOnlyMemory<float> Memory => _samples;

    /// <summary>Sample rate in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>Number of samples.</summary>
    public int Length => _samples.Length;

    /// <summary>Duration in seconds (Length / SampleRate).</summary>
    public double Duration => (double)_samples.Length / SampleRate;

    /// <summary>Copies the samples into a new array.</summary>
    public float[] ToArray() => (float[])_samples.Clone();

    /// <summary>Samples [start, start+length) as a new signal.</summary>
    public Signal Slice(int start, int length)
    {
        if (start < 0 || length < 0 || start + (long)length > _samples.Length)
            throw new InvalidParameterException("range",
                $"sample range [{start}, {start + (long)length}) is outside the signal of {_samples.Length} samples; clamp it to [0, {_samples.Length}).");
        return new Signal(_samples.AsSpan(start, length).ToArray(), SampleRate);
    }

    /// <summary>The part between <paramref name="startSeconds"/> and <paramref name="endSeconds"/>, clamped to the signal.
    /// Sample indices are <c>round(t · SampleRate)</c>.</summary>
    public Signal SliceTime(double startSeconds, double endSeconds)
    {
        if (!(endSeconds >= startSeconds) || double.IsNaN(startSeconds))
            throw new InvalidParameterException("endSeconds", $"time range [{startSeconds}, {endSeconds}] is empty or reversed; give start ≤ end in seconds.");
        long a = Math.Clamp((long)Math.Round(startSeconds * SampleRate), 0, _samples.Length);
        long b = Math.Clamp((long)Math.Round(endSeconds * SampleRate), a, _samples.Length);
        return Slice((int)a, (int)(b - a));
    }

    /// <inheritdoc />
    public override string ToString() => $"Signal({Length} samples, {SampleRate} Hz, {Duration:0.###} s)";
}
