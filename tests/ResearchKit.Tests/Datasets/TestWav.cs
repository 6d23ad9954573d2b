using System.Buffers.Binary;

namespace ResearchKit.Tests.Datasets;

/// <summary>Writes minimal 16-bit PCM WAV files for layout tests (the foundation's writer may replace this).</summary>
internal static class TestWav
{
    public static void Write(string path, float[] x, int rate = 16000, int channels = 1)
    {
        int n = x.Length / channels;
        var b = new byte[44 + x.Length * 2];
        "RIFF"u8.CopyTo(b); BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(4), 36 + x.Length * 2); "WAVE"u8.CopyTo(b.AsSpan(8));
        "fmt "u8.CopyTo(b.AsSpan(12)); BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(b.AsSpan(20), 1); BinaryPrimitives.WriteInt16LittleEndian(b.AsSpan(22), (short)channels);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(24), rate); BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(28), rate * 2 * channels);
        BinaryPrimitives.WriteInt16LittleEndian(b.AsSpan(32), (short)(2 * channels)); BinaryPrimitives.WriteInt16LittleEndian(b.AsSpan(34), 16);
        "data"u8.CopyTo(b.AsSpan(36)); BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(40), x.Length * 2);
        for (int i = 0; i < x.Length; i++)
            BinaryPrimitives.WriteInt16LittleEndian(b.AsSpan(44 + 2 * i), (short)Math.Clamp(Math.Round(x[i] * 32768.0), -32768, 32767));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, b);
    }

    public static void Touch(string path, string text = "")
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
