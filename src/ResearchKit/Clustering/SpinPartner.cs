using System.Runtime.CompilerServices;

namespace ResearchKit.Clustering;

/// <summary>
/// A second thread that runs one half of many short jobs (tens of microseconds each, thousands in a row: the merge
/// updates and column scans of agglomerative linkage). It spins between jobs, so handing a job over costs about a
/// cache-line transfer instead of the thread-pool wake-up that <see cref="Parallel"/> pays per call — which cost more
/// than the job itself here. Use it only for the busy phase and dispose it right after.
/// </summary>
internal sealed class SpinPartner : IDisposable
{
    private readonly Thread _thread;
    private Action? _job;
    private long _posted; // jobs handed over
    private long _done;   // jobs finished by the partner
    private volatile bool _stop;
    private Exception? _error;

    public SpinPartner()
    {
        _thread = new Thread(Loop) { IsBackground = true, Name = "ResearchKit linkage partner" };
        _thread.Start();
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

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }
}
