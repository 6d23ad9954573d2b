namespace ResearchKit.Corpus;

/// <summary>One utterance of a speaker-labelled set.</summary>
/// <param name="Path">Audio file.</param>
/// <param name="Name">Display name (file name without extension).</param>
/// <param name="Speaker">Speaker label.</param>
public sealed record LabelledUtterance(string Path, string Name, string Speaker);

/// <summary>
/// Utterances grouped by person, for <c>researchkit similarity</c>: ordered by speaker, then by file name (ordinal), so the
/// distance matrix shows one block per person like the GhostVLAD seed's.
/// </summary>
public static class LabelledUtterances
{
    private static readonly string[] AudioExtensions = [".wav", ".flac", ".mp3", ".ogg", ".m4a"];

    /// <summary>
    /// Reads <paramref name="folder"/>: with <paramref name="labelsFile"/> (TSV or CSV with a header <c>file,speaker</c>,
    /// files relative to the folder) those labels; otherwise a folder per speaker (speaker = subfolder name, audio files
    /// directly inside); otherwise a flat folder where the speaker is the file name up to the first '_' or '-'
    /// (<c>a_1.wav</c> → a as in the seed's 4persons, <c>367-130732-0001.wav</c> → 367 as in LibriSpeech).
    /// </summary>
    public static IReadOnlyList<LabelledUtterance> FromFolder(string folder, string? labelsFile = null)
    {
        string root = System.IO.Path.GetFullPath(folder);
        if (!Directory.Exists(root))
            throw new InvalidInputFileException(folder, "the folder does not exist; give a folder of utterances (one subfolder per speaker, or a flat folder with --labels).");
        List<LabelledUtterance> items;
        if (labelsFile is not null) items = FromLabelsInFileOrder(root, labelsFile);
        else
        {
            var subdirs = Directory.GetDirectories(root).Where(d => !System.IO.Path.GetFileName(d).StartsWith('.')).ToList();
            if (subdirs.Count > 0)
                items = subdirs.SelectMany(d => AudioIn(d).Select(f => Item(f, System.IO.Path.GetFileName(d)))).ToList();
            else
                items = AudioIn(root).Select(f =>
                {
                    string n = System.IO.Path.GetFileNameWithoutExtension(f);
                    int cut = n.IndexOfAny(['_', '-']);
                    if (cut <= 0)
                        throw new InvalidInputFileException(f, "cannot tell the speaker from the file name (no '_' or '-' after a prefix); put files in one subfolder per speaker or give --labels file,speaker.");
                    return Item(f, n[..cut]);
                }).ToList();
        }
        if (items.Count < 2)
            throw new InvalidInputFileException(folder, $"found {items.Count} audio file(s); give at least two utterances.");
        return items.OrderBy(i => i.Speaker, StringComparer.Ordinal).ThenBy(i => i.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>Number of consecutive utterances per speaker (the block sizes of the printout).</summary>
    public static int[] GroupSizes(IReadOnlyList<LabelledUtterance> items)
    {
        var sizes = new List<int>();
        for (int i = 0; i < items.Count; i++)
        {
            if (i == 0 || items[i].Speaker != items[i - 1].Speaker) sizes.Add(0);
            sizes[^1]++;
        }
        return sizes.ToArray();
    }

    private static LabelledUtterance Item(string path, string speaker) =>
        new(path, System.IO.Path.GetFileNameWithoutExtension(path), speaker);

    private static IEnumerable<string> AudioIn(string dir) =>
        Directory.GetFiles(dir).Where(f => AudioExtensions.Contains(System.IO.Path.GetExtension(f).ToLowerInvariant())).Order(StringComparer.Ordinal);

    /// <summary>The rows of a labels file (header <c>file,speaker</c>, TSV or CSV) in file order, paths resolved against <paramref name="folder"/>.</summary>
    /// <param name="folder">Folder the file names are relative to.</param>
    /// <param name="labelsFile">The labels file.</param>
    /// <param name="mustExist">Whether every listed file must exist.</param>
    public static List<LabelledUtterance> FromLabelsInFileOrder(string folder, string labelsFile, bool mustExist = true)
    {
        string root = System.IO.Path.GetFullPath(folder);
        string[] lines;
        try { lines = File.ReadAllLines(labelsFile); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputFileException(labelsFile, $"cannot read the labels ({e.Message}); check the path.", e);
        }
        var items = new List<LabelledUtterance>();
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0) continue;
            var f = lines[i].Split(lines[i].Contains('\t') ? '\t' : ',');
            if (f.Length < 2 || f[0].Trim().Length == 0 || f[1].Trim().Length == 0)
                throw new InvalidInputFileException(labelsFile, $"line {i + 1}: expected 'file<TAB or ,>speaker'; fix the row (line 1 is the header).");
            string path = System.IO.Path.Combine(root, f[0].Trim());
            if (mustExist && !File.Exists(path))
                throw new InvalidInputFileException(labelsFile, $"line {i + 1}: {f[0].Trim()} is not in {root}; fix the file name.");
            items.Add(Item(path, f[1].Trim()));
        }
        return items;
    }
}
