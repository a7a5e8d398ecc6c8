namespace InferScale.Engine.Kernels;

/// <summary>
/// A small persistent pool of worker threads for the engine's kernels. Work is split into <see cref="Threads"/>
/// contiguous parts; part 0 runs on the caller. Workers spin briefly, then sleep, so an idle pool costs nothing.
/// Partitioning never changes results: every output element is computed whole by one thread with fixed arithmetic.
/// Not re-entrant: one <c>Run</c> at a time (an engine session is single-threaded by contract).
/// </summary>
public sealed class WorkerPool : IDisposable
{
    private const int SpinIterations = 2000;
    private readonly Thread[] _threads;
    private readonly SemaphoreSlim[] _wake;
    private readonly int[] _sleeping;
    private IPoolWork? _work;
    private int _generation;
    private int _remaining;
    private volatile bool _disposed;
    private Exception? _failure;

    /// <summary>Starts a pool of <paramref name="threads"/> threads in total (the caller counts as one).</summary>
    public WorkerPool(int threads)
    {
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

    /// <summary>Runs <c>work.Execute(part, Threads)</c> for every part, part 0 on the calling thread, and waits.</summary>
    internal void Run(IPoolWork work)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Threads == 1)
        {
            work.Execute(0, 1);
            return;
        }
        _work = work;
        _failure = null;
        Volatile.Write(ref _remaining, Threads - 1);
        Interlocked.Increment(ref _generation);
        for (var i = 0; i < _sleeping.Length; i++)
        {
            if (Interlocked.Exchange(ref _sleeping[i], 0) == 1)
                _wake[i].Release();
        }
        Exception? local = null;
        try
        {
            work.Execute(0, Threads);
        }
        catch (Exception ex)
        {
            local = ex;
        }
        var spin = new SpinWait();
        while (Volatile.Read(ref _remaining) != 0)
            spin.SpinOnce(sleep1Threshold: -1);
        _work = null;
        if (local is not null)
            throw local;
        if (_failure is not null)
            throw new InvalidOperationException("A kernel worker failed.", _failure);
    }

    private void WorkerLoop(int index)
    {
        var seen = 0;
        while (true)
        {
            var spins = 0;
            while (Volatile.Read(ref _generation) == seen)
            {
                if (spins++ < SpinIterations)
                {
                    Thread.SpinWait(20);
                    continue;
                }
                Interlocked.Exchange(ref _sleeping[index], 1);
                if (Volatile.Read(ref _generation) != seen && Interlocked.Exchange(ref _sleeping[index], 0) == 1)
                    break;
                _wake[index].Wait();
                break;
            }
            if (_disposed)
                return;
            seen = Volatile.Read(ref _generation);
            try
            {
                _work!.Execute(index + 1, Threads);
            }
            catch (Exception ex)
            {
                _failure = ex;
            }
            Interlocked.Decrement(ref _remaining);
        }
    }

    /// <summary>Stops the workers.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        Interlocked.Increment(ref _generation);
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
