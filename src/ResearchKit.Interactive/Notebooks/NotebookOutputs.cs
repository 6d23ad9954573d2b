using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ResearchKit.Interactive.Notebooks;

/// <summary>An error output of an executed notebook.</summary>
/// <param name="Notebook">Notebook file (as given).</param>
/// <param name="Cell">Cell number, 1-based over all cells (markdown included), as editors show it.</param>
/// <param name="CellId">The cell's id.</param>
/// <param name="Message">Error name and value, plus the cell's stderr (compile diagnostics live there).</param>
public sealed record NotebookError(string Notebook, int Cell, string CellId, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Notebook}: cell {Cell} (id {CellId}) failed: {Message}";
}

/// <summary>
/// Checks and cleans notebooks around execution: refuses non-C# kernels, finds error outputs, strips the kernel's
/// injected JavaScript bootstrap block (it lists the machine's IP addresses and loads require.js from a CDN), and makes
/// outputs deterministic (fixed cell ids, no timing metadata).
/// </summary>
public static class NotebookOutputs
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Marker of the bootstrap block the .NET Interactive kernel injects into the first executed cell.</summary>
    public const string BootstrapMarker = "dotnet-interactive-this-cell";

    /// <summary>Parses a notebook, or throws <see cref="InvalidInputFileException"/> naming the file.</summary>
    public static JsonObject Parse(string json, string path)
    {
        try
        {
            if (JsonNode.Parse(json) is JsonObject o && o["cells"] is JsonArray) return o;
        }
        catch (JsonException e)
        {
            throw new InvalidInputFileException(path, $"is not valid notebook JSON ({e.Message}); open and re-save it in VS Code or Jupyter.", e);
        }
        throw new InvalidInputFileException(path, "is not a Jupyter notebook (no \"cells\" array); pass an .ipynb file.");
    }

    /// <summary>
    /// Refuses notebooks whose kernel is not .NET Interactive C# (the runner registers and starts only that kernel).
    /// </summary>
    public static void RequireCSharpKernel(JsonObject notebook, string path)
    {
        var ks = notebook["metadata"]?["kernelspec"];
        string name = ks?["name"]?.GetValue<string>() ?? "", language = ks?["language"]?.GetValue<string>() ?? "";
        if (name == ".net-csharp" || language.Equals("C#", StringComparison.OrdinalIgnoreCase)) return;
        throw new InvalidInputFileException(path,
            $"uses kernel '{(name == "" ? "(none)" : name)}' (language '{(language == "" ? "unknown" : language)}'); the notebook runner executes only C# notebooks " +
            "on the .NET Interactive kernel. Set metadata.kernelspec to {\"name\": \".net-csharp\", \"language\": \"C#\", \"display_name\": \".NET (C#)\"} " +
            "(VS Code: select the .NET Interactive kernel) or run this notebook with its own tools.");
    }

    /// <summary>
    /// Cleans an executed notebook in place (JSON object) and returns its errors: removes bootstrap outputs, gives
    /// cells without an id the id <c>cell-N</c>, drops per-cell <c>execution</c> timing metadata.
    /// </summary>
    public static IReadOnlyList<NotebookError> Clean(JsonObject notebook, string notebookName)
    {
        var errors = new List<NotebookError>();
        var cells = notebook["cells"]!.AsArray();
        for (int i = 0; i < cells.Count; i++)
        {
            if (cells[i] is not JsonObject cell) continue;
            if (cell["id"] is null) cell["id"] = $"cell-{i + 1}";
            if (cell["metadata"] is JsonObject md) md.Remove("execution");
            if (cell["outputs"] is not JsonArray outputs) continue;
            for (int k = outputs.Count - 1; k >= 0; k--)
                if (IsBootstrap(outputs[k])) outputs.RemoveAt(k);
            var stderr = string.Concat(outputs.Where(o => o?["output_type"]?.GetValue<string>() == "stream" && o["name"]?.GetValue<string>() == "stderr")
                .Select(o => Text(o!["text"])));
            foreach (var o in outputs)
                if (o?["output_type"]?.GetValue<string>() == "error")
                {
                    string msg = $"{o["ename"]?.GetValue<string>()}: {o["evalue"]?.GetValue<string>()}".Trim();
                    if (stderr.Length > 0) msg += " | stderr: " + stderr.Trim();
                    errors.Add(new NotebookError(notebookName, i + 1, cell["id"]!.GetValue<string>(), msg));
                }
        }
        return errors;
    }

    /// <summary>The notebook as indented JSON with a final newline (nbformat's layout).</summary>
    public static string Format(JsonObject notebook) => notebook.ToJsonString(Indented) + "\n";

    private static bool IsBootstrap(JsonNode? output) =>
        output?["data"]?["text/html"] is JsonNode html && Text(html).Contains(BootstrapMarker, StringComparison.Ordinal);

    private static string Text(JsonNode? node) => node switch
    {
        JsonArray a => string.Concat(a.Select(x => x?.GetValue<string>() ?? "")),
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => "",
    };
}
