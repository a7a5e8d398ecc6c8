namespace InferScale.Backends.OpenAI.Wire;

/// <summary>
/// Legacy completions logprobs: parallel arrays of tokens, their logprobs and top-k dictionaries; llama-server sends the
/// chat format's <c>content</c> entries here instead.
/// </summary>
internal sealed class CompletionLogprobs
{
    public List<string>? Tokens { get; init; }
    public List<float?>? TokenLogprobs { get; init; }
    public List<Dictionary<string, float>?>? TopLogprobs { get; init; }
    public List<ChatTokenLogprob>? Content { get; init; }
}
