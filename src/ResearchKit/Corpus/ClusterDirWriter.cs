using System.Text.RegularExpressions;
using ResearchKit.IO;

namespace ResearchKit.Corpus;

/// <summary>What <c>cluster-dir</c> does when the output folder is not empty.</summary>
public enum ExistingOutput
{
    /// <summary>Refuse (the default; the seed's script never wipes its output, so a second run would mix with the first).</summary>
    Refuse,
    /// <summary>Skip input subfolders the manifest lists as done with the same clips; redo the rest.</summary>
    Resume,
    /// <summary>Replace this run's speaker folders (<c>&lt;BD&gt;-&lt;G&gt;NNNN</c> of each input subfolder); other files stay.</summary>
    Overwrite,
}

/// <summary>
/// Writes <c>cluster-dir</c> plans to disk. Files are copied (never moved: the input is never written to) into a
/// hidden staging folder inside the output root, then each speaker folder is renamed into place, so a failure
/// leaves either the previous state or the complete subfolder; the manifest is rewritten last.
/// </summary>
public static class ClusterDirWriter
{
    private const string StagingPrefix = ".researchkit-staging-";

    /// <summary>
    /// Checks the output folder before any work: not the input, not inside the input, not containing the input; empty
    /// unless <paramref name="mode"/> allows otherwise. Returns the manifest to continue from (empty for a fresh or
    /// overwritten output; the existing one for <see cref="ExistingOutput.Resume"/>).
    /// </summary>
    public static ClusterDirManifest Prepare(string inputDir, string outDir, ExistingOutput mode, string settings)
    {
        OutputLocation.RequireOutside(outDir, inputDir, "choose an output folder elsewhere");
        string input = Full(inputDir), output = Full(outDir);
        if (OutputLocation.IsAtOrInside(input, output))
            throw new OutputException(outDir, $"the output folder contains the input folder {inputDir}; choose an output folder that is not a parent of the input.");
        if (File.Exists(output))
            throw new OutputException(outDir, "exists and is a file; give a folder path.");
        var fresh = new ClusterDirManifest(input, settings, []);
        if (!Directory.Exists(output)) return fresh;

        var entries = Directory.EnumerateFileSystemEntries(output).Where(e => !Path.GetFileName(e).StartsWith(StagingPrefix, StringComparison.Ordinal)).ToList();
        if (entries.Count == 0) return fresh;
        switch (mode)
        {
            case ExistingOutput.Refuse:
                throw new OutputException(outDir, $"the output folder is not empty ({entries.Count} entries); give an empty or new folder, or --resume to continue an interrupted run, or --overwrite to replace this run's speaker folders.");
            case ExistingOutput.Resume:
                var m = ClusterDirManifest.Read(output)
                        ?? throw new OutputException(outDir, $"--resume needs {ClusterDirManifest.FileName} from an earlier cluster-dir run, and this non-empty folder has none; use --overwrite or an empty folder.");
                if (m.Input != input)
                    throw new OutputException(outDir, $"--resume: this output was made from {m.Input}, not {input}; use the same input or another output folder.");
                return m with { Settings = settings };
            default:
                return fresh;
        }
    }

    /// <summary>
    /// Writes one input subfolder's plan: copies into staging, then swaps the subfolder's speaker folders into place
    /// (any earlier <c>&lt;BD&gt;-&lt;G&gt;NNNN</c> folders of the same subfolder are replaced, and restored if the swap fails).
    /// </summary>
    public static void Commit(string outDir, SubfolderPlan plan)
    {
        string output = Full(outDir);
        string staging = Path.Combine(output, StagingPrefix + Guid.NewGuid().ToString("N"));
        string newDir = Path.Combine(staging, "new"), oldDir = Path.Combine(staging, "old");
        var moved = new List<string>();
        var displaced = new List<(string From, string To)>();
        try
        {
            Directory.CreateDirectory(newDir);
            Directory.CreateDirectory(oldDir);
            foreach (var c in plan.Clips)
            {
                string dir = Path.Combine(newDir, Path.GetFileName(c.SpeakerFolder));
                Directory.CreateDirectory(dir);
                File.Copy(c.Source.WavPath, Path.Combine(dir, c.Stem + ".wav"));
                File.Copy(c.Source.TxtPath, Path.Combine(dir, c.Stem + ".txt"));
            }

            var name = plan.Input.Name;
            string broadcast = Path.Combine(output, name.OutputFolder);
            Directory.CreateDirectory(broadcast);
            var mine = new Regex("^" + Regex.Escape(name.OutputFolder + "-" + name.Gender) + "[0-9]{4}$", RegexOptions.CultureInvariant);
            foreach (var d in Directory.GetDirectories(broadcast).Where(d => mine.IsMatch(Path.GetFileName(d))))
            {
                string to = Path.Combine(oldDir, Path.GetFileName(d));
                Directory.Move(d, to);
                displaced.Add((d, to));
            }
            foreach (var s in plan.Speakers)
            {
                string dest = Path.Combine(output, s.SpeakerFolder);
                Directory.Move(Path.Combine(newDir, Path.GetFileName(s.SpeakerFolder)), dest);
                moved.Add(dest);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Rollback(moved, displaced);
            TryDelete(staging);
            throw new OutputException(outDir, $"writing {plan.Input.Name.InputName} failed ({e.Message}); nothing of it was kept. Check free space and permissions, then rerun with --resume.", e);
        }
        catch
        {
            Rollback(moved, displaced);
            TryDelete(staging);
            throw;
        }
        TryDelete(staging);
    }

    /// <summary>Writes all plans and the manifest (after each subfolder), starting from <paramref name="manifest"/>; returns the final manifest.</summary>
    public static ClusterDirManifest Write(string outDir, IEnumerable<SubfolderPlan> plans, ClusterDirManifest manifest)
    {
        Directory.CreateDirectory(outDir);
        foreach (var p in plans)
        {
            Commit(outDir, p);
            manifest = manifest.With(p);
            manifest.Write(outDir);
        }
        if (!File.Exists(Path.Combine(outDir, ClusterDirManifest.FileName))) manifest.Write(outDir);
        return manifest;
    }

    private static void Rollback(List<string> moved, List<(string From, string To)> displaced)
    {
        foreach (var d in moved) TryDelete(d);
        foreach (var (from, to) in displaced)
        {
            try { if (!Directory.Exists(from)) Directory.Move(to, from); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    private static void TryDelete(string dir)
    {
        try { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    internal static string Full(string p) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(p));
}
