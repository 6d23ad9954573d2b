using ResearchKit.Audio;
using ResearchKit.Clustering;
using ResearchKit.Models;

namespace ResearchKit.Corpus;

/// <summary>Options of <see cref="ClusterDir.Run"/>.</summary>
/// <param name="Existing">What to do with a non-empty output folder.</param>
/// <param name="SkipInvalid">Leave out offending clips (listed in the result) instead of refusing to start.</param>
/// <param name="DryRun">Compute the plan only; write nothing (not even the output folder).</param>
/// <param name="Count">Speaker-count constraint passed to the clusterer for every subfolder (null: the threshold decides).</param>
/// <param name="BatchSize">Clips embedded per call of the model (bounds the audio held in memory).</param>
public sealed record ClusterDirOptions(
    ExistingOutput Existing = ExistingOutput.Refuse,
    bool SkipInvalid = false,
    bool DryRun = false,
    SpeakerCount? Count = null,
    int BatchSize = 32)
{
    /// <summary>The defaults: refuse a non-empty output, refuse invalid input, write.</summary>
    public static ClusterDirOptions Default { get; } = new();
}

/// <summary>One input subfolder's intermediate results.</summary>
/// <param name="Plan">Where each clip goes.</param>
/// <param name="Embeddings">Clip embeddings (rows in <see cref="SubfolderPlan.Input"/> clip order), raw model output.</param>
/// <param name="Labels">Cluster label per clip as the clusterer returned them.</param>
/// <param name="Skipped">True when the manifest already listed it as done (<c>--resume</c>): nothing was recomputed.</param>
public sealed record ClusterDirSubfolder(SubfolderPlan? Plan, float[,]? Embeddings, int[]? Labels, bool Skipped);

/// <summary>Everything <see cref="ClusterDir.Run"/> did.</summary>
/// <param name="Input">The scanned input.</param>
/// <param name="Problems">Offenders left out (only with <see cref="ClusterDirOptions.SkipInvalid"/>; otherwise they abort the run).</param>
/// <param name="Subfolders">Per valid input subfolder, in input order.</param>
/// <param name="Manifest">The manifest after the run (null for a dry run).</param>
public sealed record ClusterDirResult(ClipFolder Input, IReadOnlyList<ClipProblem> Problems, IReadOnlyList<ClusterDirSubfolder> Subfolders, ClusterDirManifest? Manifest)
{
    /// <summary>The summary table rows: every output speaker with its clips and minutes.</summary>
    public IEnumerable<PlannedSpeaker> Speakers => Subfolders.Where(s => s.Plan is not null).SelectMany(s => s.Plan!.Speakers);
}

/// <summary>The refusal to start when sanity checks fail: lists every offender.</summary>
public sealed class ClipFolderException : InvalidInputFileException
{
    /// <summary>Every offender found.</summary>
    public IReadOnlyList<ClipProblem> Problems { get; }

    /// <summary>Creates the exception for <paramref name="root"/>.</summary>
    public ClipFolderException(string root, IReadOnlyList<ClipProblem> problems)
        : base(root, $"{problems.Count} problem(s) in the input; nothing was written. Fix them, or rerun with --skip-invalid to leave these clips out:\n"
                     + string.Join("\n", problems.Select(p => "  " + p)))
    {
        Problems = problems;
    }
}

