using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ResearchKit.IO;

/// <summary>
/// Reads and writes NumPy .npy files (format versions 1.0, 2.0 and 3.0 on read; 1.0 on write, 2.0 when the
/// header needs it). Little-endian float32/float64/int32/int64 in C order, the interchange format for matrices
/// (features, embeddings, linkage matrices) between ResearchKit, numpy and torch.
/// </summary>
/// <remarks>Format: https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html</remarks>
public static partial class Npy
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads a .npy file.</summary>
    /// <exception cref="InvalidInputFileException">The file is missing, truncated or not a supported .npy.</exception>
    public static NpyArray Read(string path)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputFileException(path, $"cannot read the file ({e.Message}); check the path and permissions.", e);
        }
        return Parse(bytes, path);
    }

    /// <summary>Parses .npy bytes; <paramref name="name"/> is used in error messages.</summary>
    public static NpyArray Parse(ReadOnlySpan<byte> bytes, string name = "<npy>")
    {
        if (bytes.Length < 10 || !bytes[..6].SequenceEqual(Magic))
            throw new InvalidInputFileException(name, "not a .npy file (missing the \\x93NUMPY magic); write it with numpy.save or Npy.Write.");
        int major = bytes[6];
        int headerLen, offset;
        if (major == 1) { headerLen = BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..]); offset = 10; }
        else if (major is 2 or 3)
        {
            if (bytes.Length < 12) throw new InvalidInputFileException(name, "truncated .npy header.");
            headerLen = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..])); offset = 12;
        }
        else throw new InvalidInputFileException(name, $".npy format version {major} is not supported (1, 2 or 3 are).");
        if (offset + headerLen > bytes.Length)
            throw new InvalidInputFileException(name, "truncated .npy header; the file was cut short, write it again.");
        string header = Encoding.UTF8.GetString(bytes.Slice(offset, headerLen));

        var descr = DescrRegex().Match(header);
        var fortran = FortranRegex().Match(header);
        var shapeM = ShapeRegex().Match(header);
        if (!descr.Success || !fortran.Success || !shapeM.Success)
            throw new InvalidInputFileException(name, $"cannot parse the .npy header '{header.Trim()}'.");
        if (fortran.Groups[1].Value == "True")
            throw new InvalidInputFileException(name, "Fortran-order arrays are not supported; save with numpy.ascontiguousarray(x).");
        var (dtype, size) = descr.Groups[1].Value switch
        {
            "<f4" => (NpyDType.Float32, 4),
            "<f8" => (NpyDType.Float64, 8),
            "<i4" => (NpyDType.Int32, 4),
            "<i8" => (NpyDType.Int64, 8),
            var d => throw new InvalidInputFileException(name,
                $"dtype '{d}' is not supported; convert with x.astype(numpy.float32), float64, int32 or int64 (little-endian)."),
        };
        var shape = shapeM.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        long count = 1;
        foreach (var d in shape) count *= d;
        var body = bytes[(offset + headerLen)..];
        if (body.Length < count * size)
            throw new InvalidInputFileException(name,
                $"data is truncated: shape ({string.Join(", ", shape)}) needs {count * size} bytes but only {body.Length} are present.");
        var data = new double[count];
        for (long i = 0; i < count; i++)
        {
            var s = body.Slice((int)(i * size), size);
            data[i] = dtype switch
            {
                NpyDType.Float32 => BinaryPrimitives.ReadSingleLittleEndian(s),
                NpyDType.Float64 => BinaryPrimitives.ReadDoubleLittleEndian(s),
                NpyDType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(s),
                _ => BinaryPrimitives.ReadInt64LittleEndian(s),
            };
        }
        return new NpyArray(shape, dtype, data);
    }

    /// <summary>Writes <paramref name="array"/> atomically (temporary file in the same folder, then rename).</summary>
    public static void Write(string path, NpyArray array)
    {
        var bytes = Serialize(array);
        AtomicFile.WriteAllBytes(path, bytes);
    }

    /// <summary>Writes a float32 matrix (rows × cols) as a .npy file.</summary>
    public static void Write(string path, float[,] matrix) => Write(path, NpyArray.FromMatrix(matrix));

    /// <summary>Writes a float64 matrix (rows × cols) as a .npy file.</summary>
    public static void Write(string path, double[,] matrix) => Write(path, NpyArray.FromMatrix(matrix));

    /// <summary>Serialises to .npy bytes.</summary>
    public static byte[] Serialize(NpyArray array)
    {
        long count = 1;
        foreach (var d in array.Shape) count *= d;
        if (count != array.Data.LongLength)
            throw new InvalidParameterException("array", $"shape ({string.Join(", ", array.Shape)}) holds {count} elements but Data has {array.Data.LongLength}.");
        var (descr, size) = array.DType switch
        {
            NpyDType.Float32 => ("<f4", 4),
            NpyDType.Float64 => ("<f8", 8),
            NpyDType.Int32 => ("<i4", 4),
            _ => ("<i8", 8),
        };
        string shape = array.Shape.Length == 1
            ? $"({array.Shape[0]},)"
            : "(" + string.Join(", ", array.Shape) + ")";
        string dict = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}, }}";
        // Pad with spaces so data starts on a 64-byte boundary, newline-terminated (numpy's own layout).
        bool v2 = dict.Length + 1 + 10 > ushort.MaxValue;
        int prefix = v2 ? 12 : 10;
        int total = prefix + dict.Length + 1;
        int pad = (64 - total % 64) % 64;
        string header = dict + new string(' ', pad) + "\n";
        var result = new byte[prefix + header.Length + count * size];
        Magic.CopyTo(result, 0);
        result[6] = (byte)(v2 ? 2 : 1);
        result[7] = 0;
        if (v2) BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(8), (uint)header.Length);
        else BinaryPrimitives.WriteUInt16LittleEndian(result.AsSpan(8), (ushort)header.Length);
        Encoding.ASCII.GetBytes(header, result.AsSpan(prefix));
        var body = result.AsSpan(prefix + header.Length);
        for (long i = 0; i < count; i++)
        {
            var s = body.Slice((int)(i * size), size);
            double v = array.Data[i];
            switch (array.DType)
            {
                case NpyDType.Float32: BinaryPrimitives.WriteSingleLittleEndian(s, (float)v); break;
                case NpyDType.Float64: BinaryPrimitives.WriteDoubleLittleEndian(s, v); break;
                case NpyDType.Int32: BinaryPrimitives.WriteInt32LittleEndian(s, checked((int)v)); break;
                default: BinaryPrimitives.WriteInt64LittleEndian(s, checked((long)v)); break;
            }
        }
        return result;
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrRegex();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranRegex();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapeRegex();
}
