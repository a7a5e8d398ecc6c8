namespace InferScale.Backends.OpenAI.Wire;

/// <summary>One choice of a <c>/v1/completions</c> response.</summary>
internal sealed class CompletionChoice
{
    public int Index { get; init; }
    public string? Text { get; init; }
    public string? FinishReason { get; init; }
    public CompletionLogprobs? Logprobs { get; init; }
}
