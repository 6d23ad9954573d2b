using System.Diagnostics;
using System.Globalization;

namespace ResearchKit.Audio;

/// <summary>
/// Decodes non-WAV audio by streaming it through the <c>ffmpeg</c> command line: ffmpeg writes a 32-bit float WAV to
/// its stdout, parsed here as it arrives (no temporary file). Channels and rate are kept; channel choice/downmix is ours.
/// </summary>
public static class Ffmpeg
{
    /// <summary>The ffmpeg executable looked up on PATH (override for tests or unusual installs).</summary>
    public static string Executable { get; set; } = "ffmpeg";

    /// <summary>Decodes <paramref name="path"/> (any format ffmpeg reads) to a mono <see cref="Signal"/>.</summary>
    /// <exception cref="MissingDependencyException">ffmpeg is not installed.</exception>
    /// <exception cref="InvalidInputFileException">ffmpeg cannot decode the file.</exception>
    public static Signal Decode(string path, AudioReadOptions options)
    {
        var psi = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in new[] { "-nostdin", "-hide_banner", "-v", "error" }) psi.ArgumentList.Add(a);
        if (options.StartSeconds is double a0) { psi.ArgumentList.Add("-ss"); psi.ArgumentList.Add(a0.ToString("R", CultureInfo.InvariantCulture)); }
        psi.ArgumentList.Add("-i"); psi.ArgumentList.Add(path);
        if (options.EndSeconds is double b0)
        {
            psi.ArgumentList.Add("-t");
            psi.ArgumentList.Add((b0 - (options.StartSeconds ?? 0)).ToString("R", CultureInfo.InvariantCulture));
        }
        foreach (var a in new[] { "-vn", "-map", "0:a:0", "-c:a", "pcm_f32le", "-f", "wav", "-" }) psi.ArgumentList.Add(a);
        Process proc;
        try { proc = Process.Start(psi) ?? throw new System.ComponentModel.Win32Exception("not started"); }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new MissingDependencyException("ffmpeg", $"to decode '{path}' (not a WAV file)",
                "Install it (Debian/Ubuntu: `sudo apt-get install ffmpeg`, macOS: `brew install ffmpeg`) or convert the file to WAV elsewhere.", e);
        }
        using (proc)
        {
            var err = proc.StandardError.ReadToEndAsync();
            Signal? signal = null;
            Exception? parseError = null;
            try
            {
                signal = AudioFile.ReadWav(proc.StandardOutput.BaseStream, path,
                    options with { StartSeconds = null, EndSeconds = null }, streaming: true);
            }
            catch (ResearchKitException e) { parseError = e; }
            try { proc.StandardOutput.BaseStream.CopyTo(Stream.Null); } catch (IOException) { }
            proc.WaitForExit();
            string stderr = err.Result.Trim();
            if (proc.ExitCode != 0)
                throw new InvalidInputFileException(path,
                    $"ffmpeg could not decode the file (exit code {proc.ExitCode}: {FirstLine(stderr)}); check that it is an audio file.");
            if (parseError is InvalidParameterException) throw parseError;
            if (parseError is not null || signal is null)
                throw new InvalidInputFileException(path, $"ffmpeg produced no usable audio ({parseError?.Message ?? "no samples"}); check the file.", parseError);
            return signal;
        }
    }

    private static string FirstLine(string s)
    {
        if (s.Length == 0) return "no message";
        int i = s.IndexOf('\n');
        return i < 0 ? s : s[..i].Trim();
    }
}
