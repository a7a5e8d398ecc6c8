namespace InferScale.Backends;

/// <summary>
/// Retries, backoff and timeouts for HTTP backends (generators and reward models). Retries use exponential backoff with
/// jitter drawn from a seeded generator; a server's <c>Retry-After</c> header takes precedence over the backoff.
/// </summary>
public sealed record HttpResilienceOptions
{
    /// <summary>Retries after the first attempt (0 disables retrying). Default 4.</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>Delay before the first retry; doubles on each further retry (before jitter). Default 500 ms.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Upper bound on any single retry delay, including one asked for by <c>Retry-After</c>. Default 30 s.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether to randomise backoff delays (decorrelated jitter). Default true.</summary>
    public bool UseJitter { get; init; } = true;

    /// <summary>Seed of the jitter generator, so retry schedules are reproducible. Default 0.</summary>
    public int JitterSeed { get; init; }

    /// <summary>Timeout of one HTTP attempt (waiting for a concurrency slot is not included). Default 10 minutes.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (MaxRetries is < 0 or > 100)
            throw new ArgumentOutOfRangeException(nameof(MaxRetries), MaxRetries, "MaxRetries must be in [0, 100].");
        if (RetryBaseDelay < TimeSpan.Zero || RetryBaseDelay > TimeSpan.FromDays(1))
            throw new ArgumentOutOfRangeException(nameof(RetryBaseDelay), RetryBaseDelay, "RetryBaseDelay must be in [0, 1 day].");
        if (MaxRetryDelay < RetryBaseDelay || MaxRetryDelay > TimeSpan.FromDays(1))
            throw new ArgumentOutOfRangeException(nameof(MaxRetryDelay), MaxRetryDelay, "MaxRetryDelay must be in [RetryBaseDelay, 1 day].");
        // Polly's timeout strategy accepts (10 ms, 1 day].
        if (AttemptTimeout <= TimeSpan.FromMilliseconds(10) || AttemptTimeout > TimeSpan.FromDays(1))
            throw new ArgumentOutOfRangeException(nameof(AttemptTimeout), AttemptTimeout, "AttemptTimeout must be in (10 ms, 1 day].");
    }
}
