namespace ResearchKit.Datasets;

/// <summary>
/// Which file ids could not be paired when a dataset was opened: audio without a reference RTTM and references
/// without audio. Unmatched files are kept out of <see cref="Dataset.Items"/>; <c>strict</c> turns a non-empty
/// report into an error.
/// </summary>
/// <param name="AudioWithoutReference">Ids that have audio but no reference RTTM (sorted).</param>
/// <param name="ReferenceWithoutAudio">Ids that have a reference RTTM but no audio (sorted).</param>
public sealed record PairingReport(IReadOnlyList<string> AudioWithoutReference, IReadOnlyList<string> ReferenceWithoutAudio)
{
    /// <summary>True when every id was paired.</summary>
    public bool IsComplete => AudioWithoutReference.Count == 0 && ReferenceWithoutAudio.Count == 0;

    /// <summary>One human-readable paragraph (at most 10 ids per list, then a count).</summary>
    public override string ToString()
    {
        if (IsComplete) return "all file ids paired";
        static string List(IReadOnlyList<string> ids) =>
            string.Join(", ", ids.Take(10)) + (ids.Count > 10 ? $" … (+{ids.Count - 10} more)" : "");
        var parts = new List<string>();
        if (ReferenceWithoutAudio.Count > 0) parts.Add($"{ReferenceWithoutAudio.Count} reference(s) without audio: {List(ReferenceWithoutAudio)}");
        if (AudioWithoutReference.Count > 0) parts.Add($"{AudioWithoutReference.Count} audio file(s) without reference: {List(AudioWithoutReference)}");
        return string.Join("; ", parts);
    }
}
