namespace InferScale.Verification.Expressions;

/// <summary>
/// Bounds the work of one extraction or comparison: an operation counter, and a deadline read from an injected
/// <see cref="TimeProvider"/> every few hundred operations. Running out throws <see cref="MathBudgetExceededException"/>,
/// which the public API turns into "no answer" or "not equivalent". Not thread-safe: one per call.
/// </summary>
internal sealed class MathBudget
{
    private const int ClockInterval = 256;
    private readonly TimeProvider _time;
    private readonly long _deadline;
    private readonly long _maxOperations;
    private long _operations;

    public MathBudget(TimeProvider time, TimeSpan limit, long maxOperations)
    {
        _time = time;
        _maxOperations = maxOperations;
        var ticks = (long)(limit.TotalSeconds * time.TimestampFrequency);
        _deadline = time.GetTimestamp() + Math.Max(1, ticks);
    }

    /// <summary>A budget that never runs out (for tests of pure helpers).</summary>
    public static MathBudget Unlimited() => new(TimeProvider.System, TimeSpan.FromDays(1), long.MaxValue);

    /// <summary>Operations counted so far.</summary>
    public long Operations => _operations;

    /// <summary>Counts <paramref name="cost"/> operations; throws when the count or the time is spent.</summary>
    public void Tick(int cost = 1)
    {
        var before = _operations;
        _operations += cost;
        if (_operations > _maxOperations)
            throw new MathBudgetExceededException("operation budget spent");
        if (before / ClockInterval != _operations / ClockInterval && _time.GetTimestamp() > _deadline)
            throw new MathBudgetExceededException("time limit reached");
    }
}
