namespace InferScale.Backends.OpenAI;

/// <summary>
/// Live counters of an <see cref="OpenAiCompatibleGenerator"/> (thread-safe); obtain with
/// <c>generator.GetService&lt;OpenAiGeneratorStatistics&gt;()</c>.
/// </summary>
public sealed class OpenAiGeneratorStatistics
{
    private readonly EndpointPool _pool;
    private long _calls;
    private long _attempts;
    private long _retries;
    private long _retryDelayTicks;
    private long _failedCalls;
    private long _sharedSeedCalls;
    private long _clientSideStops;

    internal OpenAiGeneratorStatistics(EndpointPool pool) => _pool = pool;

    /// <summary>Logical calls (one per batch of samples sent with one <c>n</c>), including failed ones.</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>HTTP attempts, including retries.</summary>
    public long Attempts => Interlocked.Read(ref _attempts);

    /// <summary>Retries scheduled.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Total delay scheduled before retries (backoff or <c>Retry-After</c>).</summary>
    public TimeSpan RetryDelay => TimeSpan.FromTicks(Interlocked.Read(ref _retryDelayTicks));

    /// <summary>Calls that failed after all retries; their samples were returned with <see cref="Generation.FinishReason.Error"/>.</summary>
    public long FailedCalls => Interlocked.Read(ref _failedCalls);

    /// <summary>
    /// Calls that sent <c>n</c> &gt; 1 at a temperature above 0, where one seed covered several samples, so those samples
    /// depend on the batch they were generated in (per-sample seeds could not be applied). Never counted for llama-server,
    /// whose choices get consecutive seeds (<see cref="SampleSeeds.Consecutive"/>).
    /// </summary>
    public long SharedSeedCalls => Interlocked.Read(ref _sharedSeedCalls);

    /// <summary>Samples truncated client-side by a stop string the server was not sent.</summary>
    public long ClientSideStops => Interlocked.Read(ref _clientSideStops);

    /// <summary>Per-endpoint counters, in configuration order.</summary>
    public IReadOnlyList<EndpointStatistics> Endpoints => _pool.Snapshot();

    internal void AddCall() => Interlocked.Increment(ref _calls);

    internal void AddAttempt() => Interlocked.Increment(ref _attempts);

    internal void AddRetry(TimeSpan delay)
    {
        Interlocked.Increment(ref _retries);
        Interlocked.Add(ref _retryDelayTicks, delay.Ticks);
    }

    internal void AddFailedCall() => Interlocked.Increment(ref _failedCalls);

    internal void AddSharedSeedCall() => Interlocked.Increment(ref _sharedSeedCalls);

    internal void AddClientSideStop() => Interlocked.Increment(ref _clientSideStops);
}
