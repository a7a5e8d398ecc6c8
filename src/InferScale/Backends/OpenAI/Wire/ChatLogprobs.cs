namespace InferScale.Backends.OpenAI.Wire;

/// <summary>Chat logprobs: one entry per generated token.</summary>
internal sealed class ChatLogprobs
{
    public List<ChatTokenLogprob>? Content { get; init; }
}
