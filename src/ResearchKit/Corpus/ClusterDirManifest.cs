using System.Text.Json;
using System.Text.Json.Serialization;
using ResearchKit.IO;

namespace ResearchKit.Corpus;

/// <summary>One written clip in the manifest (paths relative to the output root use '/').</summary>
/// <param name="SourceWav">Input wav (full path).</param>
/// <param name="SourceTxt">Input txt (full path).</param>
/// <param name="Wav">Output wav relative to the output root.</param>
/// <param name="Txt">Output txt relative to the output root.</param>
/// <param name="Speaker">Output speaker folder name, e.g. <c>andaiafm20201105-F0001</c>.</param>
/// <param name="Seconds">Clip duration in seconds.</param>
public sealed record ManifestClip(
    [property: JsonPropertyName("source_wav")] string SourceWav,
    [property: JsonPropertyName("source_txt")] string SourceTxt,
    [property: JsonPropertyName("wav")] string Wav,
    [property: JsonPropertyName("txt")] string Txt,
    [property: JsonPropertyName("speaker")] string Speaker,
    [property: JsonPropertyName("seconds")] double Seconds);

/// <summary>One completely written input subfolder.</summary>
/// <param name="Input">Input subfolder name, e.g. <c>andaiafm_F20201105</c>.</param>
/// <param name="Speakers">Number of output speakers.</param>
/// <param name="Clips">Its clips in output order.</param>
public sealed record ManifestSubfolder(
    [property: JsonPropertyName("input")] string Input,
    [property: JsonPropertyName("speakers")] int Speakers,
    [property: JsonPropertyName("clips")] IReadOnlyList<ManifestClip> Clips);

/// <summary>
/// <c>researchkit-manifest.json</c> in a <c>cluster-dir</c> output folder: what was written, from what, with which
/// settings. It is rewritten atomically after each input subfolder's files are in place, so it only ever lists complete
/// subfolders; <c>--resume</c> trusts it and nothing else.
/// </summary>
/// <param name="Input">Input folder (full path).</param>
/// <param name="Settings">Model and clustering settings as text (for the record).</param>
/// <param name="Subfolders">Completed input subfolders.</param>
public sealed record ClusterDirManifest(
    [property: JsonPropertyName("input")] string Input,
    [property: JsonPropertyName("settings")] string Settings,
    [property: JsonPropertyName("subfolders")] IReadOnlyList<ManifestSubfolder> Subfolders)
{
    /// <summary>The manifest's file name inside the output folder.</summary>
    public const string FileName = "researchkit-manifest.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Whether <paramref name="sub"/> is listed as done with exactly the same input clips (stems).</summary>
    public bool IsDone(ClipSubfolder sub)
    {
        var done = Subfolders.FirstOrDefault(s => s.Input == sub.Name.InputName);
        if (done is null || done.Clips.Count != sub.Clips.Count) return false;
        var stems = done.Clips.Select(c => Path.GetFileNameWithoutExtension(c.SourceWav)).ToHashSet(StringComparer.Ordinal);
        return sub.Clips.All(c => stems.Contains(c.Stem));
    }

    /// <summary>The manifest with <paramref name="plan"/> added (replacing an earlier entry of the same subfolder).</summary>
    public ClusterDirManifest With(SubfolderPlan plan)
    {
        var entry = new ManifestSubfolder(plan.Input.Name.InputName, plan.Speakers.Count,
            plan.Clips.Select(c => new ManifestClip(c.Source.WavPath, c.Source.TxtPath, Slash(c.WavRelative), Slash(c.TxtRelative),
                Path.GetFileName(c.SpeakerFolder), c.Seconds)).ToList());
        var list = Subfolders.Where(s => s.Input != entry.Input).Append(entry).OrderBy(s => s.Input, StringComparer.Ordinal).ToList();
        return this with { Subfolders = list };
    }

    private static string Slash(string p) => p.Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>Writes the manifest atomically into <paramref name="outDir"/>.</summary>
    public void Write(string outDir) =>
        AtomicFile.WriteAllText(Path.Combine(outDir, FileName), JsonSerializer.Serialize(this, Json) + "\n");

    /// <summary>Reads the manifest of <paramref name="outDir"/>, or null when there is none.</summary>
    public static ClusterDirManifest? Read(string outDir)
    {
        string path = Path.Combine(outDir, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<ClusterDirManifest>(File.ReadAllText(path), Json)
                   ?? throw new JsonException("empty document");
        }
        catch (JsonException e)
        {
            throw new InvalidInputFileException(path, $"the cluster-dir manifest is not valid JSON ({e.Message}); use --overwrite to start again.", e);
        }
    }
}
