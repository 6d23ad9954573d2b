using System.Text;

namespace ResearchKit.Torch.Checkpoints;

/// <summary>A state_dict entry whose shape differs from the module's.</summary>
/// <param name="Name">Parameter or buffer name (module naming).</param>
/// <param name="Expected">Shape the module has.</param>
/// <param name="Found">Shape in the checkpoint.</param>
public sealed record ShapeMismatch(string Name, long[] Expected, long[] Found)
{
    /// <inheritdoc />
    public override string ToString() => $"{Name}: module [{string.Join(", ", Expected)}], checkpoint [{string.Join(", ", Found)}]";
}

/// <summary>How a checkpoint's state_dict matched a module, name by name (like PyTorch's <c>load_state_dict</c> report, plus shapes).</summary>
/// <param name="Loaded">Names copied into the module.</param>
/// <param name="Missing">Module parameters/buffers the checkpoint lacks.</param>
/// <param name="Unexpected">Checkpoint entries the module does not have (after prefix stripping and ignores).</param>
/// <param name="Mismatched">Entries present in both with different shapes.</param>
public sealed record ImportReport(
    IReadOnlyList<string> Loaded,
    IReadOnlyList<string> Missing,
    IReadOnlyList<string> Unexpected,
    IReadOnlyList<ShapeMismatch> Mismatched)
{
    /// <summary>True when every module entry was found with the right shape and nothing was left over.</summary>
    public bool IsExact => Missing.Count == 0 && Unexpected.Count == 0 && Mismatched.Count == 0;

    /// <summary>A multi-line, human-readable summary (at most 10 names per list).</summary>
    public string Describe()
    {
        var sb = new StringBuilder();
        sb.Append($"{Loaded.Count} loaded, {Missing.Count} missing, {Unexpected.Count} unexpected, {Mismatched.Count} mis-shaped.");
        Append(sb, "missing", Missing);
        Append(sb, "unexpected", Unexpected);
        Append(sb, "mis-shaped", Mismatched.Select(m => m.ToString()).ToList());
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, string what, IReadOnlyList<string> names)
    {
        if (names.Count == 0) return;
        sb.Append($" {what}: {string.Join("; ", names.Take(10))}");
        if (names.Count > 10) sb.Append($"; … {names.Count - 10} more");
        sb.Append('.');
    }
}
