namespace InferScale.Backends.OpenAI.Wire;

/// <summary>The <c>usage</c> object of OpenAI-compatible responses.</summary>
internal sealed class WireUsage
{
    public long? PromptTokens { get; init; }
    public long? CompletionTokens { get; init; }
    public long? TotalTokens { get; init; }
    public PromptTokensDetails? PromptTokensDetails { get; init; }
}
