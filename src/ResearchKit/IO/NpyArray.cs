namespace ResearchKit.IO;

/// <summary>Element types a .npy file can hold that ResearchKit reads and writes.</summary>
public enum NpyDType
{
    /// <summary>little-endian float32 (<c>&lt;f4</c>).</summary>
    Float32,
    /// <summary>little-endian float64 (<c>&lt;f8</c>).</summary>
    Float64,
    /// <summary>little-endian int32 (<c>&lt;i4</c>).</summary>
    Int32,
    /// <summary>little-endian int64 (<c>&lt;i8</c>).</summary>
    Int64,
}

/// <summary>
/// An n-dimensional array read from or written to NumPy's .npy format, stored row-major (C order)
/// as double values (exact for float32, float64 and integers up to 2^53).
/// </summary>
/// <param name="Shape">Dimensions, outermost first; empty for a scalar.</param>
/// <param name="DType">The element type on disk.</param>
/// <param name="Data">Elements in C order; length = product of <paramref name="Shape"/>.</param>
public sealed record NpyArray(int[] Shape, NpyDType DType, double[] Data)
{
    /// <summary>Number of elements.</summary>
    public long Count => Data.LongLength;

    /// <summary>The array as a 2-D float64 matrix; a 1-D array becomes one column.</summary>
    public double[,] ToMatrix()
    {
        var (rows, cols) = MatrixShape();
        var m = new double[rows, cols];
        Buffer.BlockCopy(Data, 0, m, 0, Data.Length * sizeof(double));
        return m;
    }

    /// <summary>The array as a 2-D float32 matrix; a 1-D array becomes one column.</summary>
    public float[,] ToFloatMatrix()
    {
        var (rows, cols) = MatrixShape();
        var m = new float[rows, cols];
        int k = 0;
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                m[i, j] = (float)Data[k++];
        return m;
    }

    /// <summary>The elements as float32 in C order.</summary>
    public float[] ToFloatArray() => Array.ConvertAll(Data, x => (float)x);

    /// <summary>The elements as int64 in C order (exact for integer dtypes).</summary>
    public long[] ToInt64Array() => Array.ConvertAll(Data, x => (long)x);

    /// <summary>The elements as int32 in C order.</summary>
    public int[] ToInt32Array() => Array.ConvertAll(Data, x => checked((int)x));

    private (int Rows, int Cols) MatrixShape() => Shape.Length switch
    {
        1 => (Shape[0], 1),
        2 => (Shape[0], Shape[1]),
        _ => throw new InvalidParameterException("Shape",
            $"a {Shape.Length}-D array cannot be viewed as a matrix; reshape it to 1-D or 2-D first."),
    };

    /// <summary>Wraps a float32 matrix for writing.</summary>
    public static NpyArray FromMatrix(float[,] m)
    {
        var data = new double[m.Length];
        int k = 0;
        foreach (var v in m) data[k++] = v;
        return new NpyArray([m.GetLength(0), m.GetLength(1)], NpyDType.Float32, data);
    }

    /// <summary>Wraps a float64 matrix for writing.</summary>
    public static NpyArray FromMatrix(double[,] m)
    {
        var data = new double[m.Length];
        Buffer.BlockCopy(m, 0, data, 0, m.Length * sizeof(double));
        return new NpyArray([m.GetLength(0), m.GetLength(1)], NpyDType.Float64, data);
    }

    /// <summary>Wraps a 1-D float32 vector.</summary>
    public static NpyArray FromVector(ReadOnlySpan<float> v)
    {
        var data = new double[v.Length];
        for (int i = 0; i < v.Length; i++) data[i] = v[i];
        return new NpyArray([v.Length], NpyDType.Float32, data);
    }

    /// <summary>Wraps a 1-D int64 vector.</summary>
    public static NpyArray FromVector(ReadOnlySpan<long> v)
    {
        var data = new double[v.Length];
        for (int i = 0; i < v.Length; i++) data[i] = v[i];
        return new NpyArray([v.Length], NpyDType.Int64, data);
    }
}
