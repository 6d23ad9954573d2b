using System.Globalization;
using System.Text.Json;
using ResearchKit.Corpus;

namespace ResearchKit.Tests.Corpus;

public class SpeakerDistancesTests
{
    private static (double[,] D, string[] Names) SeedMatrix()
    {
        var lines = File.ReadAllLines(Fixtures.Path("corpus", "ghostvlad_upstream_distance_matrix.tsv"));
        var d = new double[12, 12];
        var names = new string[12];
        for (int i = 0; i < 12; i++)
        {
            var f = lines[i + 1].Split('\t');
            names[i] = f[0];
            for (int j = 0; j < 12; j++) d[i, j] = double.Parse(f[j + 1], CultureInfo.InvariantCulture);
        }
        return (d, names);
    }

    [Fact]
    public void PrintsTheMatrixExactlyAsTheGhostVladSeed()
    {
        // The seed README's code block (4-space indented; markdown dropped the trailing space predict.py prints after the last '|').
        var (d, _) = SeedMatrix();
        string ours = SpeakerDistances.FormatLikeSeed(d, [3, 3, 3, 3]);
        var seed = File.ReadAllLines(Fixtures.Path("corpus", "ghostvlad_seed_printout.txt"))
            .Select(l => l.StartsWith("    ", StringComparison.Ordinal) ? l[4..] : l).ToArray();
        var mine = ("\n" + ours).Split('\n').Select(l => l.TrimEnd()).ToArray();
        Assert.Equal(seed.Select(l => l.TrimEnd()), mine.Take(seed.Length));
        Assert.All(mine.Skip(seed.Length), l => Assert.Equal("", l));
        // predict.py's own bytes: '%.2f  ' per value, '| ' per group, so rows end in "| " and the star line is 80 wide.
        Assert.StartsWith("0.00  0.32  0.40  | 0.70  0.62  0.76  | 0.81  0.83  0.76  | 0.92  0.83  0.89  | \n\n", ours);
        Assert.Contains("\n\n" + new string('*', 80) + "\n\n", ours);
    }

    [Fact]
    public void IntraAndInterMeansOfTheSeedMatrix()
    {
        var (d, names) = SeedMatrix();
        var speakers = names.Select(n => n[..1]).ToArray();
        var (intra, inter) = SpeakerDistances.MeanIntraInter(d, speakers);
        // numpy over the upper triangle of the seed's numbers: 12 same-person pairs sum to 4.87, 54 cross pairs to 42.90.
        Assert.Equal(4.87 / 12, intra, 12);
        Assert.Equal(42.90 / 54, inter, 12);
    }

    [Fact]
    public void CosineAndSeedEuclideanDistances()
    {
        var e = new float[,] { { 1, 0, 0 }, { 0, 2, 0 }, { -3, 0, 0 }, { 1, 1, 0 } };
        var c = SpeakerDistances.Compute(e);
        Assert.Equal(0, c[0, 0]);
        Assert.Equal(1, c[0, 1], 12);
        Assert.Equal(2, c[0, 2], 12);
        Assert.Equal(1 - Math.Sqrt(0.5), c[0, 3], 12);
        var g = SpeakerDistances.Compute(e, SpeakerDistanceKind.SeedEuclidean);
        Assert.Equal(Math.Sqrt(2), g[0, 1], 12);
        Assert.Equal(2, g[2, 0], 12);
    }

    [Fact]
    public void NaNEmbeddingsAreRejectedNamingTheUtterance()
    {
        var e = new float[,] { { 1, 0 }, { float.NaN, 1 } };
        var ex = Assert.Throws<InvalidParameterException>(() => SpeakerDistances.Compute(e, names: ["a_1.wav", "b_1.wav"]));
        Assert.Contains("'b_1.wav' (row 1)", ex.Message);
        Assert.Contains("NaN", ex.Message);
    }

    public static TheoryData<string> EerCases() => ["ghostvlad_seed", "gauss_100_900", "gauss_ties", "separable", "small_ties"];

    [Theory]
    [MemberData(nameof(EerCases))]
    public void EerMatchesTheSklearnBrentqRecipe(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Fixtures.Path("corpus", "eer_reference.json")));
        var c = doc.RootElement.GetProperty("cases").GetProperty(name);
        var scores = c.GetProperty("scores").EnumerateArray().Select(x => x.GetDouble()).ToArray();
        var targets = c.GetProperty("targets").EnumerateArray().Select(x => x.GetInt32() == 1).ToArray();
        var (eer, nt, nn) = VerificationEer.Compute(scores, targets);
        Assert.Equal(c.GetProperty("eer").GetDouble(), eer, 1e-9);
        Assert.Equal(targets.Count(t => t), nt);
        Assert.Equal(targets.Length, nt + nn);
    }

    [Fact]
    public void EerNeedsBothKindsOfTrials()
    {
        Assert.Throws<InvalidParameterException>(() => VerificationEer.Compute([0.1, 0.2], [true, true]));
    }
}
