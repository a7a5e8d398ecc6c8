namespace InferScale.Backends.OpenAI.Wire;

/// <summary>One choice of a <c>/v1/chat/completions</c> response.</summary>
internal sealed class ChatChoice
{
    public int Index { get; init; }
    public WireChatMessage? Message { get; init; }
    public string? FinishReason { get; init; }
    public ChatLogprobs? Logprobs { get; init; }
}
