using System.Security.Cryptography;
using ResearchKit.Build;
using ResearchKit.Torch.Runtime;
using static TorchSharp.torch;

namespace ResearchKit.Torch.Tests.Runtime;

public class TorchRuntimeTests
{
    // TorchSharp 0.107.0's libLibTorchSharp.so as shipped, and the offset of the GLIBCXX_3.4.32 vna_flags
    // (shared/docs/models-platform.md, "Verified fix").
    private const string ShippedSha256 = "cf33b1b0bb6bbb9754a768fb5c5d04d9f498603be50e73f55621a0b40ee608b8";
    private const long FlagsOffset = 0x3FA34;

    private static string OutputNative => Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");

    private static bool SystemNeedsPatch()
    {
        var lib = GlibcxxWeakPatch.FindSystemLibStdCxx();
        return lib is null || !GlibcxxWeakPatch.Defines(lib, GlibcxxWeakPatch.Version);
    }

    [Fact]
    public void TorchSharpLoadsAndComputes()
    {
        TorchRuntime.EnsureLoaded();
        Assert.Equal("2.10.0.0", TorchRuntime.Version);
        using var x = arange(6, dtype: ScalarType.Float32).reshape(2, 3);
        using var y = x.matmul(x.T);
        // [[0,1,2],[3,4,5]] · its transpose = [[5,14],[14,50]]
        Assert.Equal([5f, 14f, 14f, 50f], y.data<float>().ToArray());
    }

    [Fact]
    public void BuildOutputCopyIsPatchedOnlyWhenTheSystemNeedsIt()
    {
        Assert.True(File.Exists(OutputNative), OutputNative);
        var req = GlibcxxWeakPatch.ReadRequirements(File.ReadAllBytes(OutputNative), OutputNative)
            .Single(r => r.Name == GlibcxxWeakPatch.Version);
        Assert.Equal("libstdc++.so.6", req.File);
        Assert.Equal(FlagsOffset, req.FlagsOffset);
        Assert.Equal(SystemNeedsPatch(), req.IsWeak);
    }

    [Fact]
    public void NuGetCacheCopyIsNeverPatched()
    {
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                    ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var shipped = Path.Combine(cache, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(shipped), shipped);
        Assert.Equal(ShippedSha256, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(shipped))));
    }

    [Fact]
    public void PatchSetsExactlyTheWeakFlagAndIsIdempotent()
    {
        var dir = ResearchKit.Tests.Fixtures.TempDir();
        var f = Path.Combine(dir, "libLibTorchSharp.so");
        var bytes = File.ReadAllBytes(OutputNative);
        bytes[FlagsOffset] = 0; // back to the shipped file
        File.WriteAllBytes(f, bytes);
        Assert.Equal(ShippedSha256, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f))));

        Assert.Equal(GlibcxxWeakPatch.Result.Patched, GlibcxxWeakPatch.Patch(f));
        var patched = File.ReadAllBytes(f);
        var diff = Enumerable.Range(0, bytes.Length).Where(i => bytes[i] != patched[i]).ToArray();
        Assert.Equal([(int)FlagsOffset], diff);
        Assert.Equal(2, patched[FlagsOffset]);

        Assert.Equal(GlibcxxWeakPatch.Result.AlreadyWeak, GlibcxxWeakPatch.Patch(f));
        Assert.Equal(patched, File.ReadAllBytes(f));
    }

    [Fact]
    public void PatchLeavesALibraryWithoutTheRequirementAlone()
    {
        var lib = GlibcxxWeakPatch.FindSystemLibStdCxx();
        Assert.NotNull(lib);
        var dir = ResearchKit.Tests.Fixtures.TempDir();
        var f = Path.Combine(dir, "libstdc++.so.6");
        File.Copy(lib, f);
        var before = File.ReadAllBytes(f);
        Assert.Equal(GlibcxxWeakPatch.Result.NotRequired, GlibcxxWeakPatch.Patch(f));
        Assert.Equal(before, File.ReadAllBytes(f));
        // libstdc++ defines the GLIBCXX versions it provides: at least GCC 12's 3.4.30.
        Assert.Contains("GLIBCXX_3.4.30", GlibcxxWeakPatch.ReadDefinitions(before, f));
    }

    [Fact]
    public void NativeLoadFailureMessageSaysWhatToPatch()
    {
        // Bad input: an unpatched libLibTorchSharp.so on a system whose libstdc++ lacks GLIBCXX_3.4.32.
        var dir = ResearchKit.Tests.Fixtures.TempDir();
        var bytes = File.ReadAllBytes(OutputNative);
        bytes[FlagsOffset] = 0;
        File.WriteAllBytes(Path.Combine(dir, "libLibTorchSharp.so"), bytes);
        // A libstdc++ stand-in that defines no GLIBCXX_3.4.32: the system one where it lacks it, else the .so itself.
        var lib = SystemNeedsPatch() ? GlibcxxWeakPatch.FindSystemLibStdCxx() : Path.Combine(dir, "libLibTorchSharp.so");
        var msg = TorchRuntime.Diagnose(dir, lib);
        Assert.Contains("GLIBCXX_3.4.32", msg);
        Assert.Contains(Path.Combine(dir, "libLibTorchSharp.so"), msg);
        Assert.Contains("build/TorchSharpNative.targets", msg);

        var empty = ResearchKit.Tests.Fixtures.TempDir();
        Assert.Contains("libtorch-cpu-linux-x64", TorchRuntime.Diagnose(empty, lib));
    }
}
