using System.Runtime.InteropServices;

namespace ResearchKit.Clustering;

/// <summary>
/// An unmanaged buffer for the condensed distance matrix, 2 MiB-aligned and advised for transparent huge pages on
/// Linux: the linkage algorithms read one row with a stride of n elements, and 4 KiB pages would make almost every
/// such read a TLB miss.
/// </summary>
internal sealed unsafe class NativeBuffer<T> : IDisposable where T : unmanaged
{
    private const nuint HugePage = 2 * 1024 * 1024;

    public T* Pointer { get; private set; }

    public long Length { get; }

    private readonly long _reserved;

    public NativeBuffer(long length)
    {
        Length = length;
        nuint bytes = (nuint)(Math.Max(1, length) * sizeof(T));
        nuint rounded = (bytes + HugePage - 1) / HugePage * HugePage;
        try { Pointer = (T*)NativeMemory.AlignedAlloc(rounded, HugePage); }
        catch (OutOfMemoryException e)
        {
            throw new InvalidParameterException("x",
                $"the condensed distance matrix needs {bytes / 1e9:F1} GB, more than is available; use DistancePrecision.Float32 or fewer rows. ({e.Message})");
        }
        _reserved = (long)rounded;
        GC.AddMemoryPressure(_reserved);
        if (OperatingSystem.IsLinux())
        {
            try { _ = LibC.Madvise((nint)Pointer, rounded, 14 /* MADV_HUGEPAGE */); }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { } // only a speed hint
        }
    }

    public Span<T> Span => new(Pointer, checked((int)Length));

    public void Dispose()
    {
        if (Pointer == null) return;
        NativeMemory.AlignedFree(Pointer);
        Pointer = null;
        GC.RemoveMemoryPressure(_reserved);
    }
}

internal static class LibC
{
    [DllImport("libc", EntryPoint = "madvise", SetLastError = false)]
    internal static extern int Madvise(nint addr, nuint length, int advice);

    /// <summary>Linux <c>sched_getaffinity</c>/<c>sched_setaffinity</c> for the calling thread (pid 0).</summary>
    [DllImport("libc", EntryPoint = "sched_getaffinity", SetLastError = false)]
    internal static extern unsafe int SchedGetAffinity(int pid, nuint size, ulong* mask);

    [DllImport("libc", EntryPoint = "sched_setaffinity", SetLastError = false)]
    internal static extern unsafe int SchedSetAffinity(int pid, nuint size, ulong* mask);

    [DllImport("libc", EntryPoint = "sched_getcpu", SetLastError = false)]
    internal static extern int SchedGetCpu();
}