/// <summary>
/// <c>researchkit cluster-dir &lt;in&gt; &lt;out&gt;</c>: the folder-clustering seed. Clusters each
/// <c>&lt;BROADCASTER&gt;_&lt;G&gt;&lt;YYYYMMDD&gt;</c> subfolder of .wav + .txt clips separately (so male and female clips are never
/// mixed) by speaker embedding, and copies the clips into per-speaker folders with the seed's naming.
/// </summary>
/// <remarks>
/// Order of work: (1) sanity checks over the whole input — subfolder names, wav/txt pairing, every clip decodes, has the
/// model's sample rate and its minimum duration — and the output folder checks; any offender stops the run before
/// anything is written unless <see cref="ClusterDirOptions.SkipInvalid"/>. (2) Per subfolder: embed, cluster, and
/// commit it atomically (staged copies renamed into place, then the manifest rewritten). A failure in a later
/// subfolder (e.g. NaN embeddings) leaves the earlier ones complete and listed, and nothing of the failing one;
/// <c>--resume</c> continues from there.
/// </remarks>
public static class ClusterDir
{
    /// <summary>Runs the whole workflow; see the type's remarks for the order of work and the failure guarantees.
    /// <paramref name="progress"/> gets one report per embedded batch of clips (stage "embedding", item = subfolder).</summary>
    public static ClusterDirResult Run(string inputDir, string outputDir, ISpeakerEmbedder embedder, IClusterer clusterer, ClusterDirOptions? options = null,
        IProgress<CorpusProgress>? progress = null)
    {
        options ??= ClusterDirOptions.Default;
        if (options.BatchSize < 1)
            throw new InvalidParameterException("batch-size", $"is {options.BatchSize}; give at least 1.");
        string settings = $"model={embedder.Name} (D={embedder.Dimension}, {embedder.SampleRate} Hz); clusterer={Describe(clusterer)}; count={options.Count?.ToString() ?? "threshold"}";
        var manifest = ClusterDirWriter.Prepare(inputDir, outputDir, options.Existing, settings);

        var scan = ClipFolder.Scan(inputDir);
        var problems = new List<ClipProblem>(scan.Problems);
        var seconds = new List<double[]>();
        foreach (var sub in scan.Subfolders)
            seconds.Add(ClipAudioCheck.Run(sub, embedder, problems));
        problems.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        if (problems.Count > 0 && !options.SkipInvalid)
            throw new ClipFolderException(scan.Root, problems);

        var results = new List<ClusterDirSubfolder>();
        int total = seconds.Sum(x => x.Count(v => !double.IsNaN(v))), done = 0;
        for (int s = 0; s < scan.Subfolders.Count; s++)
        {
            var full = scan.Subfolders[s];
            // Keep only clips that passed every check (their duration is known).
            var keep = Enumerable.Range(0, full.Clips.Count).Where(i => !double.IsNaN(seconds[s][i])).ToList();
            var sub = full with { Clips = keep.Select(i => full.Clips[i]).ToList() };
            if (options.Existing == ExistingOutput.Resume && manifest.IsDone(sub))
            {
                results.Add(new ClusterDirSubfolder(null, null, null, Skipped: true));
                done += sub.Clips.Count;
                continue;
            }
            if (sub.Clips.Count == 0)
            {
                results.Add(new ClusterDirSubfolder(null, null, null, Skipped: false));
                continue;
            }
            int before = done;
            var emb = Embed(sub, embedder, options.BatchSize,
                progress is null ? null : n => progress.Report(new CorpusProgress("embedding", done = before + n, total, sub.Name.InputName)));
            var labels = Cluster(sub, emb, clusterer, options.Count);
            var plan = SubfolderPlan.Create(sub, labels, keep.Select(i => seconds[s][i]).ToArray());
            if (!options.DryRun)
            {
                ClusterDirWriter.Commit(outputDir, plan);
                manifest = manifest.With(plan);
                manifest.Write(outputDir);
            }
            results.Add(new ClusterDirSubfolder(plan, emb, labels, Skipped: false));
        }
        if (!options.DryRun && !File.Exists(Path.Combine(outputDir, ClusterDirManifest.FileName)))
            manifest.Write(outputDir);
        return new ClusterDirResult(scan, problems, results, options.DryRun ? null : manifest);
    }

    /// <summary>Embeds every clip of <paramref name="sub"/> (batches of <paramref name="batchSize"/>), rejecting non-finite vectors by clip.
    /// <paramref name="clipsDone"/> is called after each batch with the number of clips embedded so far.</summary>
    public static float[,] Embed(ClipSubfolder sub, ISpeakerEmbedder embedder, int batchSize = 32, Action<int>? clipsDone = null)
    {
        int n = sub.Clips.Count, d = embedder.Dimension;
        var all = new float[n, d];
        for (int b = 0; b < n; b += batchSize)
        {
            int len = Math.Min(batchSize, n - b);
            var signals = new List<Signal>(len);
            for (int i = b; i < b + len; i++) signals.Add(AudioFile.Read(sub.Clips[i].WavPath));
            var e = embedder.Embed(signals);
            if (e.GetLength(0) != len || e.GetLength(1) != d)
                throw new ResearchKitException($"embedding model '{embedder.Name}' returned {e.GetLength(0)}×{e.GetLength(1)} for {len} clips of dimension {d}; the model wrapper is broken.");
            for (int i = 0; i < len; i++)
                for (int k = 0; k < d; k++)
                {
                    float v = e[i, k];
                    if (!float.IsFinite(v))
                        throw new InvalidInputFileException(sub.Clips[b + i].WavPath, $"the embedding model '{embedder.Name}' returned NaN or infinity for this clip; nothing of {sub.Name.InputName} was written. Check the audio (silence, clipping) or remove the clip, then rerun with --resume.");
                    all[b + i, k] = v;
                }
            clipsDone?.Invoke(b + len);
        }
        return all;
    }

    private static int[] Cluster(ClipSubfolder sub, float[,] emb, IClusterer clusterer, SpeakerCount? count)
    {
        int n = emb.GetLength(0), d = emb.GetLength(1);
        if (n == 1) return [0]; // a single clip is a single speaker; clusterers need two rows
        var x = new double[n, d];
        for (int i = 0; i < n; i++)
            for (int k = 0; k < d; k++) x[i, k] = emb[i, k];
        try
        {
            return clusterer.Cluster(x, count).Labels;
        }
        catch (InvalidParameterException e)
        {
            throw new InvalidParameterException(e.Parameter, $"clustering {sub.Path} ({n} clips) failed: {e.Message}");
        }
    }

    private static string Describe(IClusterer c) => c switch
    {
        AgglomerativeClustering a => $"ahc({a.Options.Method}, {a.Options.Metric}, threshold={a.Options.Threshold?.ToString("R", System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, min_cluster_size={a.Options.MinClusterSize})",
        _ => c.GetType().Name,
    };
}
