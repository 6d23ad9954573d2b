using System.Buffers.Binary;
using System.Text;

namespace ResearchKit.Audio;

/// <summary>
/// Reads audio files into mono <see cref="Signal"/>s and writes WAV files.
/// WAV (RIFF/WAVE) is parsed here: PCM 8/16/24/32-bit, IEEE float 32/64-bit, WAVE_FORMAT_EXTENSIBLE, any channel
/// count, extra chunks (LIST, fact, …) with odd-size padding; a time range is read by seeking, without loading the
/// whole file. Other formats (FLAC, MP3, M4A, OGG, WebM, …) are decoded by streaming through the <c>ffmpeg</c> command.
/// Samples are floats in [-1, 1]: PCM is divided by 2^(bits−1) (8-bit is unsigned, offset 128), as torchaudio/soundfile do.
/// </summary>
public static class AudioFile
{
    private const int FormatPcm = 1, FormatFloat = 3, FormatExtensible = 0xFFFE;

    /// <summary>Reads a whole audio file, averaging several channels to mono.</summary>
    /// <exception cref="InvalidInputFileException">Missing, empty, truncated or malformed file; unsupported format; no samples; NaN/Inf samples.</exception>
    /// <exception cref="MissingDependencyException">A non-WAV file and no ffmpeg on PATH.</exception>
    public static Signal Read(string path) => Read(path, AudioReadOptions.Downmix);

