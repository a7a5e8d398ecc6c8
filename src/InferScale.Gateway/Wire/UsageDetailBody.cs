namespace InferScale.Gateway.Wire;

/// <summary>The strategy's full usage record (the OpenAI <c>usage</c> is derived from it).</summary>
internal sealed class UsageDetailBody
{
    public int Calls { get; init; }

    public long PromptTokens { get; init; }

    public long CachedPromptTokens { get; init; }

    public long CompletionTokens { get; init; }

    public long VerifierTokens { get; init; }

    public double Flops { get; init; }

    public double WallMs { get; init; }
}
