using System.Text.Json;
using System.Text.Json.Serialization;

namespace ResearchKit.Plotting;

/// <summary>
/// A 2-D numeric array for heatmap <c>z</c>: <see cref="Rows"/> × <see cref="Columns"/>, row-major. In plotly.js
/// row <c>i</c> is drawn at <c>y[i]</c> and column <c>j</c> at <c>x[j]</c>. NaN is written as <c>null</c> (a gap).
/// Converts implicitly from <c>double[,]</c>, <c>float[,]</c> and jagged <c>double[][]</c>.
/// </summary>
[JsonConverter(typeof(GridJsonConverter))]
public sealed class Grid
{
    private readonly double[]? _d;
    private readonly float[]? _f;

    private Grid(int rows, int cols, double[]? d, float[]? f)
    {
        if (rows < 0 || cols < 0)
            throw new InvalidParameterException("z", $"a heatmap grid needs non-negative dimensions, got {rows}×{cols}.");
        long n = (long)rows * cols;
        if ((d?.Length ?? f!.Length) != n)
            throw new InvalidParameterException("z", $"a {rows}×{cols} grid needs {n} values in row-major order, got {d?.Length ?? f!.Length}.");
        Rows = rows; Columns = cols; _d = d; _f = f;
    }

    /// <summary>Number of rows (y direction).</summary>
    public int Rows { get; }

    /// <summary>Number of columns (x direction).</summary>
    public int Columns { get; }

    /// <summary>Value at (row, column).</summary>
    public double this[int row, int column] => _d is not null ? _d[row * Columns + column] : _f![row * Columns + column];

    /// <summary>A grid over a row-major double array (used as is).</summary>
    public static Grid FromRowMajor(double[] values, int rows, int columns) => new(rows, columns, values, null);

    /// <summary>A grid over a row-major float array (used as is; written with float precision).</summary>
    public static Grid FromRowMajor(float[] values, int rows, int columns) => new(rows, columns, null, values);

    /// <summary>Copies a rectangular array.</summary>
    public static implicit operator Grid(double[,] m)
    {
        int r = m.GetLength(0), c = m.GetLength(1);
        var a = new double[r * c];
        for (int i = 0; i < r; i++) for (int j = 0; j < c; j++) a[i * c + j] = m[i, j];
        return new Grid(r, c, a, null);
    }

    /// <summary>Copies a rectangular array.</summary>
    public static implicit operator Grid(float[,] m)
    {
        int r = m.GetLength(0), c = m.GetLength(1);
        var a = new float[r * c];
        for (int i = 0; i < r; i++) for (int j = 0; j < c; j++) a[i * c + j] = m[i, j];
        return new Grid(r, c, null, a);
    }

    /// <summary>Copies a jagged array; all rows must have the same length.</summary>
    public static implicit operator Grid(double[][] rows)
    {
        int r = rows.Length, c = r == 0 ? 0 : rows[0].Length;
        var a = new double[r * c];
        for (int i = 0; i < r; i++)
        {
            if (rows[i].Length != c)
                throw new InvalidParameterException("z", $"row {i} has {rows[i].Length} values but row 0 has {c}; heatmap rows must all have the same length.");
            rows[i].CopyTo(a, i * c);
        }
        return new Grid(r, c, a, null);
    }

    /// <summary>The transpose (columns become rows), e.g. to draw a frames × bins feature matrix with time on x.</summary>
    public Grid Transposed()
    {
        if (_d is not null)
        {
            var t = new double[_d.Length];
            for (int i = 0; i < Rows; i++) for (int j = 0; j < Columns; j++) t[j * Rows + i] = _d[i * Columns + j];
            return new Grid(Columns, Rows, t, null);
        }
        var tf = new float[_f!.Length];
        for (int i = 0; i < Rows; i++) for (int j = 0; j < Columns; j++) tf[j * Rows + i] = _f[i * Columns + j];
        return new Grid(Columns, Rows, null, tf);
    }

    internal void Write(Utf8JsonWriter w)
    {
        w.WriteStartArray();
        for (int i = 0; i < Rows; i++)
        {
            w.WriteStartArray();
            for (int j = 0; j < Columns; j++)
            {
                if (_d is not null) Values.WriteNumber(w, _d[i * Columns + j]);
                else Values.WriteNumber(w, _f![i * Columns + j]);
            }
            w.WriteEndArray();
        }
        w.WriteEndArray();
    }
}

/// <summary>Writes <see cref="Grid"/> as nested JSON arrays (rows of columns).</summary>
internal sealed class GridJsonConverter : JsonConverter<Grid>
{
    public override Grid Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("ResearchKit figures are written, not read.");

    public override void Write(Utf8JsonWriter writer, Grid value, JsonSerializerOptions options) => value.Write(writer);
}
