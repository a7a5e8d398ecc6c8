namespace InferScale.Backends.OpenAI.Wire;

/// <summary><c>usage.prompt_tokens_details</c>: how many prompt tokens came from the prefix cache.</summary>
internal sealed class PromptTokensDetails
{
    public long? CachedTokens { get; init; }
}
