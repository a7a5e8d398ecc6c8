namespace InferScale.Gateway.Wire;

/// <summary>Chat logprobs: one entry per generated token.</summary>
internal sealed class ChatLogprobsBody
{
    public required List<ChatTokenLogprobBody> Content { get; init; }
}