    /// <summary>Reads an audio file with explicit channel handling and an optional time range.</summary>
    /// <exception cref="InvalidInputFileException">Missing, empty, truncated or malformed file; unsupported format; no samples; NaN/Inf samples.</exception>
    /// <exception cref="InvalidParameterException">The channel does not exist, or the time range is invalid.</exception>
    /// <exception cref="MissingDependencyException">A non-WAV file and no ffmpeg on PATH.</exception>
    public static Signal Read(string path, AudioReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.StartSeconds is double s0 && (s0 < 0 || double.IsNaN(s0)))
            throw new InvalidParameterException("start", $"start time must be ≥ 0 s, got {s0}.");
        if (options.EndSeconds is double e0 && (double.IsNaN(e0) || e0 < (options.StartSeconds ?? 0)))
            throw new InvalidParameterException("end", $"end time {e0} s is before the start {options.StartSeconds ?? 0} s; give start ≤ end.");
        using var fs = Open(path);
        if (!IsRiff(fs, path))
        {
            if (Path.GetExtension(path).Equals(".wav", StringComparison.OrdinalIgnoreCase))
                throw new InvalidInputFileException(path, "wrong magic: a .wav file must start with 'RIFF' … 'WAVE'; the file is corrupt or mis-named — re-export it as WAV.");
            fs.Dispose();
            return Ffmpeg.Decode(path, options);
        }
        fs.Position = 0;
        return ReadWav(fs, path, options, streaming: false);
    }

    /// <summary>Reads the header of a WAV file (rate, channels, frames, format) without the samples.</summary>
    public static AudioInfo ReadInfo(string path)
    {
        using var fs = Open(path);
        var h = ReadHeader(fs, path, streaming: false);
        return new AudioInfo(h.Rate, h.Channels, h.DataBytes / h.BlockAlign, h.Format, h.Bits);
    }

    /// <summary>Writes <paramref name="signal"/> as a mono WAV file atomically (temporary file, then rename).</summary>
    /// <exception cref="OutputException">The file cannot be written.</exception>
    public static void WriteWav(string path, Signal signal, WavSampleFormat format = WavSampleFormat.Pcm16)
    {
        ArgumentNullException.ThrowIfNull(signal);
        var x = signal.Samples.ToArray();
        int bytesPer = format == WavSampleFormat.Pcm16 ? 2 : 4;
        long dataBytes = (long)x.Length * bytesPer;
        if (dataBytes > uint.MaxValue - 44)
            throw new OutputException(path, "the signal is too long for a WAV file (4 GiB limit); split it.");
        IO.AtomicFile.Write(path, stream =>
        {
            var h = new byte[44];
            Encoding.ASCII.GetBytes("RIFF").CopyTo(h, 0);
            BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(4), (uint)(36 + dataBytes));
            Encoding.ASCII.GetBytes("WAVEfmt ").CopyTo(h, 8);
            BinaryPrimitives.WriteInt32LittleEndian(h.AsSpan(16), 16);
            BinaryPrimitives.WriteInt16LittleEndian(h.AsSpan(20), (short)(format == WavSampleFormat.Pcm16 ? FormatPcm : FormatFloat));
            BinaryPrimitives.WriteInt16LittleEndian(h.AsSpan(22), 1);
            BinaryPrimitives.WriteInt32LittleEndian(h.AsSpan(24), signal.SampleRate);
            BinaryPrimitives.WriteInt32LittleEndian(h.AsSpan(28), signal.SampleRate * bytesPer);
            BinaryPrimitives.WriteInt16LittleEndian(h.AsSpan(32), (short)bytesPer);
            BinaryPrimitives.WriteInt16LittleEndian(h.AsSpan(34), (short)(bytesPer * 8));
            Encoding.ASCII.GetBytes("data").CopyTo(h, 36);
            BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(40), (uint)dataBytes);
            stream.Write(h);
            var buf = new byte[65536 * bytesPer];
            for (int i = 0; i < x.Length; i += 65536)
            {
                int n = Math.Min(65536, x.Length - i);
                for (int j = 0; j < n; j++)
                {
                    float v = x[i + j];
                    if (format == WavSampleFormat.Pcm16)
                        BinaryPrimitives.WriteInt16LittleEndian(buf.AsSpan(2 * j), (short)Math.Clamp(Math.Round(v * 32768.0), -32768, 32767));
                    else
                        BinaryPrimitives.WriteSingleLittleEndian(buf.AsSpan(4 * j), v);
                }
                stream.Write(buf, 0, n * bytesPer);
            }
        });
    }

    private static FileStream Open(string path)
    {
        try { return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InvalidInputFileException(path, $"cannot read the audio file ({e.Message}); check the path and permissions.", e);
        }
    }

    private static bool IsRiff(Stream s, string path)
    {
        if (s.Length == 0) throw new InvalidInputFileException(path, "the file is empty (0 bytes); re-export or re-download it.");
        var b = new byte[4];
        int n = s.ReadAtLeast(b, 4, throwOnEndOfStream: false);
        return n == 4 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F';
    }

    internal readonly record struct WavHeader(int Format, int Channels, int Rate, int Bits, int BlockAlign, long DataBytes);

    /// <summary>Parses up to the start of the data chunk; the stream is left at the first sample.</summary>
    internal static WavHeader ReadHeader(Stream s, string path, bool streaming)
    {
        Span<byte> h = stackalloc byte[12];
        if (s.ReadAtLeast(h, 12, throwOnEndOfStream: false) < 12)
            throw new InvalidInputFileException(path, "truncated WAV: the file is shorter than the 12-byte RIFF header; re-export it.");
        if (!h[..4].SequenceEqual("RIFF"u8) || !h[8..12].SequenceEqual("WAVE"u8))
            throw new InvalidInputFileException(path, $"wrong magic '{Ascii(h[..4])}…{Ascii(h[8..12])}': not a RIFF/WAVE file; convert it to WAV or install ffmpeg and give it its real extension.");
        int format = 0, channels = 0, rate = 0, bits = 0, block = 0;
        bool haveFmt = false;
        Span<byte> ch = stackalloc byte[8];
        while (true)
        {
            int got = s.ReadAtLeast(ch, 8, throwOnEndOfStream: false);
            if (got < 8)
                throw new InvalidInputFileException(path, haveFmt
                    ? "truncated WAV: no 'data' chunk before the end of the file; the file was cut short — re-export it."
                    : "truncated WAV: no 'fmt ' chunk; the file was cut short or is not audio — re-export it.");
            string id = Ascii(ch[..4]);
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(ch[4..]);
            if (id == "fmt ")
            {
                if (size < 16) throw new InvalidInputFileException(path, $"malformed WAV: 'fmt ' chunk of {size} bytes (needs ≥ 16); re-export the file.");
                var f = new byte[size + (size & 1)];
                if (s.ReadAtLeast(f, f.Length, throwOnEndOfStream: false) < size)
                    throw new InvalidInputFileException(path, "truncated WAV: the 'fmt ' chunk is cut short; re-export the file.");
                format = BinaryPrimitives.ReadUInt16LittleEndian(f);
                channels = BinaryPrimitives.ReadUInt16LittleEndian(f.AsSpan(2));
                rate = BinaryPrimitives.ReadInt32LittleEndian(f.AsSpan(4));
                block = BinaryPrimitives.ReadUInt16LittleEndian(f.AsSpan(12));
                bits = BinaryPrimitives.ReadUInt16LittleEndian(f.AsSpan(14));
                if (format == FormatExtensible)
                {
                    // WAVEFORMATEXTENSIBLE: cbSize(2) validBits(2) channelMask(4) SubFormat GUID(16), whose first 2 bytes are the format code.
                    if (size < 40) throw new InvalidInputFileException(path, $"malformed WAV: WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk of {size} bytes (needs 40); re-export the file.");
                    format = BinaryPrimitives.ReadUInt16LittleEndian(f.AsSpan(24));
                }
                haveFmt = true;
                if (format is not (FormatPcm or FormatFloat))
                    throw new InvalidInputFileException(path,
                        $"unsupported WAV format code {format} (0x{format:X}) — only PCM (1) and IEEE float (3) are read directly; " +
                        "convert it, e.g. `ffmpeg -i in.wav -c:a pcm_s16le out.wav`.");
                bool okBits = format == FormatPcm ? bits is 8 or 16 or 24 or 32 : bits is 32 or 64;
                if (!okBits)
                    throw new InvalidInputFileException(path, $"unsupported WAV sample size: {bits}-bit {(format == FormatPcm ? "PCM" : "float")}; convert to 16-bit PCM or 32-bit float with ffmpeg.");
                if (channels < 1) throw new InvalidInputFileException(path, "malformed WAV: 0 channels in the 'fmt ' chunk; re-export the file.");
                if (rate <= 0) throw new InvalidInputFileException(path, $"malformed WAV: sample rate {rate} Hz; re-export the file.");
                if (block != channels * bits / 8) block = channels * bits / 8; // some writers get nBlockAlign wrong; the layout is fixed by bits/channels
            }
            else if (id == "data")
            {
                if (!haveFmt) throw new InvalidInputFileException(path, "malformed WAV: 'data' chunk before the 'fmt ' chunk; re-export the file.");
                long bytes = size;
                if (streaming && (size == uint.MaxValue || size == 0)) bytes = long.MaxValue; // ffmpeg on a pipe cannot fill sizes in
                else if (!streaming)
                {
                    long remaining = s.Length - s.Position;
                    if (bytes > remaining)
                        throw new InvalidInputFileException(path,
                            $"the 'data' chunk declares {bytes} bytes but only {remaining} remain: the file is truncated or its header is wrong; re-export it (or repair with `ffmpeg -i in.wav out.wav`).");
                }
                return new WavHeader(format, channels, rate, bits, block, bytes);
            }
            else Skip(s, size + (size & 1), path); // LIST, fact, cue, … (chunks are padded to even sizes)
        }
    }

    private static void Skip(Stream s, long n, string path)
    {
        if (s.CanSeek)
        {
            if (s.Position + n > s.Length)
                throw new InvalidInputFileException(path, "truncated WAV: a chunk runs past the end of the file before the 'data' chunk; re-export it.");
            s.Seek(n, SeekOrigin.Current);
            return;
        }
        var buf = new byte[8192];
        while (n > 0)
        {
            int r = s.Read(buf, 0, (int)Math.Min(buf.Length, n));
            if (r <= 0) throw new InvalidInputFileException(path, "truncated WAV stream before the 'data' chunk.");
            n -= r;
        }
    }

    internal static Signal ReadWav(Stream s, string path, AudioReadOptions o, bool streaming)
    {
        var h = ReadHeader(s, path, streaming);
        int channels = h.Channels;
        if (o.ChannelMode == ChannelMode.Select && (o.Channel < 0 || o.Channel >= channels))
            throw new InvalidParameterException("channel", $"{path} has {channels} channel(s); channel {o.Channel} does not exist (use 0…{channels - 1}).");
        if (o.ChannelMode == ChannelMode.RequireMono && channels != 1)
            throw new InvalidInputFileException(path, $"has {channels} channels but mono audio is required; choose a channel or downmix explicitly.");
        long totalFrames = h.DataBytes == long.MaxValue ? long.MaxValue : h.DataBytes / h.BlockAlign;
        long first = 0, last = totalFrames;
        if (!streaming)
        {
            if (o.StartSeconds is double a) first = Math.Min(totalFrames, (long)Math.Round(a * h.Rate));
            if (o.EndSeconds is double b) last = Math.Clamp((long)Math.Round(b * h.Rate), first, totalFrames);
            if (first > 0) s.Seek(first * h.BlockAlign, SeekOrigin.Current);
        }
        long want = last - first;
        if (want > int.MaxValue) want = streaming ? long.MaxValue : throw new InvalidInputFileException(path, "too many samples for one signal (> 2^31); read it in time ranges.");
        var samples = new List<float>(streaming ? 1 << 16 : (int)want);
        int bytesPer = h.Bits / 8, blk = h.BlockAlign;
        var buf = new byte[blk * 8192];
        long done = 0;
        int carry = 0;
        while (done < want)
        {
            int maxFrames = (int)Math.Min(8192, want - done);
            int need = maxFrames * blk - carry;
            int r = s.ReadAtLeast(buf.AsSpan(carry, need), need, throwOnEndOfStream: false);
            int avail = carry + r;
            int frames = avail / blk;
            for (int i = 0; i < frames; i++)
            {
                var fr = buf.AsSpan(i * blk, blk);
                float v;
                if (o.ChannelMode == ChannelMode.Select) v = (float)Sample(fr[(o.Channel * bytesPer)..], h.Format, h.Bits);
                else if (channels == 1) v = (float)Sample(fr, h.Format, h.Bits);
                else
                {
                    double acc = 0;
                    for (int c = 0; c < channels; c++) acc += Sample(fr[(c * bytesPer)..], h.Format, h.Bits);
                    v = (float)(acc / channels);
                }
                if (!float.IsFinite(v))
                    throw new InvalidInputFileException(path, $"sample {first + done + i} is {v} (NaN or infinite); the file is corrupt — regenerate it or replace those samples.");
                samples.Add(v);
            }
            done += frames;
            carry = avail - frames * blk;
            if (carry > 0) buf.AsSpan(frames * blk, carry).CopyTo(buf);
            if (r < need) break; // end of stream
        }
        if (samples.Count == 0)
            throw new InvalidInputFileException(path, o.StartSeconds is null && o.EndSeconds is null
                ? "the audio contains zero samples; nothing to process — check the recording or export."
                : $"the time range [{o.StartSeconds ?? 0}, {o.EndSeconds?.ToString() ?? "end"}] s contains zero samples of this {(double)totalFrames / h.Rate:0.###} s file; choose a range inside it.");
        return new Signal(samples.ToArray(), h.Rate);
    }

    private static double Sample(ReadOnlySpan<byte> b, int format, int bits) => (format, bits) switch
    {
        (FormatPcm, 8) => (b[0] - 128) / 128.0,
        (FormatPcm, 16) => BinaryPrimitives.ReadInt16LittleEndian(b) / 32768.0,
        (FormatPcm, 24) => ((b[0] | (b[1] << 8) | ((sbyte)b[2] << 16))) / 8388608.0,
        (FormatPcm, 32) => BinaryPrimitives.ReadInt32LittleEndian(b) / 2147483648.0,
        (FormatFloat, 32) => BinaryPrimitives.ReadSingleLittleEndian(b),
        _ => BinaryPrimitives.ReadDoubleLittleEndian(b),
    };

    private static string Ascii(ReadOnlySpan<byte> b)
    {
        var sb = new StringBuilder();
        foreach (var c in b) sb.Append(c is >= 32 and < 127 ? (char)c : '?');
        return sb.ToString();
    }
}
