using ResearchKit.Audio;
using ResearchKit.Models;
using ResearchKit.Tests.Datasets;

namespace ResearchKit.Tests.Corpus;

/// <summary>Builds small clip folders in the seed's layout for the corpus tests.</summary>
internal static class CorpusTestData
{
    /// <summary>A 0.5 s tone at <paramref name="hz"/> (16 kHz).</summary>
    public static float[] Tone(double hz, double seconds = 0.5, int rate = 16000) =>
        Enumerable.Range(0, (int)(seconds * rate)).Select(i => (float)(0.3 * Math.Sin(2 * Math.PI * hz * i / rate))).ToArray();

    /// <summary>Writes &lt;root&gt;/&lt;sub&gt;/&lt;stem&gt;.wav + .txt for each (stem, hz).</summary>
    public static void AddClips(string root, string sub, params (string Stem, double Hz)[] clips)
    {
        foreach (var (stem, hz) in clips)
        {
            TestWav.Write(Path.Combine(root, sub, stem + ".wav"), Tone(hz));
            TestWav.Touch(Path.Combine(root, sub, stem + ".txt"), $"transcript of {stem}\n");
        }
    }

    /// <summary>All files under <paramref name="root"/> relative to it, '/'-separated, sorted.</summary>
    public static string[] Tree(string root) =>
        Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToArray();
}

/// <summary>
/// A deterministic test embedder: the dominant frequency of a tone decides the direction of the vector, so tones of
/// the same pitch embed to the same speaker. Not a speech model — it exists to test the corpus plumbing.
/// </summary>
internal sealed class ToneEmbedder(double minSeconds = 0.25, int rate = 16000) : ISpeakerEmbedder
{
    public string Name => "tone-test";
    public int Dimension => 8;
    public int SampleRate => rate;
    public double MinDurationSeconds => minSeconds;
    public bool ReturnNaN { get; init; }

    public float[,] Embed(IReadOnlyList<Signal> segments)
    {
        var e = new float[segments.Count, Dimension];
        for (int i = 0; i < segments.Count; i++)
        {
            var x = segments[i].Samples;
            int crossings = 0;
            for (int t = 1; t < x.Length; t++) if ((x[t - 1] < 0) != (x[t] < 0)) crossings++;
            double hz = crossings / 2.0 / segments[i].Duration;
            double angle = hz / 1000.0; // 100 Hz apart ≈ 0.1 rad apart
            e[i, 0] = (float)Math.Cos(angle);
            e[i, 1] = (float)Math.Sin(angle);
            e[i, 2] = ReturnNaN ? float.NaN : 0.01f;
        }
        return e;
    }
}
