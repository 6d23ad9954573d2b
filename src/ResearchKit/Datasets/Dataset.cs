namespace ResearchKit.Datasets;

/// <summary>
/// A set of files to diarize and score, opened from one of the supported layouts. Items are paired by file id
/// (audio file name without extension = RTTM file name without extension); ids that cannot be paired are listed
/// in <see cref="Pairing"/> and left out of <see cref="Items"/>, or make opening fail with <c>strict</c>.
/// </summary>
public sealed class Dataset
{
    /// <summary>Audio extensions recognised in folder layouts (non-WAV formats decode through ffmpeg).</summary>
    public static readonly IReadOnlyList<string> AudioExtensions = [".wav", ".flac", ".mp3", ".m4a", ".ogg", ".opus", ".webm", ".aac"];

    private Dataset(string name, string root, IReadOnlyList<DatasetItem> items, PairingReport pairing)
    {
        Name = name; Root = root; Items = items; Pairing = pairing;
    }

    /// <summary>Layout name and subset, e.g. "voxconverse/dev", "rttm-folder", "single-file".</summary>
    public string Name { get; }

    /// <summary>The folder (or file) the dataset was opened from.</summary>
    public string Root { get; }

    /// <summary>Paired files, sorted by id (ordinal), so runs and shards are deterministic.</summary>
    public IReadOnlyList<DatasetItem> Items { get; }

    /// <summary>Ids that could not be paired.</summary>
    public PairingReport Pairing { get; }

    /// <summary>
    /// VoxConverse v0.3 layout: <c>&lt;root&gt;/audio/&lt;id&gt;.wav</c> with references in
    /// <c>&lt;root&gt;/dev/&lt;id&gt;.rttm</c> and <c>&lt;root&gt;/test/&lt;id&gt;.rttm</c> (as in github.com/joonson/voxconverse).
    /// Only references of <paramref name="subset"/> count; audio of the other subset is not reported as unmatched.
    /// </summary>
    /// <param name="root">Dataset root folder.</param>
    /// <param name="subset">"dev" or "test".</param>
    /// <param name="strict">Fail when any reference of the subset has no audio.</param>
    public static Dataset VoxConverse(string root, string subset = "dev", bool strict = false)
    {
        if (subset is not ("dev" or "test"))
            throw new InvalidParameterException("--subset", $"VoxConverse subset must be 'dev' or 'test', got '{subset}'.");
        RequireDir(root, "the dataset root");
        string refDir = Path.Combine(root, subset);
        RequireDir(refDir, $"the VoxConverse '{subset}' reference folder (expected <root>/{subset}/<id>.rttm)");
        var audio = ListAudio(Path.Combine(root, "audio"));
        var refs = ListByExt(refDir, ".rttm");
        // Audio of the other subset lives in the same audio/ folder: it is not "unmatched".
        var other = ListByExt(Path.Combine(root, subset == "dev" ? "test" : "dev"), ".rttm");
        foreach (var id in other.Keys) if (!refs.ContainsKey(id)) audio.Remove(id);
        return Build($"voxconverse/{subset}", root, audio, refs, [], strict);
    }

    /// <summary>
    /// Generic layout: <c>&lt;root&gt;/audio/&lt;id&gt;.&lt;wav|flac|…&gt;</c>, <c>&lt;root&gt;/rttm/&lt;id&gt;.rttm</c>, optional
    /// <c>&lt;root&gt;/uem/&lt;id&gt;.uem</c>. A folder with all files side by side (<c>&lt;id&gt;.wav</c> next to
    /// <c>&lt;id&gt;.rttm</c> and <c>&lt;id&gt;.uem</c>, as in sim-dev) is accepted too.
    /// </summary>
    /// <param name="root">Dataset root folder.</param>
    /// <param name="strict">Fail when any id is unmatched (audio without RTTM or RTTM without audio).</param>
    public static Dataset RttmFolder(string root, bool strict = false)
    {
        RequireDir(root, "the dataset root");
        bool split = Directory.Exists(Path.Combine(root, "audio")) || Directory.Exists(Path.Combine(root, "rttm"));
        string audioDir = split ? Path.Combine(root, "audio") : root;
        string rttmDir = split ? Path.Combine(root, "rttm") : root;
        string uemDir = split ? Path.Combine(root, "uem") : root;
        var audio = ListAudio(audioDir);
        var refs = ListByExt(rttmDir, ".rttm");
        var uems = ListByExt(uemDir, ".uem");
        return Build("rttm-folder", root, audio, refs, uems, strict);
    }

