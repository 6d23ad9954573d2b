using ResearchKit.Clustering;
using static ResearchKit.Tests.Clustering.ClusteringFixtures;

namespace ResearchKit.Tests.Clustering;

/// <summary>The <c>researchkit cluster</c> command end to end.</summary>
public class ClusterCommandTests
{
    [Fact]
    public void AhcWritesScipyLabelsAndDendrogram()
    {
        var dir = Fixtures.TempDir();
        var cut = Json("fcluster.json").GetProperty("linkage_X2_average_cosine.npy").GetProperty("distance")[1];
        string t = cut.GetProperty("t").GetDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        int rc = ResearchKit.Cli.Program.Main(["cluster", "--input", File("X2.npy"), "--method", "ahc", "--linkage", "average",
            "--metric", "cosine", "--threshold", t, "--out", Path.Combine(dir, "labels.csv"), "--dendrogram", Path.Combine(dir, "z.npy")]);
        Assert.Equal(0, rc);
        var lines = System.IO.File.ReadAllLines(Path.Combine(dir, "labels.csv"));
        Assert.Equal("index,label", lines[0]);
        Assert.Equal(301, lines.Length);
        var labels = lines.Skip(1).Select(l => int.Parse(l.Split(',')[1])).ToArray();
        Assert.Equal(ClusteringResult.Canonical(Ints(cut.GetProperty("labels"))), labels);
        var z = ResearchKit.IO.Npy.Read(Path.Combine(dir, "z.npy")).ToMatrix();
        Close(Column(Matrix("linkage_X2_average_cosine.npy"), 2), Column(z, 2), 1e-9, 1e-12, "height");
    }

    [Fact]
    public void BadCsvFailsWithoutWritingOutput()
    {
        var dir = Fixtures.TempDir();
        var csv = Path.Combine(dir, "in", "x.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(csv)!);
        System.IO.File.WriteAllText(csv, "1,2\n3,x\n");
        var outPath = Path.Combine(dir, "out", "labels.csv");
        int rc = ResearchKit.Cli.Program.Main(["cluster", "--input", csv, "--method", "kmeans", "--num-clusters", "2", "--out", outPath]);
        Assert.Equal(2, rc);
        Assert.False(System.IO.File.Exists(outPath));
    }
}
