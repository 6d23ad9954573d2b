using System.Globalization;
using System.Numerics.Tensors;
using System.Text;

namespace ResearchKit.Corpus;

/// <summary>How two utterance embeddings are compared in the speaker-distance matrix.</summary>
public enum SpeakerDistanceKind
{
    /// <summary>Cosine distance 1 − cos(u, v), in [0, 2] (the issue's default).</summary>
    Cosine,
    /// <summary>Euclidean distance between the L2-normalised vectors, ‖u/‖u‖ − v/‖v‖‖ = √(2·(1 − cos)), in [0, 2]: what the GhostVLAD
    /// seed's <c>predict.py</c> <c>similar()</c> prints (its model's output is L2-normalised, and it prints <c>np.linalg.norm(a − b)</c>).</summary>
    SeedEuclidean,
}

/// <summary>
/// The speaker-distance matrix of the GhostVLAD seed (4 persons × 3 utterances): pairwise distances between utterance
/// embeddings grouped by person, its printout, and the intra/inter-speaker means.
/// </summary>
public static class SpeakerDistances
{
    /// <summary>Pairwise distances of the rows of <paramref name="embeddings"/> (N×D); the diagonal is exactly 0.
    /// Throws when a row is not finite or is all zeros (its direction, hence its distance, is undefined).</summary>
    public static double[,] Compute(float[,] embeddings, SpeakerDistanceKind kind = SpeakerDistanceKind.Cosine, IReadOnlyList<string>? names = null)
    {
        int n = embeddings.GetLength(0), d = embeddings.GetLength(1);
        var unit = new double[n][];
        for (int i = 0; i < n; i++)
        {
            var row = new double[d];
            bool finite = true;
            for (int k = 0; k < d; k++) finite &= double.IsFinite(row[k] = embeddings[i, k]);
            string who = names is null ? $"row {i}" : $"'{names[i]}' (row {i})";
            if (!finite)
                throw new InvalidParameterException("embeddings", $"the embedding of {who} contains NaN or infinity; check that clip's audio (silence or clipping) or the embedding model.");
            double norm = TensorPrimitives.Norm<double>(row);
            if (norm == 0)
                throw new InvalidParameterException("embeddings", $"the embedding of {who} is all zeros, so its direction is undefined; check that clip's audio.");
            TensorPrimitives.Divide(row, norm, row);
            unit[i] = row;
        }
        var dist = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
            {
                double cos = Math.Clamp(TensorPrimitives.Dot<double>(unit[i], unit[j]), -1.0, 1.0);
                double v = kind == SpeakerDistanceKind.Cosine ? 1.0 - cos : Math.Sqrt(Math.Max(0.0, 2.0 - 2.0 * cos));
                dist[i, j] = dist[j, i] = v;
            }
        return dist;
    }

    /// <summary>
    /// Prints the matrix as the GhostVLAD seed's <c>predict.py</c> does: each value as <c>%.2f</c> followed by two spaces,
    /// <c>"| "</c> after each person's columns, a blank line after every row, and after each person's last row a line of
    /// asterisks then a blank line. The seed hard-codes 3 utterances per person and 80 asterisks (its row width for
    /// 12 columns); here groups come from <paramref name="groupSizes"/> and the asterisk line is the row width, which is
    /// 80 for the seed's 4 × 3 layout. Lines keep the seed's trailing space after the last <c>"|"</c>.
    /// </summary>
    public static string FormatLikeSeed(double[,] distances, IReadOnlyList<int> groupSizes)
    {
        int n = distances.GetLength(0);
        if (distances.GetLength(1) != n || groupSizes.Sum() != n || groupSizes.Any(g => g < 1))
            throw new InvalidParameterException("groupSizes", $"group sizes {string.Join("+", groupSizes)} must be positive and add up to the matrix size {n}.");
        var ends = new HashSet<int>();
        int acc = 0;
        foreach (int g in groupSizes) ends.Add((acc += g) - 1);
        int width = 6 * n + 2 * groupSizes.Count;
        var sb = new StringBuilder();
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                sb.Append(distances[i, j].ToString("0.00", CultureInfo.InvariantCulture)).Append("  ");
                if (ends.Contains(j)) sb.Append("| ");
            }
            if (ends.Contains(i)) sb.Append("\n\n").Append('*', width);
            sb.Append("\n\n");
        }
        return sb.ToString();
    }

    /// <summary>Mean distance over same-speaker pairs (i &lt; j) and over different-speaker pairs. NaN when a kind of pair does not exist.</summary>
    public static (double Intra, double Inter) MeanIntraInter(double[,] distances, IReadOnlyList<string> speakers)
    {
        int n = speakers.Count;
        double si = 0, se = 0;
        long ni = 0, ne = 0;
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
            {
                if (speakers[i] == speakers[j]) { si += distances[i, j]; ni++; }
                else { se += distances[i, j]; ne++; }
            }
        return (ni == 0 ? double.NaN : si / ni, ne == 0 ? double.NaN : se / ne);
    }

    /// <summary>All pairs i &lt; j as verification trials: score = −distance (higher = more alike), target = same speaker.</summary>
    public static (double[] Scores, bool[] Targets) Trials(double[,] distances, IReadOnlyList<string> speakers)
    {
        int n = speakers.Count;
        var scores = new List<double>(n * (n - 1) / 2);
        var targets = new List<bool>(scores.Capacity);
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
            {
                scores.Add(-distances[i, j]);
                targets.Add(speakers[i] == speakers[j]);
            }
        return (scores.ToArray(), targets.ToArray());
    }
}
