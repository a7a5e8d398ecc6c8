namespace InferScale.Gateway.Wire;

/// <summary>The prompt tokens served from a prefix cache.</summary>
internal sealed class PromptTokensDetailsBody
{
    public long CachedTokens { get; init; }
}
