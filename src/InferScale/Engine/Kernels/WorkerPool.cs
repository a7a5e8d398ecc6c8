namespace InferScale.Engine.Kernels;

/// <summary>
/// A small persistent pool of worker threads for the engine's kernels. A job is split into parts; the caller and the
/// workers claim parts from a shared counter, so a worker that the OS has not scheduled yet never holds the caller up
/// (the caller simply runs the part itself). Workers spin briefly after a job (the next job of a forward pass comes
/// microseconds later), then sleep, so an idle pool costs nothing; <see cref="Park"/> sends them to sleep at once when the
/// caller knows no job follows soon (the end of a generation call), so their spinning does not take a core from the rest
/// of the process (an HTTP server answering, another engine starting).
/// Partitioning never changes results: every output element is computed whole by one part with fixed arithmetic.
/// Not re-entrant: one <c>Run</c> at a time (an engine session is single-threaded by contract).
/// </summary>
public sealed class WorkerPool : IDisposable
{
    private const int DefaultSpinIterations = 1000;
    private readonly int _spinIterations;
    private readonly Thread[] _threads;
    private readonly SemaphoreSlim[] _wake;
    private readonly int[] _sleeping;
    private IPoolWork? _work;
    private int _parts;
    private int _done;
    private long _state; // high 32 bits: job generation; low 32 bits: next unclaimed part
    private volatile bool _disposed;
    private volatile bool _parked;
    private Exception? _failure;

    /// <summary>Starts a pool of <paramref name="threads"/> threads in total (the caller counts as one).</summary>
    public WorkerPool(int threads)
        : this(threads, DefaultSpinIterations)
    {
    }

    /// <summary>A pool whose workers spin <paramref name="spinIterations"/> rounds before sleeping (tests).</summary>
    internal WorkerPool(int threads, int spinIterations)
    {
        _spinIterations = spinIterations;
        if (threads < 1 || threads > 256)
            throw new ArgumentOutOfRangeException(nameof(threads), threads, "threads must be in [1, 256].");
        Threads = threads;
        _threads = new Thread[threads - 1];
        _wake = new SemaphoreSlim[threads - 1];
        _sleeping = new int[threads - 1];
        for (var i = 0; i < _threads.Length; i++)
        {
            _wake[i] = new SemaphoreSlim(0);
            var index = i;
            _threads[i] = new Thread(() => WorkerLoop(index)) { IsBackground = true, Name = $"InferScale engine worker {i + 1}" };
            _threads[i].Start();
        }
    }

    /// <summary>Total threads, including the caller.</summary>
    public int Threads { get; }

    internal MatMulWork MatMulWork { get; } = new();

    internal MatMulQ8Work MatMulQ8Work { get; } = new();

    private int Generation => (int)(Volatile.Read(ref _state) >> 32);

    /// <summary>Runs <c>work.Execute(part, parts)</c> for every part in [0, <see cref="Threads"/>) and waits for all.</summary>
    internal void Run(IPoolWork work)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var parts = Threads;
        if (parts == 1)
        {
            work.Execute(0, 1);
            return;
        }
        _parked = false;
        _work = work;
        _parts = parts;
        _failure = null;
        Volatile.Write(ref _done, 0);
        var generation = Generation + 1;
        Interlocked.Exchange(ref _state, (long)generation << 32);
        for (var i = 0; i < _sleeping.Length; i++)
        {
            if (Interlocked.Exchange(ref _sleeping[i], 0) == 1)
                _wake[i].Release();
        }
        Participate(generation);
        var spin = new SpinWait();
        while (Volatile.Read(ref _done) != parts)
            spin.SpinOnce(sleep1Threshold: -1);
        _work = null;
        if (_failure is not null)
            throw new InvalidOperationException("A kernel part failed.", _failure);
    }

    private void Participate(int generation)
    {
        while (true)
        {
            var s = Volatile.Read(ref _state);
            if ((int)(s >> 32) != generation || (int)s >= _parts)
                return;
            if (Interlocked.CompareExchange(ref _state, s + 1, s) != s)
                continue;
            try
            {
                _work!.Execute((int)s, _parts);
            }
            catch (Exception ex)
            {
                _failure = ex;
            }
            Interlocked.Increment(ref _done);
        }
    }

    private void WorkerLoop(int index)
    {
        var seen = 0;
        while (true)
        {
            var spins = 0;
            while (Generation == seen && !_disposed)
            {
                if (!_parked && spins++ < _spinIterations)
                {
                    Thread.SpinWait(20);
                    continue;
                }
                Interlocked.Exchange(ref _sleeping[index], 1);
                if ((Generation != seen || _disposed) && Interlocked.Exchange(ref _sleeping[index], 0) == 1)
                    break;
                _wake[index].Wait();
                break;
            }
            if (_disposed)
                return;
            seen = Generation;
            Participate(seen);
        }
    }

    /// <summary>
    /// Sends the workers to sleep now instead of after their spin time: no job is expected soon. The next
    /// <see cref="Run"/> wakes them as usual. Cheap; call it whenever a burst of jobs ends.
    /// </summary>
    public void Park() => _parked = true;

    /// <summary>Workers asleep right now (not spinning, not working); for tests and diagnostics.</summary>
    internal int SleepingWorkers
    {
        get
        {
            var n = 0;
            for (var i = 0; i < _sleeping.Length; i++)
                n += Volatile.Read(ref _sleeping[i]);
            return n;
        }
    }

    /// <summary>Stops the workers.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        for (var i = 0; i < _wake.Length; i++)
        {
            if (Interlocked.Exchange(ref _sleeping[i], 0) == 1)
                _wake[i].Release();
        }
        foreach (var t in _threads)
            t.Join();
        foreach (var w in _wake)
            w.Dispose();
    }
}
