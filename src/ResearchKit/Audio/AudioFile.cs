using System.Buffers.Binary;

namespace ResearchKit.Audio;

/// <summary>
/// Reads audio files into <see cref="Signal"/>s. (Foundation version: RIFF/WAVE PCM 16-bit and IEEE float 32-bit;
/// extended by the foundation issue to all WAV formats and ffmpeg-decoded formats.)
/// </summary>
public static class AudioFile
{
    /// <summary>Reads a WAV file, downmixing several channels to mono by averaging.</summary>
    public static Signal Read(string path)
    {
        byte[] b;
        try { b = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputFileException(path, $"cannot read the audio file ({e.Message}); check the path.", e);
        }
        if (b.Length < 12 || b[0] != 'R' || b[1] != 'I' || b[2] != 'F' || b[3] != 'F' || b[8] != 'W' || b[9] != 'A' || b[10] != 'V' || b[11] != 'E')
            throw new InvalidInputFileException(path, "not a RIFF/WAVE file; convert it to WAV or install ffmpeg.");
        int pos = 12, fmt = 0, channels = 0, rate = 0, bits = 0;
        while (pos + 8 <= b.Length)
        {
            string id = System.Text.Encoding.ASCII.GetString(b, pos, 4);
            int size = BinaryPrimitives.ReadInt32LittleEndian(b.AsSpan(pos + 4));
            int body = pos + 8;
            if (id == "fmt ")
            {
                fmt = BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(body));
                channels = BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(body + 2));
                rate = BinaryPrimitives.ReadInt32LittleEndian(b.AsSpan(body + 4));
                bits = BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(body + 14));
            }
            else if (id == "data")
            {
                int n = Math.Min(size, b.Length - body);
                int frame = channels * bits / 8;
                if (frame == 0) throw new InvalidInputFileException(path, "data chunk before fmt chunk.");
                int frames = n / frame;
                var x = new float[frames];
                for (int i = 0; i < frames; i++)
                {
                    double acc = 0;
                    for (int c = 0; c < channels; c++)
                    {
                        var s = b.AsSpan(body + i * frame + c * bits / 8);
                        acc += (fmt, bits) switch
                        {
                            (1, 16) => BinaryPrimitives.ReadInt16LittleEndian(s) / 32768.0,
                            (3, 32) => BinaryPrimitives.ReadSingleLittleEndian(s),
                            _ => throw new InvalidInputFileException(path, $"WAV format {fmt} with {bits} bits is not supported yet."),
                        };
                    }
                    x[i] = (float)(acc / channels);
                }
                return new Signal(x, rate);
            }
            pos = body + size + (size & 1);
        }
        throw new InvalidInputFileException(path, "no data chunk found; the file is truncated.");
    }
}
