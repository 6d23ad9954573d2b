using ResearchKit.Build;
using TorchSharp;

namespace ResearchKit.Torch.Runtime;

/// <summary>
/// Loads libtorch through TorchSharp once and turns a native load failure into a <see cref="MissingDependencyException"/>
/// that says what is missing and how to fix it. TorchSharp's own message for the Debian 12 / Ubuntu 22.04 failure
/// ("doesn't contain a reference to libtorch-cpu-linux-x64") is misleading: the real cause is libLibTorchSharp.so's
/// GLIBCXX_3.4.32 requirement (shared/docs/platform.md).
/// </summary>
public static class TorchRuntime
{
    private static readonly Lock Gate = new();
    private static string? _version;

    /// <summary>The libtorch version TorchSharp reports (e.g. "2.10.0.0"), loading it first.</summary>
    public static string Version
    {
        get
        {
            EnsureLoaded();
            return _version!;
        }
    }

    /// <summary>Loads the native libraries (idempotent). Throws <see cref="MissingDependencyException"/> when they cannot load.</summary>
    public static void EnsureLoaded()
    {
        if (_version is not null) return;
        lock (Gate)
        {
            if (_version is not null) return;
            try
            {
                torch.InitializeDeviceType(DeviceType.CPU);
                _version = torch.__version__;
            }
            catch (Exception e) when (e is TypeInitializationException or NotSupportedException or DllNotFoundException or BadImageFormatException)
            {
                throw new MissingDependencyException("libtorch (TorchSharp's native libLibTorchSharp.so)", "to run TorchSharp models",
                    Diagnose(AppContext.BaseDirectory, GlibcxxWeakPatch.FindSystemLibStdCxx()), e);
            }
        }
    }

    /// <summary>
    /// Explains why TorchSharp's native library in <paramref name="baseDirectory"/> cannot load with the given system
    /// libstdc++ (null: none found), and how to fix it.
    /// </summary>
    internal static string Diagnose(string baseDirectory, string? systemLibStdCxx)
    {
        string? native = new[]
            {
                Path.Combine(baseDirectory, "libLibTorchSharp.so"),
                Path.Combine(baseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so"),
                Path.Combine(baseDirectory, "runtimes", "linux-arm64", "native", "libLibTorchSharp.so"),
            }.FirstOrDefault(File.Exists);
        if (native is null)
            return $"No libLibTorchSharp.so was found under {baseDirectory}. Reference the ResearchKit.Torch project (it brings TorchSharp " +
                   "and libtorch-cpu-linux-x64 2.10.0.0 on Linux) or add <PackageReference Include=\"libtorch-cpu-linux-x64\" Version=\"2.10.0.0\" /> to your project, then rebuild.";

        var strong = GlibcxxWeakPatch.ReadRequirements(File.ReadAllBytes(native), native)
            .Where(r => r.Name == GlibcxxWeakPatch.Version && !r.IsWeak).ToList();
        bool systemHasIt = systemLibStdCxx is not null && GlibcxxWeakPatch.Defines(systemLibStdCxx, GlibcxxWeakPatch.Version);
        if (strong.Count > 0 && !systemHasIt)
            return $"{native} requires {GlibcxxWeakPatch.Version} (GCC 13's libstdc++), but {systemLibStdCxx ?? "the system libstdc++.so.6"} " +
                   "does not define it (Debian 12 and Ubuntu 22.04 ship GCC 12). Build your project inside the ResearchKit repository " +
                   "(its Directory.Build.targets imports build/TorchSharpNative.targets, which marks that requirement weak in the build " +
                   "and publish output after every build), or import build/TorchSharpNative.targets into your own project and rebuild, " +
                   "or install a libstdc++6 from GCC 13 or newer.";
        return $"{native} is present and its {GlibcxxWeakPatch.Version} requirement is satisfied, so another native dependency is missing. " +
               $"Run `ldd {native}` to see which library cannot be found and install it; the libtorch-cpu-linux-x64 2.10.0.0 package must be restored " +
               "and its runtimes/linux-x64/native files copied next to libLibTorchSharp.so.";
    }
}
