using System.Runtime.CompilerServices;

namespace ResearchKit.Clustering;

/// <summary>
/// A second thread that runs one half of many short jobs (tens of microseconds each, thousands in a row: the merge
/// updates and column scans of agglomerative linkage). It spins between jobs, so handing a job over costs about a
/// cache-line transfer instead of the thread-pool wake-up that <see cref="Parallel"/> pays per call — which cost more
/// than the job itself here. Use it only for the busy phase and dispose it right after.
/// On Linux the creating thread and the partner are pinned to two different CPUs of the process's affinity set until
/// disposal: the scheduler was seen to stack both busy threads on one CPU for long stretches, which made the two-core
/// linkage no faster than one core. The creating thread's own affinity is restored by <see cref="Dispose"/>, which
/// must be called on the same thread.
/// </summary>
internal sealed class SpinPartner : IDisposable
{
    private readonly Thread _thread;
    private Action? _job;
    private long _posted; // jobs handed over
    private long _done;   // jobs finished by the partner
    private volatile bool _stop;
    private Exception? _error;

    private readonly ulong[]? _savedMask; // the creating thread's affinity before pinning
    private readonly int _partnerCpu = -1;

    public SpinPartner()
    {
        if (OperatingSystem.IsLinux()) (_savedMask, _partnerCpu) = PinCaller();
        _thread = new Thread(Loop) { IsBackground = true, Name = "ResearchKit linkage partner" };
        _thread.Start();
    }

    private const int MaskWords = 16; // 1 024 CPUs

    /// <summary>Pins the calling thread to the CPU it runs on and returns its previous mask and another allowed CPU
    /// for the partner; (null, −1) when that is not possible (one allowed CPU, or the calls fail).</summary>
    private static unsafe (ulong[]?, int) PinCaller()
    {
        try
        {
            var saved = new ulong[MaskWords];
            fixed (ulong* m = saved)
                if (LibC.SchedGetAffinity(0, MaskWords * 8, m) != 0) return (null, -1);
            int here = LibC.SchedGetCpu(), other = -1;
            bool Allowed(int c) => c >= 0 && c < MaskWords * 64 && (saved[c >> 6] & (1UL << (c & 63))) != 0;
            for (int c = 0; c < MaskWords * 64 && other < 0; c++)
                if (c != here && Allowed(c)) other = c;
            if (!Allowed(here) || other < 0) return (null, -1);
            if (!SetAffinity(here)) return (null, -1);
            return (saved, other);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { return (null, -1); }
    }

    private static unsafe bool SetAffinity(int cpu)
    {
        ulong* mask = stackalloc ulong[MaskWords];
        for (int i = 0; i < MaskWords; i++) mask[i] = 0;
        mask[cpu >> 6] = 1UL << (cpu & 63);
        return LibC.SchedSetAffinity(0, MaskWords * 8, mask) == 0;
    }

    /// <summary>Runs <paramref name="mine"/> here and <paramref name="theirs"/> on the partner, and returns when both
    /// are done. Pass cached delegates: this is called per merge.</summary>
    public void Run(Action mine, Action theirs)
    {
        _job = theirs;
        long ticket = Interlocked.Increment(ref _posted);
        mine();
        var spin = new SpinWait();
        while (Volatile.Read(ref _done) != ticket)
            spin.SpinOnce(sleep1Threshold: -1);
        if (_error is { } e) throw new AggregateException(e);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Loop()
    {
        if (_partnerCpu >= 0) SetAffinity(_partnerCpu); // only a placement hint; runs unpinned if refused
        long seen = 0;
        var spin = new SpinWait();
        while (!_stop)
        {
            if (Volatile.Read(ref _posted) == seen)
            {
                spin.SpinOnce(sleep1Threshold: -1);
                continue;
            }
            spin.Reset();
            seen++;
            try { _job!(); }
            catch (Exception e) { _error = e; }
            Volatile.Write(ref _done, seen);
        }
    }

    public unsafe void Dispose()
    {
        _stop = true;
        _thread.Join();
        if (_savedMask is not null)
            fixed (ulong* m = _savedMask) LibC.SchedSetAffinity(0, MaskWords * 8, m);
    }
}
