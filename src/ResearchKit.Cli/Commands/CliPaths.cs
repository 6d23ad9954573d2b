namespace ResearchKit.Cli.Commands;

/// <summary>Output-path rules shared by the model commands (vad, embed).</summary>
internal static class CliPaths
{
    /// <summary>Outputs never go into the folder the input was read from.</summary>
    public static void CheckOutput(string outPath, string inPath)
    {
        string outDir = Path.GetDirectoryName(Path.GetFullPath(outPath))!;
        string inDir = Path.GetDirectoryName(Path.GetFullPath(inPath))!;
        if (string.Equals(outDir, inDir, StringComparison.Ordinal))
            throw new OutputException(outPath, $"is in the input folder {inDir}; write outputs to a different folder (e.g. out/).");
    }
}
