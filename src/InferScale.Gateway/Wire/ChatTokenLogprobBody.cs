namespace InferScale.Gateway.Wire;

/// <summary>A generated token, its logprob, its UTF-8 bytes and the top alternatives.</summary>
internal sealed class ChatTokenLogprobBody
{
    public required string Token { get; init; }

    public float Logprob { get; init; }

    public required List<int> Bytes { get; init; }

    public required List<ChatTopLogprobBody> TopLogprobs { get; init; }
}
