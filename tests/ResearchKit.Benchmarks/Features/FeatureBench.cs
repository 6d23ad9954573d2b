using ResearchKit.Audio;

namespace ResearchKit.Benchmarks.Features;

/// <summary>The benchmark input: the four feature-reference clips concatenated and tiled to 600 s at 16 kHz,
/// exactly as tests/fixtures/features/gen_features.py --bench builds it for torchaudio.</summary>
internal static class FeatureBench
{
    public const int Seconds = 600;

    public static string RepoRoot()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "ResearchKit.sln"))) d = d.Parent;
        return d?.FullName ?? throw new InvalidOperationException("ResearchKit.sln not found above " + AppContext.BaseDirectory);
    }

    public static Signal TenMinutes()
    {
        string dir = Path.Combine(RepoRoot(), "tests", "fixtures", "features", "audio");
        var cat = new List<float>();
        foreach (var c in new[] { "speech_m3", "speech_f3", "speech_m7", "sine440_noise" })
            cat.AddRange(AudioFile.Read(Path.Combine(dir, c + ".wav")).ToArray());
        var x = new float[Seconds * 16000];
        for (int i = 0; i < x.Length; i++) x[i] = cat[i % cat.Count];
        return new Signal(x, 16000);
    }
}
