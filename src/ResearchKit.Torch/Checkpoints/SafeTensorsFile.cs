using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ResearchKit.IO;
using static TorchSharp.torch;

namespace ResearchKit.Torch.Checkpoints;

/// <summary>
/// The safetensors format (huggingface/safetensors, "Format" section): 8-byte little-endian header length, a JSON header
/// mapping each name to {dtype, shape, data_offsets} plus an optional string-to-string <c>__metadata__</c>, then the raw
/// little-endian tensor bytes. Written here (rather than with PyBridge) so ResearchKit model files carry their
/// architecture in <c>__metadata__</c>; Python reads them with json + numpy, no safetensors package needed.
/// </summary>
public static class SafeTensorsFile
{
    /// <summary>Tensors and metadata read from a file.</summary>
    /// <param name="Tensors">Name → CPU tensor.</param>
    /// <param name="Metadata">The <c>__metadata__</c> strings (empty when absent).</param>
    public sealed record Contents(Dictionary<string, Tensor> Tensors, IReadOnlyDictionary<string, string> Metadata);

    /// <summary>Writes tensors (float32, float64, int64, int32) and metadata atomically (no partial file on failure).</summary>
    public static void Write(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        var header = new JsonObject();
        if (metadata.Count > 0)
        {
            var m = new JsonObject();
            foreach (var (k, v) in metadata) m[k] = v;
            header["__metadata__"] = m;
        }
        var blobs = new List<byte[]>();
        long offset = 0;
        foreach (var (name, t) in tensors.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var bytes = ToBytes(t, out string dtype);
            header[name] = new JsonObject
            {
                ["dtype"] = dtype,
                ["shape"] = new JsonArray(t.shape.Select(s => (JsonNode)JsonValue.Create(s)).ToArray()),
                ["data_offsets"] = new JsonArray(JsonValue.Create(offset), JsonValue.Create(offset + bytes.Length)),
            };
            offset += bytes.Length;
            blobs.Add(bytes);
        }
        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        int pad = (8 - json.Length % 8) % 8;
        AtomicFile.Write(path, stream =>
        {
            Span<byte> len = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(len, (ulong)(json.Length + pad));
            stream.Write(len);
            stream.Write(json);
            for (int i = 0; i < pad; i++) stream.WriteByte((byte)' ');
            foreach (var b in blobs) stream.Write(b);
        });
    }

    /// <summary>Reads a safetensors file. Throws <see cref="InvalidInputFileException"/> on a malformed file.</summary>
    public static Contents Read(string path)
    {
        byte[] all;
        try { all = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        { throw new InvalidInputFileException(path, $"cannot read the file ({e.Message}).", e); }
        if (all.Length < 8) throw new InvalidInputFileException(path, "too short for a safetensors file (needs an 8-byte header length).");
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(all);
        if (n > (ulong)all.Length - 8) throw new InvalidInputFileException(path, $"header length {n} exceeds the file size {all.Length}: not a safetensors file or truncated.");
        JsonObject header;
        try { header = JsonNode.Parse(all.AsSpan(8, (int)n))!.AsObject(); }
        catch (JsonException e) { throw new InvalidInputFileException(path, $"the safetensors header is not valid JSON ({e.Message}).", e); }
        long dataStart = 8 + (long)n;
        var tensors = new Dictionary<string, Tensor>();
        var meta = new Dictionary<string, string>();
        foreach (var (name, node) in header)
        {
            if (name == "__metadata__")
            {
                foreach (var (k, v) in node!.AsObject()) meta[k] = v?.GetValue<string>() ?? "";
                continue;
            }
            var o = node!.AsObject();
            string dtype = o["dtype"]!.GetValue<string>();
            long[] shape = o["shape"]!.AsArray().Select(x => x!.GetValue<long>()).ToArray();
            var offs = o["data_offsets"]!.AsArray();
            long a = offs[0]!.GetValue<long>(), b = offs[1]!.GetValue<long>();
            if (a < 0 || b < a || dataStart + b > all.Length)
                throw new InvalidInputFileException(path, $"tensor '{name}' has data offsets [{a}, {b}) outside the file: truncated or corrupt.");
            tensors[name] = FromBytes(all.AsSpan((int)(dataStart + a), (int)(b - a)), dtype, shape, path, name);
        }
        return new Contents(tensors, meta);
    }

    private static byte[] ToBytes(Tensor t, out string dtype)
    {
        using var c = t.detach().cpu().contiguous();
        switch (c.dtype)
        {
            case ScalarType.Float32: dtype = "F32"; return MemoryMarshal.AsBytes<float>(c.data<float>().ToArray()).ToArray();
            case ScalarType.Float64: dtype = "F64"; return MemoryMarshal.AsBytes<double>(c.data<double>().ToArray()).ToArray();
            case ScalarType.Int64: dtype = "I64"; return MemoryMarshal.AsBytes<long>(c.data<long>().ToArray()).ToArray();
            case ScalarType.Int32: dtype = "I32"; return MemoryMarshal.AsBytes<int>(c.data<int>().ToArray()).ToArray();
            default: throw new InvalidParameterException("tensor", $"dtype {c.dtype} is not supported for safetensors output; convert to float32.");
        }
    }

    private static Tensor FromBytes(ReadOnlySpan<byte> bytes, string dtype, long[] shape, string path, string name)
    {
        long count = shape.Aggregate(1L, (x, y) => x * y);
        int size = dtype switch { "F32" or "I32" => 4, "F64" or "I64" => 8, _ => 0 };
        if (size == 0) throw new InvalidInputFileException(path, $"tensor '{name}' has dtype {dtype}; only F32, F64, I32 and I64 are supported.");
        if (bytes.Length != count * size)
            throw new InvalidInputFileException(path, $"tensor '{name}' has {bytes.Length} bytes but shape [{string.Join(", ", shape)}] × {dtype} needs {count * size}.");
        return dtype switch
        {
            "F32" => tensor(MemoryMarshal.Cast<byte, float>(bytes).ToArray(), shape),
            "F64" => tensor(MemoryMarshal.Cast<byte, double>(bytes).ToArray(), shape),
            "I32" => tensor(MemoryMarshal.Cast<byte, int>(bytes).ToArray(), shape),
            _ => tensor(MemoryMarshal.Cast<byte, long>(bytes).ToArray(), shape),
        };
    }
}
