using System.Buffers.Binary;
using System.IO.Compression;

namespace ResearchKit.Tests.Plotting;

/// <summary>Minimal PNG decoder for tests (8-bit RGB/RGBA, non-interlaced, the format Chromium writes), from the PNG spec.</summary>
internal sealed class PngReader
{
    public int Width { get; }
    public int Height { get; }
    private readonly byte[] _rgba;

    public PngReader(byte[] png)
    {
        byte[] sig = [137, 80, 78, 71, 13, 10, 26, 10];
        Assert.True(png.AsSpan(0, 8).SequenceEqual(sig), "not a PNG file");
        int pos = 8, colorType = 0, bitDepth = 0;
        var idat = new MemoryStream();
        while (pos < png.Length)
        {
            int len = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos));
            string type = System.Text.Encoding.ASCII.GetString(png, pos + 4, 4);
            var data = png.AsSpan(pos + 8, len);
            if (type == "IHDR")
            {
                Width = BinaryPrimitives.ReadInt32BigEndian(data);
                Height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                bitDepth = data[8]; colorType = data[9];
                Assert.Equal(0, data[12]); // no interlace
            }
            else if (type == "IDAT") idat.Write(data);
            else if (type == "IEND") break;
            pos += 12 + len;
        }
        Assert.Equal(8, bitDepth);
        int bpp = colorType switch { 6 => 4, 2 => 3, _ => throw new NotSupportedException($"PNG colour type {colorType}") };
        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        var raw = new MemoryStream(); z.CopyTo(raw);
        var r = raw.ToArray();
        int stride = Width * bpp;
        var cur = new byte[stride]; var prev = new byte[stride];
        _rgba = new byte[Width * Height * 4];
        for (int y = 0; y < Height; y++)
        {
            int f = r[y * (stride + 1)];
            Array.Copy(r, y * (stride + 1) + 1, cur, 0, stride);
            for (int i = 0; i < stride; i++)
            {
                int a = i >= bpp ? cur[i - bpp] : 0, b = prev[i], c = i >= bpp ? prev[i - bpp] : 0;
                cur[i] = (byte)(cur[i] + f switch
                {
                    0 => 0, 1 => a, 2 => b, 3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new NotSupportedException($"filter {f}"),
                });
            }
            for (int x = 0; x < Width; x++)
            {
                int o = (y * Width + x) * 4;
                _rgba[o] = cur[x * bpp]; _rgba[o + 1] = cur[x * bpp + 1]; _rgba[o + 2] = cur[x * bpp + 2];
                _rgba[o + 3] = bpp == 4 ? cur[x * bpp + 3] : (byte)255;
            }
            (prev, cur) = (cur, prev);
        }
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    public (byte R, byte G, byte B) Pixel(int x, int y)
    {
        int o = (y * Width + x) * 4;
        return (_rgba[o], _rgba[o + 1], _rgba[o + 2]);
    }
}
