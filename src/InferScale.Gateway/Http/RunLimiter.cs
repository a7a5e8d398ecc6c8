namespace InferScale.Gateway.Http;

/// <summary>The cap on strategy runs in progress: a request that finds it full is refused (429), never queued.</summary>
internal sealed class RunLimiter(int max)
{
    private int _active;

    /// <summary>The most runs at once.</summary>
    public int Max => max;

    /// <summary>Runs in progress.</summary>
    public int Active => Volatile.Read(ref _active);

    /// <summary>Takes a slot when one is free.</summary>
    public bool TryEnter()
    {
        while (true)
        {
            var seen = Volatile.Read(ref _active);
            if (seen >= max)
                return false;
            if (Interlocked.CompareExchange(ref _active, seen + 1, seen) == seen)
                return true;
        }
    }

    /// <summary>Gives a slot back.</summary>
    public void Exit() => Interlocked.Decrement(ref _active);
}
