using ResearchKit.Annotations;
using ResearchKit.Audio;

namespace ResearchKit.Datasets;

/// <summary>
/// One file of a dataset: its id (the RTTM "file" field, e.g. a VoxConverse id) and the paths of its audio,
/// reference RTTM and optional UEM. Nothing is read until asked for (lazy loading): a 216-file VoxConverse
/// dev set costs a directory listing, not 20 GB of RAM.
/// </summary>
/// <param name="Id">File id (audio file name without extension).</param>
/// <param name="AudioPath">Audio file, or null when only the reference exists (reported by <see cref="Dataset.Pairing"/>).</param>
/// <param name="ReferencePath">Reference RTTM, or null when the dataset has none for this file.</param>
/// <param name="UemPath">Scored-region UEM, or null (scorers then use their default scored region).</param>
public sealed record DatasetItem(string Id, string? AudioPath, string? ReferencePath, string? UemPath)
{
    /// <summary>True when both audio and reference are present, so the file can be diarized and scored.</summary>
    public bool IsPaired => AudioPath is not null && ReferencePath is not null;

    /// <summary>Reads the audio as mono: several channels are averaged, or handled as <paramref name="audio"/> says
    /// (<see cref="AudioReadOptions.SelectChannel"/>, or <see cref="ChannelMode.RequireMono"/> to refuse them).</summary>
    /// <exception cref="InvalidParameterException">The chosen channel does not exist in this file.</exception>
    /// <exception cref="InvalidInputFileException">No audio, an unreadable file, or several channels under RequireMono.</exception>
    public Signal LoadSignal(AudioReadOptions? audio = null)
    {
        if (AudioPath is null)
            throw new InvalidInputFileException(ReferencePath ?? Id,
                $"file id '{Id}' has a reference but no audio; add the audio file or drop the id from the dataset.");
        return AudioFile.Read(AudioPath, audio ?? AudioReadOptions.Downmix);
    }

    /// <summary>Reads the reference RTTM turns of this file id (an RTTM without lines for it gives an empty annotation).</summary>
    public Annotation LoadReference()
    {
        if (ReferencePath is null)
            throw new InvalidInputFileException(AudioPath ?? Id, $"file id '{Id}' has no reference RTTM; add <id>.rttm to the dataset.");
        return Rttm.Read(ReferencePath).ToAnnotations().TryGetValue(Id, out var a) ? a : Annotation.Empty(Id);
    }

    /// <summary>Reads the scored region from the UEM, or null when the dataset has no UEM for this file.</summary>
    public Timeline? LoadUem() => UemPath is null ? null : Uem.Read(UemPath)[Id];

    /// <summary>SHA-256 of the audio file's bytes (hex), the key experiments cache intermediates under.</summary>
    public string AudioHash()
    {
        if (AudioPath is null)
            throw new InvalidInputFileException(ReferencePath ?? Id, $"file id '{Id}' has no audio to hash.");
        using var s = File.OpenRead(AudioPath);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(s));
    }
}
