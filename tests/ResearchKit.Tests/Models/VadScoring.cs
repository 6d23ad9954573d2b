using ResearchKit.Annotations;

namespace ResearchKit.Tests.Models;

/// <summary>Speech-detection scoring for the VAD quality tests: miss and false alarm as % of reference speech,
/// on a 1 ms grid, no collar, the reference being the union of all speakers' RTTM segments.</summary>
internal static class VadScoring
{
    public static Timeline ReadRttmUnion(string path) => new Timeline(Rttm.Read(path).Turns.Select(t => t.Segment)).Support();

    public static (double MissPct, double FalseAlarmPct) Score(IReadOnlyList<Segment> reference, IReadOnlyList<Segment> hyp, double duration)
    {
        int n = (int)Math.Ceiling(duration * 1000);
        var r = Mask(reference, n);
        var h = Mask(hyp, n);
        int refN = 0, miss = 0, fa = 0;
        for (int i = 0; i < n; i++)
        {
            if (r[i]) { refN++; if (!h[i]) miss++; }
            else if (h[i]) fa++;
        }
        return (100.0 * miss / refN, 100.0 * fa / refN);
    }

    private static bool[] Mask(IReadOnlyList<Segment> regions, int n)
    {
        var m = new bool[n];
        foreach (var g in regions)
            for (int i = Math.Max(0, (int)Math.Round(g.Start * 1000)); i < Math.Min(n, (int)Math.Round(g.End * 1000)); i++) m[i] = true;
        return m;
    }
}
