using System.Globalization;
using ResearchKit.Clustering;
using ResearchKit.Models;

namespace ResearchKit.Pipelines;

/// <summary>
/// Options of <see cref="PyannotePipeline"/>, named as pyannote/speaker-diarization-3.1's config.yaml (seed 004).
/// </summary>
public sealed record PyannoteOptions
{
    /// <summary>Segmentation windows (10 s every 1 s, batch 32, 3.1.1 frame timing).</summary>
    public SegmentationOptions Segmentation { get; init; } = SegmentationOptions.Pyannote311;

    /// <summary><c>segmentation.threshold</c>: onset of the hysteresis binarisation for non-powerset models; null for powerset
    /// models (segmentation-3.0), whose hard multilabel output is already binary.</summary>
    public double? SegmentationThreshold { get; init; }

    /// <summary><c>segmentation.min_duration_off</c>: same-speaker gaps shorter than this are filled (seconds).</summary>
    public double MinDurationOff { get; init; }

    /// <summary><c>embedding_exclude_overlap</c>: embed each local speaker from its non-overlapped frames when enough remain.</summary>
    public bool EmbeddingExcludeOverlap { get; init; } = true;

    /// <summary><c>embedding_batch_size</c>.</summary>
    public int EmbeddingBatchSize { get; init; } = 32;

    /// <summary><c>clustering.*</c>: centroid AHC, threshold 0.7045654963945799, min_cluster_size 12.</summary>
    public AhcOptions Clustering { get; init; } = AhcOptions.Pyannote31;

    /// <summary>pyannote/speaker-diarization-3.1 as published.</summary>
    public static PyannoteOptions Pyannote31 { get; } = new();

    /// <summary>
    /// Reads a pyannote pipeline config.yaml (the seed's format): <c>params: clustering: {method, min_cluster_size,
    /// threshold}</c>, <c>params: segmentation: {min_duration_off, threshold}</c> and <c>pipeline: params:
    /// {embedding_batch_size, embedding_exclude_overlap, segmentation_batch_size}</c>. Comments (#) are ignored; keys
    /// not listed are ignored; a value that does not parse is an error naming the key.
    /// </summary>
    public static PyannoteOptions FromYaml(string yaml, string sourceName = "<config.yaml>")
    {
        var o = Pyannote31;
        var stack = new List<(int Indent, string Key)>();
        int lineNo = 0;
        foreach (var raw in yaml.Split('\n'))
        {
            lineNo++;
            string line = raw.TrimEnd('\r');
            int hash = line.IndexOf('#');
            if (hash >= 0) line = line[..hash];
            if (line.Trim().Length == 0) continue;
            int indent = line.Length - line.TrimStart().Length;
            string body = line.Trim();
            int colon = body.IndexOf(':');
            if (colon <= 0) continue;
            string key = body[..colon].Trim(), value = body[(colon + 1)..].Trim();
            while (stack.Count > 0 && stack[^1].Indent >= indent) stack.RemoveAt(stack.Count - 1);
            string path = string.Join(".", stack.Select(s => s.Key).Append(key));
            if (value.Length == 0) { stack.Add((indent, key)); continue; }
            string where = $"{sourceName}:{lineNo}: {path}";
            double Num() => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d
                : throw new InvalidInputFileException(sourceName, $"line {lineNo}: {path} = '{value}' is not a number.");
            bool Bool() => value.ToLowerInvariant() switch
            {
                "true" => true, "false" => false,
                _ => throw new InvalidInputFileException(sourceName, $"line {lineNo}: {path} = '{value}' is not true/false."),
            };
            switch (path)
            {
                case "params.clustering.threshold": o = o with { Clustering = o.Clustering with { Threshold = Num() } }; break;
                case "params.clustering.min_cluster_size": o = o with { Clustering = o.Clustering with { MinClusterSize = (int)Num() } }; break;
                case "params.clustering.method":
                    o = o with
                    {
                        Clustering = o.Clustering with
                        {
                            Method = value switch
                            {
                                "centroid" => LinkageMethod.Centroid, "average" => LinkageMethod.Average, "complete" => LinkageMethod.Complete,
                                "single" => LinkageMethod.Single, "median" => LinkageMethod.Median, "ward" => LinkageMethod.Ward, "weighted" => LinkageMethod.Weighted,
                                _ => throw new InvalidInputFileException(sourceName, $"line {lineNo}: {path} = '{value}' is not a linkage method (centroid, average, …)."),
                            },
                        },
                    };
                    break;
                case "params.segmentation.min_duration_off": o = o with { MinDurationOff = Num() }; break;
                case "params.segmentation.threshold": o = o with { SegmentationThreshold = Num() }; break;
                case "pipeline.params.embedding_batch_size": o = o with { EmbeddingBatchSize = (int)Num() }; break;
                case "pipeline.params.embedding_exclude_overlap": o = o with { EmbeddingExcludeOverlap = Bool() }; break;
                case "pipeline.params.segmentation_batch_size": o = o with { Segmentation = o.Segmentation with { BatchSize = (int)Num() } }; break;
                case "pipeline.params.clustering" when value != "AgglomerativeClustering":
                    throw new InvalidInputFileException(sourceName, $"line {lineNo}: clustering '{value}' is not supported; only AgglomerativeClustering (pyannote 3.1).");
            }
            _ = where;
        }
        o.Validate();
        return o;
    }

    /// <summary>Checks ranges.</summary>
    public void Validate()
    {
        Segmentation.Validate();
        Clustering.Validate();
        if (MinDurationOff < 0) throw new InvalidParameterException("segmentation.min_duration_off", $"must be ≥ 0 seconds, got {MinDurationOff}.");
        if (EmbeddingBatchSize < 1) throw new InvalidParameterException("embedding_batch_size", $"must be ≥ 1, got {EmbeddingBatchSize}.");
        if (Clustering.Threshold is null) throw new InvalidParameterException("clustering.threshold", "pyannote's clustering needs a threshold.");
    }
}
