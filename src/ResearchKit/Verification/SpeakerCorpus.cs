using ResearchKit.Audio;

namespace ResearchKit.Verification;

/// <summary>One labelled utterance of a <see cref="SpeakerCorpus"/>.</summary>
/// <param name="Speaker">Speaker label.</param>
/// <param name="Path">Audio file.</param>
public sealed record LabelledUtterance(string Speaker, string Path);

/// <summary>
/// Speaker-labelled audio files from a folder: either one sub-folder per speaker (<c>spk/utt.wav</c>), or a flat folder
/// whose file names start with the speaker label followed by '-' or '_' (LibriSpeech <c>1688-142285-0002.wav</c>,
/// 4persons <c>a_1.wav</c>). Files are sorted by path, so the order (and any seeded use of it) is deterministic.
/// </summary>
public sealed class SpeakerCorpus
{
    private static readonly string[] AudioExtensions = [".wav", ".flac", ".mp3", ".ogg", ".m4a"];

    private SpeakerCorpus(string root, IReadOnlyList<LabelledUtterance> utterances)
    {
        Root = root;
        Utterances = utterances;
        Speakers = utterances.Select(u => u.Speaker).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The folder the corpus was read from.</summary>
    public string Root { get; }

    /// <summary>All utterances, sorted by path.</summary>
    public IReadOnlyList<LabelledUtterance> Utterances { get; }

    /// <summary>Distinct speaker labels, sorted.</summary>
    public IReadOnlyList<string> Speakers { get; }

    /// <summary>Reads the layout of <paramref name="folder"/> (no audio is decoded).</summary>
    public static SpeakerCorpus Load(string folder)
    {
        if (!Directory.Exists(folder))
            throw new InvalidInputFileException(folder, "folder not found; give a folder with one sub-folder of audio files per speaker, or audio files named <speaker>-… / <speaker>_….");
        var subdirs = Directory.GetDirectories(folder).Order(StringComparer.Ordinal).ToList();
        var list = new List<LabelledUtterance>();
        foreach (var d in subdirs)
            foreach (var f in AudioIn(d))
                list.Add(new LabelledUtterance(System.IO.Path.GetFileName(d), f));
        if (list.Count == 0)
        {
            foreach (var f in AudioIn(folder))
            {
                var name = System.IO.Path.GetFileNameWithoutExtension(f);
                int cut = name.IndexOfAny(['-', '_']);
                if (cut <= 0)
                    throw new InvalidInputFileException(f, "cannot tell the speaker: in a flat folder, file names must start with the speaker label followed by '-' or '_' (e.g. 1688-142285-0002.wav, a_1.wav); or put each speaker's files in a sub-folder named after the speaker.");
                list.Add(new LabelledUtterance(name[..cut], f));
            }
        }
        if (list.Count == 0)
            throw new InvalidInputFileException(folder, $"no audio files ({string.Join(", ", AudioExtensions)}) found, neither directly nor in speaker sub-folders.");
        return new SpeakerCorpus(folder, list.OrderBy(u => u.Path, StringComparer.Ordinal).ToList());
    }

    /// <summary>Checks that every speaker has at least two utterances (otherwise it gives no target trial).</summary>
    public void RequireTwoPerSpeaker()
    {
        foreach (var g in Utterances.GroupBy(u => u.Speaker))
            if (g.Count() < 2)
                throw new InvalidInputFileException(g.First().Path,
                    $"speaker '{g.Key}' has only one utterance, so it gives no same-speaker trial; add a second file for '{g.Key}' or remove it from {Root}.");
    }

    /// <summary>Decodes one utterance (WAV natively; other formats through <see cref="AudioFile.Read(string)"/>).</summary>
    public static Signal Read(LabelledUtterance u) => AudioFile.Read(u.Path);

    private static IEnumerable<string> AudioIn(string dir) =>
        Directory.GetFiles(dir).Where(f => AudioExtensions.Contains(System.IO.Path.GetExtension(f).ToLowerInvariant())).Order(StringComparer.Ordinal);
}
