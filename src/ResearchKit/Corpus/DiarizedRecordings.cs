using ResearchKit.Annotations;
using ResearchKit.Audio;
using ResearchKit.Datasets;

namespace ResearchKit.Corpus;

/// <summary>One diarized recording: its RTTM file id, its audio file and its speaker turns.</summary>
/// <param name="Id">The RTTM file id (field 2), which is also the recording's name in the seed's <c>&lt;video&gt;-&lt;speaker&gt;</c>.</param>
/// <param name="AudioPath">The audio file <c>&lt;audio folder&gt;/&lt;id&gt;.&lt;ext&gt;</c>.</param>
/// <param name="RttmPath">The RTTM file the turns came from.</param>
/// <param name="Turns">The SPEAKER turns of this file id, in file order.</param>
/// <param name="AudioSeconds">Duration of the audio in seconds (from the WAV header; NaN for compressed audio until it is decoded).</param>
public sealed record DiarizedRecording(string Id, string AudioPath, string RttmPath, IReadOnlyList<RttmTurn> Turns, double AudioSeconds);

/// <summary>
/// Pairs per-recording diarization (RTTM) with audio: every RTTM file id must have exactly one audio file named after it
/// in the audio folder (<see cref="Dataset.AudioExtensions"/>, WAV first), and every turn must lie within the audio. All
/// checks run before any audio is embedded, and every offender is listed at once.
/// </summary>
public static class DiarizedRecordings
{
    /// <summary>How far (seconds) a turn may end beyond the audio before it is an error: diarization output is rounded to
    /// frames (pyannote: ≈ 17 ms) and to 3 decimals, so the last turn can overshoot the end by a frame.</summary>
    public const double EndTolerance = 0.1;

    /// <summary>Reads the RTTM files (files or folders of <c>*.rttm</c>) and finds each file id's audio in <paramref name="audioFolder"/>.</summary>
    /// <exception cref="InvalidInputFileException">No RTTM file; a malformed RTTM; a file id in two RTTM files; a file id
    /// without audio; a turn beyond the end of its audio; an audio header that does not decode.</exception>
    public static IReadOnlyList<DiarizedRecording> Open(IReadOnlyList<string> rttmFilesOrFolders, string audioFolder)
    {
        if (!Directory.Exists(audioFolder))
            throw new InvalidInputFileException(audioFolder, "the audio folder does not exist; pass --audio <folder holding <file-id>.wav for every RTTM file id>.");
        var paths = new List<string>();
        foreach (var p in rttmFilesOrFolders)
        {
            if (Directory.Exists(p))
            {
                var files = Directory.GetFiles(p, "*.rttm").OrderBy(f => f, StringComparer.Ordinal).ToArray();
                if (files.Length == 0)
                    throw new InvalidInputFileException(p, "the folder contains no *.rttm file; point --rttm to RTTM files or a folder of them.");
                paths.AddRange(files);
            }
            else if (File.Exists(p)) paths.Add(p);
            else throw new InvalidInputFileException(p, "no such RTTM file or folder; check the --rttm path.");
        }
        if (paths.Count == 0)
            throw new InvalidParameterException("--rttm", "no RTTM file given; pass --rttm <file or folder>.");

        var audio = AudioIndex(audioFolder);
        var byId = new Dictionary<string, (string Rttm, List<RttmTurn> Turns)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var path in paths)
        {
            var doc = Rttm.Read(path);
            foreach (var t in doc.Turns)
            {
                if (!byId.TryGetValue(t.FileId, out var e))
                {
                    byId[t.FileId] = e = (path, []);
                    order.Add(t.FileId);
                }
                else if (e.Rttm != path)
                    throw new InvalidInputFileException(path, $"line {t.SourceLine}: file id '{t.FileId}' also occurs in {e.Rttm}; each recording must come from one RTTM file. Remove the duplicate.");
                e.Turns.Add(t);
            }
        }
        if (order.Count == 0)
            throw new InvalidInputFileException(paths[0], $"no SPEAKER line in {string.Join(", ", paths)}; give RTTM files with speaker turns.");

        var problems = new List<string>();
        var result = new List<DiarizedRecording>(order.Count);
        foreach (var id in order)
        {
            var (rttm, turns) = byId[id];
            if (!audio.TryGetValue(id, out var wav))
            {
                problems.Add($"{rttm}: file id '{id}' (line {turns[0].SourceLine}) has no audio: no {id}{{{string.Join(",", Dataset.AudioExtensions)}}} in {audioFolder}. Put the recording there under its RTTM file id, or fix the file id.");
                continue;
            }
            double seconds = double.NaN;
            if (Path.GetExtension(wav).Equals(".wav", StringComparison.OrdinalIgnoreCase))
            {
                var info = AudioFile.ReadInfo(wav);
                seconds = (double)info.Frames / info.SampleRate;
                foreach (var t in turns)
                    if (t.Onset + t.Duration > seconds + EndTolerance)
                        problems.Add(BeyondEnd(rttm, t, wav, seconds));
            }
            result.Add(new DiarizedRecording(id, wav, rttm, turns, seconds));
        }
        if (problems.Count > 0)
            throw new InvalidInputFileException(problems.Count == 1 ? paths[0] : audioFolder,
                $"{problems.Count} problem(s) pairing the RTTM with the audio; nothing was computed:\n" + string.Join("\n", problems.Take(50).Select(p => "  " + p))
                + (problems.Count > 50 ? $"\n  … and {problems.Count - 50} more" : ""));
        return result;
    }

    /// <summary>The message for a turn ending beyond its audio (also used after decoding compressed audio).</summary>
    internal static string BeyondEnd(string rttm, RttmTurn t, string audio, double seconds) =>
        $"{rttm}: line {t.SourceLine}: turn {t.Onset:0.###}–{t.Onset + t.Duration:0.###} s of '{t.Speaker}' ends beyond the end of {audio} ({seconds:0.###} s); " +
        "is this RTTM for this recording (same file id, same start)? Fix or drop the turn.";

    private static Dictionary<string, string> AudioIndex(string folder)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        var ext = Dataset.AudioExtensions.ToList();
        foreach (var f in Directory.GetFiles(folder))
        {
            int rank = ext.IndexOf(Path.GetExtension(f).ToLowerInvariant());
            if (rank < 0) continue;
            string id = Path.GetFileNameWithoutExtension(f);
            if (!d.TryGetValue(id, out var prev) || ext.IndexOf(Path.GetExtension(prev).ToLowerInvariant()) > rank) d[id] = f;
        }
        return d;
    }
}
