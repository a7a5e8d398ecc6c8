namespace InferScale.Generation;

/// <summary>
/// The compute one or more model calls consumed. Records add with <c>+</c>, so a strategy's total is the sum of its calls.
/// </summary>
public sealed record Usage
{
    /// <summary>No compute.</summary>
    public static Usage Zero { get; } = new();

    /// <summary>Number of backend calls.</summary>
    public int Calls { get; init; }

    /// <summary>Prompt tokens computed (prefilled) by the backend.</summary>
    public long PromptTokens { get; init; }

    /// <summary>Prompt tokens served from a prefix cache instead of being computed.</summary>
    public long CachedPromptTokens { get; init; }

    /// <summary>Tokens generated.</summary>
    public long CompletionTokens { get; init; }

    /// <summary>Tokens read by verifiers and reward models.</summary>
    public long VerifierTokens { get; init; }

    /// <summary>Floating-point operations executed (or estimated by a cost model when the backend cannot tell).</summary>
    public double Flops { get; init; }

    /// <summary>Wall-clock time spent in the calls.</summary>
    public TimeSpan WallTime { get; init; }

    /// <summary>All tokens that cost compute: prompt, completion and verifier tokens (cached prompt tokens excluded).</summary>
    public long TotalTokens => PromptTokens + CompletionTokens + VerifierTokens;

    /// <summary>Adds two usage records field by field.</summary>
    public static Usage operator +(Usage left, Usage right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new Usage
        {
            Calls = left.Calls + right.Calls,
            PromptTokens = left.PromptTokens + right.PromptTokens,
            CachedPromptTokens = left.CachedPromptTokens + right.CachedPromptTokens,
            CompletionTokens = left.CompletionTokens + right.CompletionTokens,
            VerifierTokens = left.VerifierTokens + right.VerifierTokens,
            Flops = left.Flops + right.Flops,
            WallTime = left.WallTime + right.WallTime,
        };
    }

    /// <summary>Adds two usage records (the named alternative to <c>+</c>).</summary>
    public static Usage Add(Usage left, Usage right) => left + right;
}
