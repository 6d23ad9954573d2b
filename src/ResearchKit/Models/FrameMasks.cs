namespace ResearchKit.Models;

/// <summary>
/// Brings a per-frame speaker activity (e.g. one speaker's column of a segmentation chunk, 589 frames per 10 s) to the
/// frame rate of an embedding model's features, as pyannote.audio 3.1 does before embedding one speaker of a chunk:
/// <c>F.interpolate(masks, size=num_frames, mode="nearest") &gt; 0.5</c> (ONNXWeSpeakerPretrainedSpeakerEmbedding).
/// Use the result as a frame mask of <c>OnnxSpeakerEmbedder.Embed(segments, frameMasks)</c>.
/// </summary>
public static class FrameMasks
{
    /// <summary>Index of the source frame torch's <c>mode="nearest"</c> picks for output frame <paramref name="dst"/>:
    /// min(⌊dst · (in/out)⌋, in − 1), with the scale and product in float32 as torch computes them.</summary>
    public static int NearestSource(int dst, int inFrames, int outFrames)
    {
        float scale = (float)inFrames / outFrames;
        return Math.Min((int)MathF.Floor(dst * scale), inFrames - 1);
    }

    /// <summary>Nearest-neighbour resampling of <paramref name="activity"/> to <paramref name="frames"/> values.</summary>
    /// <exception cref="InvalidParameterException">Empty activity or frames &lt; 1.</exception>
    public static float[] Nearest(ReadOnlySpan<float> activity, int frames)
    {
        if (activity.Length == 0) throw new InvalidParameterException("activity", "is empty; give one value per segmentation frame.");
        if (frames < 1) throw new InvalidParameterException("frames", $"must be ≥ 1, got {frames}.");
        var o = new float[frames];
        for (int t = 0; t < frames; t++) o[t] = activity[NearestSource(t, activity.Length, frames)];
        return o;
    }

    /// <summary>pyannote's binary mask: <see cref="Nearest"/> then &gt; <paramref name="threshold"/> (0.5).</summary>
    public static bool[] ToFrameMask(ReadOnlySpan<float> activity, int frames, float threshold = 0.5f)
    {
        var w = Nearest(activity, frames);
        var m = new bool[frames];
        for (int t = 0; t < frames; t++) m[t] = w[t] > threshold;
        return m;
    }
}
