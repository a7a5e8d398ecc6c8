namespace InferScale.Backends.OpenAI;

/// <summary>One endpoint's mutable state; guarded by the owning <see cref="EndpointPool"/>'s lock except for the semaphore.</summary>
internal sealed class EndpointState : IDisposable
{
    public EndpointState(Uri baseAddress, int ordinal, int maxConcurrency)
    {
        BaseAddress = baseAddress;
        Ordinal = ordinal;
        Slots = new SemaphoreSlim(maxConcurrency, maxConcurrency);
    }

    /// <summary>The base address, ending with a slash so relative paths append.</summary>
    public Uri BaseAddress { get; }

    public int Ordinal { get; }

    /// <summary>Concurrency slots.</summary>
    public SemaphoreSlim Slots { get; }

    /// <summary>Attempts assigned and not finished (waiting for a slot or sent).</summary>
    public int Outstanding { get; set; }

    public int InFlight { get; set; }

    public int MaxInFlight { get; set; }

    public int ConsecutiveFailures { get; set; }

    public DateTimeOffset CoolingUntil { get; set; } = DateTimeOffset.MinValue;

    public long Attempts { get; set; }

    public long Failures { get; set; }

    public long TimesCooledDown { get; set; }

    public void Dispose() => Slots.Dispose();
}
