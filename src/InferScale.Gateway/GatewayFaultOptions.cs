namespace InferScale.Gateway;

/// <summary>
/// Seeded fault injection on the generation endpoints: a test tool for clients that must survive a faulty upstream
/// (retries, failover, accounting). Request <c>k</c> (in arrival order, counted from 0) fails when the <c>k</c>-th
/// draw of a stream seeded by <see cref="Seed"/> is below <see cref="Rate"/>, with a kind drawn from <see cref="Kinds"/>.
/// Never enable it on a gateway that serves real users.
/// </summary>
public sealed record GatewayFaultOptions
{
    /// <summary>Fraction of generation requests that fail, in [0, 1]. Default 0 (off).</summary>
    public double Rate { get; init; }

    /// <summary>Seed of the fault stream. Default 0.</summary>
    public ulong Seed { get; init; }

    /// <summary>The faults to draw from, uniformly. Default all four kinds.</summary>
    public IReadOnlyList<GatewayFaultKind> Kinds { get; init; } =
        [GatewayFaultKind.RateLimit, GatewayFaultKind.ServerError, GatewayFaultKind.Hang, GatewayFaultKind.TruncatedJson];

    /// <summary>How long a <see cref="GatewayFaultKind.Hang"/> lasts at most before the gateway answers 504. Default 60 s.</summary>
    public TimeSpan HangTime { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The <c>Retry-After</c> seconds of an injected 429. Default 1.</summary>
    public int RetryAfterSeconds { get; init; } = 1;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (!(Rate >= 0 && Rate <= 1))
            throw new ArgumentOutOfRangeException(nameof(Rate), Rate, "Faults.Rate must be in [0, 1].");
        if (Kinds is null || Kinds.Count == 0 || Kinds.Any(k => !Enum.IsDefined(k)))
            throw new ArgumentException("Faults.Kinds must list at least one of RateLimit, ServerError, Hang, TruncatedJson.", nameof(Kinds));
        if (HangTime <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(HangTime), HangTime, "Faults.HangTime must be > 0.");
        if (RetryAfterSeconds < 0)
            throw new ArgumentOutOfRangeException(nameof(RetryAfterSeconds), RetryAfterSeconds, "Faults.RetryAfterSeconds must be >= 0.");
    }
}
