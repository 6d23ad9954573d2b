namespace ResearchKit.Corpus;

/// <summary>Where one input clip goes.</summary>
/// <param name="Source">The input wav/txt pair.</param>
/// <param name="SpeakerFolder">Output speaker folder relative to the output root, e.g. <c>andaiafm20201105/andaiafm20201105-F0001</c>.</param>
/// <param name="Stem">Output file stem, e.g. <c>andaiafm20201105F0001_000000</c> (the seed's naming).</param>
/// <param name="Speaker">Speaker number within the input subfolder, from 1.</param>
/// <param name="ClipNumber">Clip number within the input subfolder, from 0.</param>
/// <param name="Seconds">Clip duration in seconds.</param>
public sealed record PlannedClip(ClipPair Source, string SpeakerFolder, string Stem, int Speaker, int ClipNumber, double Seconds)
{
    /// <summary>Output wav path relative to the output root.</summary>
    public string WavRelative => Path.Combine(SpeakerFolder, Stem + ".wav");

    /// <summary>Output txt path relative to the output root.</summary>
    public string TxtRelative => Path.Combine(SpeakerFolder, Stem + ".txt");
}

/// <summary>One output speaker of one input subfolder: its folder, clip count and speech minutes (the summary table).</summary>
/// <param name="SpeakerFolder">Output folder relative to the output root.</param>
/// <param name="Clips">Number of clips.</param>
/// <param name="Minutes">Total clip duration in minutes.</param>
public sealed record PlannedSpeaker(string SpeakerFolder, int Clips, double Minutes);

/// <summary>The plan for one input subfolder: every clip's destination, in output order.</summary>
/// <param name="Input">The input subfolder.</param>
/// <param name="Clips">Planned clips ordered by speaker, then by input file name; clip numbers run 0, 1, 2… in this order.</param>
/// <param name="Speakers">One row per output speaker, in speaker-number order.</param>
public sealed record SubfolderPlan(ClipSubfolder Input, IReadOnlyList<PlannedClip> Clips, IReadOnlyList<PlannedSpeaker> Speakers)
{
    /// <summary>
    /// Turns cluster labels into the seed's output naming. Speakers are numbered 0001, 0002… in order of their first
    /// clip in input file-name order (any labelling of the same partition gives the same plan); clip numbers form one
    /// sequence per input subfolder that continues across speakers in speaker order, each speaker's clips in input
    /// order — the seed's example: F0001 holds _000000…_000015, F0002 starts at _000016, and the male subfolder of the
    /// same date has its own sequence from _000000.
    /// </summary>
    /// <param name="input">The subfolder (clips in ordinal stem order).</param>
    /// <param name="labels">Cluster label per clip (any integers).</param>
    /// <param name="seconds">Duration per clip in seconds.</param>
    public static SubfolderPlan Create(ClipSubfolder input, IReadOnlyList<int> labels, IReadOnlyList<double> seconds)
    {
        int n = input.Clips.Count;
        if (labels.Count != n || seconds.Count != n)
            throw new InvalidParameterException("labels", $"{input.Path}: got {labels.Count} labels and {seconds.Count} durations for {n} clips; give one of each per clip.");
        var speakerOf = new Dictionary<int, int>();
        var members = new List<List<int>>();
        for (int i = 0; i < n; i++)
        {
            if (!speakerOf.TryGetValue(labels[i], out int s))
            {
                s = members.Count;
                speakerOf[labels[i]] = s;
                members.Add([]);
            }
            members[s].Add(i);
        }
        var name = input.Name;
        var clips = new List<PlannedClip>(n);
        var speakers = new List<PlannedSpeaker>(members.Count);
        for (int s = 0; s < members.Count; s++)
        {
            string folder = Path.Combine(name.OutputFolder, name.SpeakerFolder(s + 1));
            double total = 0;
            foreach (int i in members[s])
            {
                int c = clips.Count;
                clips.Add(new PlannedClip(input.Clips[i], folder, name.ClipStem(s + 1, c), s + 1, c, seconds[i]));
                total += seconds[i];
            }
            speakers.Add(new PlannedSpeaker(folder, members[s].Count, total / 60.0));
        }
        return new SubfolderPlan(input, clips, speakers);
    }
}
