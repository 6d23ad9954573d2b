using System.Globalization;

namespace ResearchKit.Corpus;

/// <summary>
/// The name of one input subfolder of <c>cluster-dir</c>: <c>&lt;BROADCASTER&gt;_&lt;G&gt;&lt;YYYYMMDD&gt;</c>, as produced by
/// inaSpeechSegmenter in the folder-clustering seed (e.g. <c>andaiafm_F20201105</c>), and the output names derived
/// from it: <c>&lt;BROADCASTER&gt;&lt;DATE&gt;/&lt;BROADCASTER&gt;&lt;DATE&gt;-&lt;G&gt;&lt;NNNN&gt;/&lt;BROADCASTER&gt;&lt;DATE&gt;&lt;G&gt;&lt;NNNN&gt;_&lt;NNNNNN&gt;</c>.
/// </summary>
/// <param name="Broadcaster">The broadcaster ID (everything before the last underscore; non-empty).</param>
/// <param name="Gender"><c>'M'</c> or <c>'F'</c> (inaSpeechSegmenter's male/female labels).</param>
/// <param name="Date">The 8-digit date tag <c>YYYYMMDD</c> exactly as written (a valid calendar date).</param>
public sealed record ClipFolderName(string Broadcaster, char Gender, string Date)
{
    /// <summary>The folder name this record was parsed from: <c>&lt;BROADCASTER&gt;_&lt;G&gt;&lt;YYYYMMDD&gt;</c>.</summary>
    public string InputName => $"{Broadcaster}_{Gender}{Date}";

    /// <summary>The per-broadcast output folder <c>&lt;BROADCASTER&gt;&lt;DATE&gt;</c> (shared by the M and F subfolders of one date).</summary>
    public string OutputFolder => Broadcaster + Date;

    /// <summary>The speaker folder <c>&lt;BROADCASTER&gt;&lt;DATE&gt;-&lt;G&gt;&lt;NNNN&gt;</c>; <paramref name="speaker"/> counts from 1.</summary>
    public string SpeakerFolder(int speaker)
    {
        CheckSpeaker(speaker);
        return $"{Broadcaster}{Date}-{Gender}{speaker.ToString("D4", CultureInfo.InvariantCulture)}";
    }

    /// <summary>The clip file stem <c>&lt;BROADCASTER&gt;&lt;DATE&gt;&lt;G&gt;&lt;NNNN&gt;_&lt;NNNNNN&gt;</c> (add <c>.wav</c> / <c>.txt</c>);
    /// <paramref name="speaker"/> counts from 1, <paramref name="clip"/> from 0.</summary>
    public string ClipStem(int speaker, int clip)
    {
        CheckSpeaker(speaker);
        if (clip < 0 || clip > 999_999)
            throw new InvalidParameterException("clip", $"clip number {clip} does not fit the seed's 6-digit field (0–999999); split the input subfolder.");
        return $"{Broadcaster}{Date}{Gender}{speaker.ToString("D4", CultureInfo.InvariantCulture)}_{clip.ToString("D6", CultureInfo.InvariantCulture)}";
    }

    private static void CheckSpeaker(int speaker)
    {
        if (speaker < 1 || speaker > 9999)
            throw new InvalidParameterException("speaker", $"speaker number {speaker} does not fit the seed's 4-digit field (1–9999); raise the clustering threshold or give fewer clips.");
    }

    /// <summary>Parses a subfolder name; returns null and a reason (saying how to fix it) when it does not follow
    /// <c>&lt;BROADCASTER&gt;_&lt;G&gt;&lt;YYYYMMDD&gt;</c>.</summary>
    public static ClipFolderName? TryParse(string name, out string reason)
    {
        const string expected = "expected <BROADCASTER>_<G><YYYYMMDD> with G = M or F, e.g. andaiafm_F20201105";
        int us = name.LastIndexOf('_');
        if (us <= 0)
        {
            reason = $"folder name '{name}' has no '<BROADCASTER>_' prefix; {expected}.";
            return null;
        }
        string broadcaster = name[..us], tag = name[(us + 1)..];
        if (tag.Length != 9 || (tag[0] != 'M' && tag[0] != 'F'))
        {
            reason = $"folder name '{name}': '{tag}' is not a gender letter (M/F) followed by an 8-digit date; {expected}.";
            return null;
        }
        string date = tag[1..];
        if (!date.All(char.IsAsciiDigit) ||
            !DateOnly.TryParseExact(date, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            reason = $"folder name '{name}': '{date}' is not a valid YYYYMMDD date; {expected}.";
            return null;
        }
        if (broadcaster.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            reason = $"folder name '{name}': the broadcaster ID contains characters not allowed in file names; rename the folder.";
            return null;
        }
        reason = "";
        return new ClipFolderName(broadcaster, tag[0], date);
    }

    /// <summary>Parses a subfolder name or throws <see cref="InvalidParameterException"/> saying how to fix it.</summary>
    public static ClipFolderName Parse(string name) =>
        TryParse(name, out var reason) ?? throw new InvalidParameterException("folder name", reason);
}
