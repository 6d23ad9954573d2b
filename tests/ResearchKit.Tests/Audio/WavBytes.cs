using System.Buffers.Binary;
using System.Text;

namespace ResearchKit.Tests.Audio;

/// <summary>Builds WAV files byte by byte, so tests control every header field (formats, chunks, sizes).</summary>
internal static class WavBytes
{
    public static byte[] Fmt(int format, int channels, int rate, int bits, bool extensible = false)
    {
        var f = new List<byte>();
        void U16(int v) { var b = new byte[2]; BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)v); f.AddRange(b); }
        void U32(uint v) { var b = new byte[4]; BinaryPrimitives.WriteUInt32LittleEndian(b, v); f.AddRange(b); }
        U16(extensible ? 0xFFFE : format); U16(channels); U32((uint)rate); U32((uint)(rate * channels * bits / 8));
        U16(channels * bits / 8); U16(bits);
        if (extensible)
        {
            U16(22); U16(bits); U32(3);
            U16(format); f.AddRange(new byte[] { 0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xAA, 0, 0x38, 0x9B, 0x71 });
        }
        return f.ToArray();
    }

    public static byte[] Chunk(string id, byte[] body, uint? declaredSize = null)
    {
        var c = new List<byte>(Encoding.ASCII.GetBytes(id));
        var s = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(s, declaredSize ?? (uint)body.Length);
        c.AddRange(s);
        c.AddRange(body);
        if (body.Length % 2 == 1) c.Add(0); // RIFF pads odd chunks
        return c.ToArray();
    }

    public static byte[] Riff(params byte[][] chunks)
    {
        var body = chunks.SelectMany(x => x).ToArray();
        var r = new List<byte>(Encoding.ASCII.GetBytes("RIFF"));
        var s = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(s, (uint)(4 + body.Length));
        r.AddRange(s);
        r.AddRange(Encoding.ASCII.GetBytes("WAVE"));
        r.AddRange(body);
        return r.ToArray();
    }

    public static string Save(byte[] bytes, string name = "x.wav")
    {
        string p = Path.Combine(Fixtures.TempDir(), name);
        File.WriteAllBytes(p, bytes);
        return p;
    }
}
