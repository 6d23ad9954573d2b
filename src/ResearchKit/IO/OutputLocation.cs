namespace ResearchKit.IO;

/// <summary>
/// The one check that an output stays out of its inputs (the team rule: never a write into an input folder or over an
/// input file), run by every command and writer before any work. Paths are compared in full
/// (<see cref="Path.GetFullPath(string)"/>, so relative paths and <c>..</c> resolve against the working folder),
/// without trailing separators, and with the case rule of the platform's usual file system.
/// </summary>
public static class OutputLocation
{
    private const string DefaultFix = "choose a path outside it, e.g. under out/";

    // Linux file systems are case-sensitive; Windows (NTFS) and macOS (APFS) are case-insensitive by default, where
    // /a/Data and /a/data are the same folder. Symbolic links are not resolved.
    private static readonly StringComparison Case =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>
    /// True when <paramref name="path"/> is <paramref name="folder"/> itself or lies anywhere below it. A sibling that
    /// only shares a name prefix (<c>/a/data2</c> against <c>/a/data</c>) is not inside.
    /// </summary>
    public static bool IsAtOrInside(string path, string folder)
    {
        string p = Normalize(path), f = Normalize(folder);
        if (string.Equals(p, f, Case)) return true;
        // A root ("/", "C:\") keeps its separator after trimming; any other folder gets one so "data2" never matches "data".
        string prefix = Path.EndsInDirectorySeparator(f) ? f : f + Path.DirectorySeparatorChar;
        return p.StartsWith(prefix, Case);
    }

    /// <summary>
    /// Refuses <paramref name="output"/> when it is <paramref name="input"/> or lies below it: for an input folder
    /// anywhere in its tree, for an input file the file itself. Use it where an input folder is read as a whole tree.
    /// </summary>
    /// <param name="output">Output file or folder, as the user gave it.</param>
    /// <param name="input">Input folder or file, as the user gave it.</param>
    /// <param name="fix">How to fix it, ending the message; defaults to choosing a path under out/.</param>
    /// <exception cref="OutputException">The output is, or is inside, the input.</exception>
    public static void RequireOutside(string output, string input, string? fix = null)
    {
        if (!IsAtOrInside(output, input)) return;
        string what = !Same(output, input) ? "is inside the input folder"
            : Directory.Exists(input) ? "is the input folder" : "is the input file";
        throw Refused(output, what, input, fix);
    }

    /// <summary>
    /// Refuses <paramref name="output"/> when it is the folder <paramref name="inputFile"/> was read from or lies directly
    /// in it (which includes the file itself); a subfolder such as <c>out/</c> next to the input is allowed, so that
    /// <c>cd data; researchkit vad a.wav --out out/a.rttm</c> works.
    /// </summary>
    /// <param name="output">Output file or folder, as the user gave it.</param>
    /// <param name="inputFile">Input file, as the user gave it.</param>
    /// <param name="fix">How to fix it, ending the message; defaults to choosing a path under out/.</param>
    /// <exception cref="OutputException">The output would go into the input file's folder.</exception>
    public static void RequireNotBeside(string output, string inputFile, string? fix = null)
    {
        string folder = Path.GetDirectoryName(Normalize(inputFile)) ?? Normalize(inputFile);
        if (Same(output, folder)) throw Refused(output, "is the input folder", folder, fix);
        if (Path.GetDirectoryName(Normalize(output)) is { } parent && Same(parent, folder))
            throw Refused(output, "is inside the input folder", folder, fix);
    }

    /// <summary>
    /// Checks <paramref name="output"/> against each input that is given: an existing folder with
    /// <see cref="RequireOutside"/> (its whole tree), anything else as a file with <see cref="RequireNotBeside"/>.
    /// </summary>
    /// <param name="output">Output file or folder, as the user gave it.</param>
    /// <param name="inputs">Input files and folders; nulls (options not given) are skipped.</param>
    /// <exception cref="OutputException">The output would go into an input folder or over an input file.</exception>
    public static void RequireOutsideInputs(string output, params string?[] inputs)
    {
        foreach (var input in inputs)
        {
            if (input is null) continue;
            if (Directory.Exists(input)) RequireOutside(output, input);
            else RequireNotBeside(output, input);
        }
    }

    private static string Normalize(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));

    private static bool Same(string a, string b) => string.Equals(Normalize(a), Normalize(b), Case);

    private static OutputException Refused(string output, string what, string input, string? fix) =>
        new(output, $"{what} {input}; ResearchKit never writes into an input folder or over an input file — {fix ?? DefaultFix}.");
}
