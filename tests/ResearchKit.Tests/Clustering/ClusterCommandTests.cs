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

/// <summary><c>researchkit cluster --method spectral --eigensolver</c>: the libtorch solver gives spectralcluster's labels
/// (as the managed one does), and an unknown solver is refused before any output.</summary>
[Collection(ResearchKit.Tests.Torch.LibtorchCollection.Name)]
public class ClusterCommandEigensolverTests
{
    [Theory]
    [InlineData("managed")]
    [InlineData("torch")]
    public void SpectralLabelsMatchSpectralcluster(string solver)
    {
        var dir = Fixtures.TempDir();
        var outPath = Path.Combine(dir, "labels.csv");
        int rc = ResearchKit.Cli.Program.Main(["cluster", "--input", File("X2.npy"), "--method", "spectral", "--preset", "turntodiarize",
            "--eigensolver", solver, "--out", outPath]);
        Assert.Equal(0, rc);
        var labels = System.IO.File.ReadAllLines(outPath).Skip(1).Select(l => int.Parse(l.Split(',')[1])).ToArray();
        Assert.Equal(Ints(Json("spectral.json").GetProperty("autotune").GetProperty("labels")), labels);
    }

    [Fact]
    public void UnknownEigensolverIsRefused()
    {
        var dir = Fixtures.TempDir();
        var outPath = Path.Combine(dir, "labels.csv");
        var err = new StringWriter();
        int rc = ResearchKit.Cli.Program.Invoke(["cluster", "--input", File("X2.npy"), "--method", "spectral", "--eigensolver", "lapack", "--out", outPath], error: err);
        Assert.Equal(2, rc);
        Assert.Contains("--eigensolver", err.ToString());
        Assert.False(System.IO.File.Exists(outPath));
    }
}
