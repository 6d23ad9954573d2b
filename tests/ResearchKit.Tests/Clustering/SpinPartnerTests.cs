using ResearchKit.Clustering;

namespace ResearchKit.Tests.Clustering;

/// <summary>The two-core linkage pins the calling thread while it runs; the caller must get its affinity back.</summary>
public class SpinPartnerTests
{
    [Fact]
    public unsafe void LinkageRestoresTheCallersCpuAffinity()
    {
        if (!OperatingSystem.IsLinux() || Environment.ProcessorCount < 2) return; // pinning is Linux-only
        var before = new ulong[16];
        var after = new ulong[16];
        fixed (ulong* m = before) Assert.Equal(0, LibC.SchedGetAffinity(0, 128, m));
        var rng = new Random(3);
        var x = new double[Linkage.ParallelUpdateMin + 200, 4];
        for (int i = 0; i < x.GetLength(0); i++)
            for (int j = 0; j < 4; j++) x[i, j] = rng.NextDouble();
        bool pinned = false;
        using (var partner = new SpinPartner())
        {
            var during = new ulong[16];
            fixed (ulong* m = during) LibC.SchedGetAffinity(0, 128, m);
            pinned = during.Sum(w => (long)ulong.PopCount(w)) == 1;
        }
        Assert.True(pinned, "the caller is pinned to one CPU while the partner runs");
        Linkage.Compute(x, LinkageMethod.Average);
        fixed (ulong* m = after) Assert.Equal(0, LibC.SchedGetAffinity(0, 128, m));
        Assert.Equal(before, after);
    }
}
