using System.Text.Json.Nodes;
using ResearchKit.Interactive.Notebooks;

namespace ResearchKit.Tests.Interactive;

// Shares artifacts/jupyter (kernel registration) with ExtensionPackageTests: never run the two at the same time.
[Collection("Notebook kernel")]
public class NotebookRunnerTests
{
    [Fact]
    public void Clean_StripsBootstrap_FixesIdsAndTiming_ReportsErrorWithCellAndStderr()
    {
        string path = Fixtures.Path("notebooks", "executed-with-errors.ipynb");
        var nb = NotebookOutputs.Parse(File.ReadAllText(path), path);
        var errors = NotebookOutputs.Clean(nb, "x.ipynb");
        string json = NotebookOutputs.Format(nb);
        Assert.DoesNotContain(NotebookOutputs.BootstrapMarker, json);
        Assert.DoesNotContain("192.168.0.7", json);
        Assert.DoesNotContain("iopub.execute_input", json);
        Assert.Equal("cell-2", nb["cells"]![1]!["id"]!.GetValue<string>());
        Assert.Contains("fine", json); // other outputs kept
        var e = Assert.Single(errors);
        Assert.Equal((3, "compile"), (e.Cell, e.CellId));
        Assert.Contains("CS0029", e.Message);
        Assert.Contains("x.ipynb: cell 3", e.ToString());
        // Cleaning is idempotent: a second pass changes nothing.
        NotebookOutputs.Clean(nb, "x.ipynb");
        Assert.Equal(json, NotebookOutputs.Format(nb));
    }

    [Fact]
    public void BadInput_NotebookInAnotherKernelLanguage_IsRefusedBeforeRunning()
    {
        string path = Fixtures.Path("notebooks", "python.ipynb");
        var e = Assert.Throws<InvalidInputFileException>(() => NotebookRunner.Run([path], new NotebookRunOptions { Build = false }, TextWriter.Null));
        Assert.Contains("python3", e.Message);
        Assert.Contains(".net-csharp", e.Message);
    }

    [Fact]
    public void BadInput_MissingNotebook_NamesFile()
    {
        var e = Assert.Throws<InvalidInputFileException>(() => NotebookRunner.Run(["nope/missing.ipynb"], new NotebookRunOptions(), TextWriter.Null));
        Assert.Contains("missing.ipynb", e.Message);
    }

    [Fact]
    public void BadInput_NotANotebook()
    {
        Assert.Throws<InvalidInputFileException>(() => NotebookOutputs.Parse("{\"a\":1}", "a.ipynb"));
        Assert.Throws<InvalidInputFileException>(() => NotebookOutputs.Parse("{", "a.ipynb"));
    }

    [Fact]
    public void BadInput_OutputFolderIsTheInputFolder_Refused()
    {
        string path = Fixtures.Path("notebooks", "throws.ipynb");
        var e = Assert.Throws<OutputException>(() => NotebookRunner.Run([path], new NotebookRunOptions { OutputDirectory = Path.GetDirectoryName(path), Build = false }, TextWriter.Null));
        Assert.Contains("--in-place", e.Message);
    }

    [Fact]
    public void EndToEnd_CellThatThrows_IsReportedWithNotebookAndCell_OtherCellsStillRun()
    {
        // Real kernel + nbconvert (installed by .ci/run): the failing cell is named, later cells still run (--allow-errors).
        string path = Fixtures.Path("notebooks", "throws.ipynb");
        string before = File.ReadAllText(path);
        string outDir = Fixtures.TempDir();
        var r = Assert.Single(NotebookRunner.Run([path], new NotebookRunOptions { OutputDirectory = outDir, Build = false }, TextWriter.Null));
        Assert.Equal(2, r.Errors.Count);
        Assert.Equal(3, r.Errors[0].Cell);
        Assert.Contains("boom from cell 3", r.Errors[0].Message);
        Assert.Equal(4, r.Errors[1].Cell);
        Assert.Contains("CS0029", r.Errors[1].Message);
        string executed = File.ReadAllText(Path.Combine(outDir, "throws.ipynb"));
        Assert.Contains("fine", executed);
        Assert.DoesNotContain(NotebookOutputs.BootstrapMarker, executed);
        Assert.Equal(before, File.ReadAllText(path)); // input untouched (never written)
    }
}
