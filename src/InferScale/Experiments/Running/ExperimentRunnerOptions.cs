namespace InferScale.Experiments.Running;

/// <summary>How an <see cref="ExperimentRunner"/> works through a plan. Validated once by the runner.</summary>
public sealed record ExperimentRunnerOptions
{
    /// <summary>The run's id in the store (several runs can share one store). Default <c>run</c>.</summary>
    public string RunId { get; init; } = "run";

    /// <summary>Worker id prefix; workers are <c>{prefix}-{n}</c>. Default <c>local</c>.</summary>
    public string WorkerId { get; init; } = "local";

    /// <summary>Workers in this process. Default 1 (the embedded engine runs one call at a time and uses every core itself).</summary>
    public int Workers { get; init; } = 1;

    /// <summary>
    /// Whether this process owns its worker ids exclusively (a locked run directory): cases its workers held when an
    /// earlier process died are released at start instead of waiting for their leases to expire. Default true.
    /// </summary>
    public bool ReclaimOwnCases { get; init; } = true;

    /// <summary>How long a claim lasts without renewal; renewed after every problem. Default 2 minutes.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Whether, when nothing is left to claim, the runner waits for cases other workers still hold (taking them over if
    /// their leases expire), so that it returns with the whole run finished. Default true.
    /// </summary>
    public bool WaitForOtherWorkers { get; init; } = true;

    /// <summary>How often a waiting runner looks at the store again. Default 1 second.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Attempts per case before it is marked failed. Default 3.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Throws naming the first invalid option.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(RunId);
        ArgumentException.ThrowIfNullOrWhiteSpace(WorkerId);
        if (Workers < 1)
            throw new ArgumentOutOfRangeException(nameof(Workers), Workers, "Workers must be >= 1.");
        if (Lease <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(Lease), Lease, "Lease must be positive.");
        if (PollInterval <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(PollInterval), PollInterval, "PollInterval must be positive.");
        if (MaxAttempts < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, "MaxAttempts must be >= 1.");
    }
}
