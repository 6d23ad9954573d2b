using System.Globalization;
using System.IO.Compression;
using System.Text;
using ResearchKit.IO;

namespace ResearchKit.Clustering;

/// <summary>Reading embedding matrices (.npy, .npz, .csv) and writing labels for the <c>researchkit cluster</c> command.</summary>
public static class ClusteringFiles
{
    /// <summary>Reads an n×d matrix: a 2-D .npy, one 2-D array of an .npz (the only one, or <paramref name="key"/>), or a
    /// .csv of numbers (comma-separated, an optional non-numeric header line).</summary>
    /// <exception cref="InvalidInputFileException">Missing file, unknown extension, not 2-D, ragged or non-numeric CSV.</exception>
    public static double[,] ReadMatrix(string path, string? key = null)
    {
        if (!File.Exists(path)) throw new InvalidInputFileException(path, "file not found; check the --input path.");
        string ext = Path.GetExtension(path).ToLowerInvariant();
        NpyArray a = ext switch
        {
            ".npy" => Npy.Read(path),
            ".npz" => ReadNpz(path, key),
            ".csv" => ReadCsv(path),
            _ => throw new InvalidInputFileException(path, $"extension '{ext}' is not supported; give embeddings as .npy, .npz or .csv."),
        };
        if (a.Shape.Length != 2)
            throw new InvalidInputFileException(path, $"holds a {a.Shape.Length}-D array of shape ({string.Join(", ", a.Shape)}); give an n×d matrix (one embedding per row).");
        return a.ToMatrix();
    }

    private static NpyArray ReadNpz(string path, string? key)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var arrays = zip.Entries.Where(e => e.FullName.EndsWith(".npy", StringComparison.Ordinal)).ToList();
            ZipArchiveEntry entry;
            if (key is not null)
                entry = arrays.FirstOrDefault(e => e.FullName == key + ".npy")
                    ?? throw new InvalidInputFileException(path, $"has no array '{key}'; it holds {string.Join(", ", arrays.Select(e => e.FullName[..^4]))}.");
            else if (arrays.Count == 1) entry = arrays[0];
            else throw new InvalidInputFileException(path,
                $"holds {arrays.Count} arrays ({string.Join(", ", arrays.Select(e => e.FullName[..^4]))}); choose one with --key.");
            using var s = entry.Open();
            using var ms = new MemoryStream();
            s.CopyTo(ms);
            return Npy.Parse(ms.ToArray(), $"{path}:{entry.FullName}");
        }
        catch (InvalidDataException e)
        {
            throw new InvalidInputFileException(path, $"is not a valid .npz (zip) archive ({e.Message}); write it with numpy.savez.", e);
        }
    }

    private static NpyArray ReadCsv(string path)
    {
        var rows = new List<double[]>();
        int lineNo = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNo++;
            var line = raw.Trim();
            if (line.Length == 0) continue;
            var cells = line.Split(',');
            var vals = new double[cells.Length];
            bool numeric = true;
            for (int j = 0; j < cells.Length; j++)
                if (!double.TryParse(cells[j].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out vals[j])) { numeric = false; break; }
            if (!numeric)
            {
                if (rows.Count == 0 && lineNo == 1) continue; // header
                throw new InvalidInputFileException($"{path}:{lineNo}", "has a non-numeric value; every row after the optional header must be comma-separated numbers.");
            }
            if (rows.Count > 0 && vals.Length != rows[0].Length)
                throw new InvalidInputFileException($"{path}:{lineNo}", $"has {vals.Length} values but the first row has {rows[0].Length}; all rows need the same dimension.");
            rows.Add(vals);
        }
        if (rows.Count == 0) throw new InvalidInputFileException(path, "contains no data rows.");
        int n = rows.Count, d = rows[0].Length;
        var data = new double[n * d];
        for (int i = 0; i < n; i++) rows[i].CopyTo(data, i * d);
        return new NpyArray([n, d], NpyDType.Float64, data);
    }

    /// <summary>Writes labels as CSV with header <c>index,label</c> (or one <c>label@t</c> column per threshold), atomically.</summary>
    public static void WriteLabels(string path, IReadOnlyList<int[]> labelColumns, IReadOnlyList<string>? columnNames = null)
    {
        var sb = new StringBuilder("index");
        var names = columnNames ?? ["label"];
        foreach (var c in names) sb.Append(',').Append(c);
        sb.Append('\n');
        int n = labelColumns[0].Length;
        for (int i = 0; i < n; i++)
        {
            sb.Append(i.ToString(CultureInfo.InvariantCulture));
            foreach (var col in labelColumns) sb.Append(',').Append(col[i].ToString(CultureInfo.InvariantCulture));
            sb.Append('\n');
        }
        AtomicFile.WriteAllText(path, sb.ToString());
    }
}