    /// <summary>One audio file with an optional reference RTTM and UEM; the id is the audio file name without extension.</summary>
    public static Dataset SingleFile(string audioPath, string? referencePath = null, string? uemPath = null)
    {
        if (!File.Exists(audioPath))
            throw new InvalidInputFileException(audioPath, "audio file not found; check the path.");
        if (referencePath is not null && !File.Exists(referencePath))
            throw new InvalidInputFileException(referencePath, "reference RTTM not found; check the path or omit it.");
        if (uemPath is not null && !File.Exists(uemPath))
            throw new InvalidInputFileException(uemPath, "UEM file not found; check the path or omit it.");
        var item = new DatasetItem(Path.GetFileNameWithoutExtension(audioPath), audioPath, referencePath, uemPath);
        return new Dataset("single-file", audioPath, [item], new PairingReport([], []));
    }

    /// <summary>Opens a layout by its CLI name: "voxconverse", "rttm-folder" (alias "generic"), or "file".</summary>
    public static Dataset Open(string layout, string root, string subset = "dev", bool strict = false) => layout switch
    {
        "voxconverse" => VoxConverse(root, subset, strict),
        "rttm-folder" or "generic" => RttmFolder(root, strict),
        "file" => SingleFile(root),
        _ => throw new InvalidParameterException("--dataset", $"unknown dataset layout '{layout}'; use voxconverse, rttm-folder or file."),
    };

    /// <summary>
    /// Shard <paramref name="k"/> of <paramref name="n"/> (1-based k): items whose index in the sorted id list is
    /// ≡ k−1 mod n. Deterministic, so N array jobs (Slurm <c>--array=1-N</c>, Kubernetes indexed jobs) cover every
    /// file exactly once.
    /// </summary>
    public Dataset Shard(int k, int n)
    {
        if (n < 1 || k < 1 || k > n)
            throw new InvalidParameterException("--shard", $"shard must be k/N with 1 ≤ k ≤ N, got {k}/{n}.");
        var items = Items.Where((_, i) => i % n == k - 1).ToList();
        return new Dataset($"{Name} shard {k}/{n}", Root, items, Pairing);
    }

    /// <summary>Parses "k/N" as given to <c>--shard</c>.</summary>
    public static (int K, int N) ParseShard(string text)
    {
        var p = text.Split('/');
        if (p.Length != 2 || !int.TryParse(p[0], out int k) || !int.TryParse(p[1], out int n) || n < 1 || k < 1 || k > n)
            throw new InvalidParameterException("--shard", $"expected k/N with 1 ≤ k ≤ N (e.g. 3/8), got '{text}'.");
        return (k, n);
    }

    private static Dataset Build(string name, string root, Dictionary<string, string> audio, Dictionary<string, string> refs,
        Dictionary<string, string> uems, bool strict)
    {
        var noRef = audio.Keys.Where(id => !refs.ContainsKey(id)).Order(StringComparer.Ordinal).ToList();
        var noAudio = refs.Keys.Where(id => !audio.ContainsKey(id)).Order(StringComparer.Ordinal).ToList();
        var report = new PairingReport(noRef, noAudio);
        if (strict && !report.IsComplete)
            throw new InvalidInputFileException(root, $"dataset is incomplete: {report}. Add the missing files, or run without --strict to skip them.");
        var items = audio.Keys.Where(refs.ContainsKey).Order(StringComparer.Ordinal)
            .Select(id => new DatasetItem(id, audio[id], refs[id], uems.GetValueOrDefault(id))).ToList();
        if (items.Count == 0)
            throw new InvalidInputFileException(root, $"no file id has both audio and a reference RTTM ({report}); check the layout (see `researchkit evaluate --help`).");
        return new Dataset(name, root, items, report);
    }

    private static void RequireDir(string dir, string what)
    {
        if (!Directory.Exists(dir))
            throw new InvalidInputFileException(dir, $"folder not found: {what}; check --root and the dataset layout.");
    }

    private static Dictionary<string, string> ListByExt(string dir, string ext)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(dir)) return d;
        foreach (var f in Directory.EnumerateFiles(dir))
            if (string.Equals(Path.GetExtension(f), ext, StringComparison.OrdinalIgnoreCase))
                d[Path.GetFileNameWithoutExtension(f)] = f;
        return d;
    }

    private static Dictionary<string, string> ListAudio(string dir)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(dir)) return d;
        foreach (var f in Directory.EnumerateFiles(dir).Order(StringComparer.Ordinal))
        {
            string ext = Path.GetExtension(f).ToLowerInvariant();
            int rank = AudioExtensions.ToList().IndexOf(ext);
            if (rank < 0) continue;
            string id = Path.GetFileNameWithoutExtension(f);
            // Prefer WAV when the same id exists in several formats (no decoder needed).
            if (!d.TryGetValue(id, out var prev) || AudioExtensions.ToList().IndexOf(Path.GetExtension(prev).ToLowerInvariant()) > rank)
                d[id] = f;
        }
        return d;
    }
}
