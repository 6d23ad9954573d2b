namespace ResearchKit.Corpus;

/// <summary>One clip of the input: a <c>.wav</c> and its <c>.txt</c> transcription sharing a file stem.</summary>
/// <param name="Stem">File name without extension (e.g. <c>mclip-00000003</c>).</param>
/// <param name="WavPath">Full path of the audio.</param>
/// <param name="TxtPath">Full path of the transcription.</param>
public sealed record ClipPair(string Stem, string WavPath, string TxtPath);

/// <summary>One input subfolder <c>&lt;BROADCASTER&gt;_&lt;G&gt;&lt;YYYYMMDD&gt;</c> and its clips, in ordinal file-name order.</summary>
/// <param name="Path">Full path of the subfolder.</param>
/// <param name="Name">The parsed folder name.</param>
/// <param name="Clips">Complete wav/txt pairs, sorted by stem (ordinal).</param>
public sealed record ClipSubfolder(string Path, ClipFolderName Name, IReadOnlyList<ClipPair> Clips);

/// <summary>Something wrong with the input found by a sanity check: the offending path and what is wrong with it.</summary>
/// <param name="Path">The file or folder.</param>
/// <param name="Problem">What is wrong and how to fix it.</param>
public sealed record ClipProblem(string Path, string Problem)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Problem}";
}

/// <summary>
/// The result of scanning a <c>cluster-dir</c> input folder (the folder-clustering seed's layout): the valid subfolders
/// with their wav/txt pairs, and every offender found (unparseable subfolder names, a wav without its txt or a txt
/// without its wav, clips outside a subfolder). Nothing is read beyond directory listings; audio is checked later.
/// </summary>
/// <param name="Root">Full path of the input folder.</param>
/// <param name="Subfolders">Valid subfolders in ordinal name order (only complete pairs are listed in them).</param>
/// <param name="Problems">Offenders, in path order.</param>
public sealed record ClipFolder(string Root, IReadOnlyList<ClipSubfolder> Subfolders, IReadOnlyList<ClipProblem> Problems)
{
    /// <summary>Total number of complete clips over all valid subfolders.</summary>
    public int ClipCount => Subfolders.Sum(s => s.Clips.Count);

    /// <summary>Scans <paramref name="inputDir"/>. Throws only when the folder itself is missing or has no subfolder;
    /// everything else is reported in <see cref="Problems"/>.</summary>
    public static ClipFolder Scan(string inputDir)
    {
        string root = System.IO.Path.GetFullPath(inputDir);
        if (!Directory.Exists(root))
            throw new InvalidInputFileException(inputDir, "the input folder does not exist; give a folder holding <BROADCASTER>_<G><YYYYMMDD> subfolders of .wav + .txt pairs.");
        var problems = new List<ClipProblem>();
        foreach (var f in Directory.GetFiles(root).Order(StringComparer.Ordinal))
            if (IsClipFile(f))
                problems.Add(new ClipProblem(f, "clip outside a subfolder; move it into a <BROADCASTER>_<G><YYYYMMDD> subfolder."));
        var dirs = Directory.GetDirectories(root).Where(d => !IsHidden(d)).Order(StringComparer.Ordinal).ToList();
        if (dirs.Count == 0)
            throw new InvalidInputFileException(inputDir, "the input folder has no subfolder; the clips must be in <BROADCASTER>_<G><YYYYMMDD> subfolders (G = M or F, as inaSpeechSegmenter writes them).");

        var subfolders = new List<ClipSubfolder>();
        foreach (var dir in dirs)
        {
            var name = ClipFolderName.TryParse(System.IO.Path.GetFileName(dir), out var reason);
            if (name is null)
            {
                problems.Add(new ClipProblem(dir, reason));
                continue;
            }
            var wavs = new SortedDictionary<string, string>(StringComparer.Ordinal);
            var txts = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var f in Directory.GetFiles(dir))
            {
                string ext = System.IO.Path.GetExtension(f);
                string stem = System.IO.Path.GetFileNameWithoutExtension(f);
                if (ext.Equals(".wav", StringComparison.OrdinalIgnoreCase)) AddUnique(wavs, stem, f, problems);
                else if (ext.Equals(".txt", StringComparison.OrdinalIgnoreCase)) AddUnique(txts, stem, f, problems);
            }
            var clips = new List<ClipPair>();
            foreach (var (stem, wav) in wavs)
            {
                if (txts.TryGetValue(stem, out var txt)) clips.Add(new ClipPair(stem, wav, txt));
                else problems.Add(new ClipProblem(wav, $"no transcription {stem}.txt next to it; add it or remove the .wav."));
            }
            foreach (var (stem, txt) in txts)
                if (!wavs.ContainsKey(stem))
                    problems.Add(new ClipProblem(txt, $"no audio {stem}.wav next to it; add it or remove the .txt."));
            if (wavs.Count == 0 && txts.Count == 0)
                problems.Add(new ClipProblem(dir, "subfolder holds no .wav/.txt pairs; remove it or add the clips."));
            subfolders.Add(new ClipSubfolder(dir, name, clips));
        }
        problems.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return new ClipFolder(root, subfolders, problems);
    }

    private static void AddUnique(SortedDictionary<string, string> map, string stem, string path, List<ClipProblem> problems)
    {
        // foo.wav and foo.WAV on a case-sensitive file system would both claim stem "foo".
        if (!map.TryAdd(stem, path))
            problems.Add(new ClipProblem(path, $"two files share the stem '{stem}' (extension case differs); keep one."));
    }

    private static bool IsClipFile(string f) =>
        System.IO.Path.GetExtension(f) is var e && (e.Equals(".wav", StringComparison.OrdinalIgnoreCase) || e.Equals(".txt", StringComparison.OrdinalIgnoreCase));

    private static bool IsHidden(string d) => System.IO.Path.GetFileName(d).StartsWith('.');
}
