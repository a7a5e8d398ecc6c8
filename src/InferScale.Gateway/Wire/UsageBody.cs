namespace InferScale.Gateway.Wire;

/// <summary>OpenAI's usage object, counting every token spent inside the strategy.</summary>
internal sealed class UsageBody
{
    public long PromptTokens { get; init; }

    public long CompletionTokens { get; init; }

    public long TotalTokens { get; init; }

    public required PromptTokensDetailsBody PromptTokensDetails { get; init; }
}
