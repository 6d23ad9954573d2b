namespace ResearchKit.Models;

/// <summary>
/// Powerset ↔ multilabel conversion of pyannote segmentation-3.0 (pyannote.audio <c>Powerset</c>): with S speakers and
/// at most K per frame, the classes are all speaker sets of size 0..K ordered by size, then lexicographically —
/// for S=3, K=2: {}, {0}, {1}, {2}, {0,1}, {0,2}, {1,2} (7 classes).
/// </summary>
public sealed class Powerset
{
    /// <summary>pyannote segmentation-3.0: 3 speakers, at most 2 at a time.</summary>
    public static Powerset Segmentation30 { get; } = new(3, 2);

    /// <summary>Builds the class list.</summary>
    public Powerset(int speakers, int maxPerFrame)
    {
        if (speakers < 1 || maxPerFrame < 1 || maxPerFrame > speakers)
            throw new InvalidParameterException(nameof(maxPerFrame), $"need 1 ≤ maxPerFrame ≤ speakers, got speakers={speakers}, maxPerFrame={maxPerFrame}.");
        Speakers = speakers;
        var sets = new List<int[]>();
        for (int k = 0; k <= maxPerFrame; k++) AddCombinations(sets, new int[k], 0, 0, speakers);
        Classes = sets;
    }

    /// <summary>Number of speakers S.</summary>
    public int Speakers { get; }

    /// <summary>Speaker set of each class, in class order.</summary>
    public IReadOnlyList<int[]> Classes { get; }

    private static void AddCombinations(List<int[]> sets, int[] cur, int pos, int from, int n)
    {
        if (pos == cur.Length) { sets.Add((int[])cur.Clone()); return; }
        for (int v = from; v < n; v++) { cur[pos] = v; AddCombinations(sets, cur, pos + 1, v + 1, n); }
    }

    /// <summary>
    /// Converts powerset log-probabilities <c>[chunks, frames, classes]</c> into multilabel activations
    /// <c>[chunks, frames, speakers]</c>. Hard (pyannote's default): 1 for the speakers of the most likely class, else 0.
    /// Soft: each speaker's probability is the sum of exp(log-prob) over the classes containing it.
    /// </summary>
    public float[,,] ToMultilabel(float[,,] logProbs, bool soft = false)
    {
        int c = logProbs.GetLength(0), f = logProbs.GetLength(1), k = logProbs.GetLength(2);
        if (k != Classes.Count)
            throw new InvalidParameterException(nameof(logProbs), $"last axis has {k} classes; this powerset has {Classes.Count} ({Speakers} speakers).");
        var o = new float[c, f, Speakers];
        for (int a = 0; a < c; a++)
            for (int t = 0; t < f; t++)
            {
                if (soft)
                {
                    for (int j = 0; j < k; j++)
                    {
                        float p = MathF.Exp(logProbs[a, t, j]);
                        foreach (var s in Classes[j]) o[a, t, s] += p;
                    }
                    continue;
                }
                int best = 0;
                for (int j = 1; j < k; j++) if (logProbs[a, t, j] > logProbs[a, t, best]) best = j;
                foreach (var s in Classes[best]) o[a, t, s] = 1;
            }
        return o;
    }
}
