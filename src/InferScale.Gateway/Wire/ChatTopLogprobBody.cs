namespace InferScale.Gateway.Wire;

/// <summary>An alternative token at a position.</summary>
internal sealed class ChatTopLogprobBody
{
    public required string Token { get; init; }

    public float Logprob { get; init; }

    public required List<int> Bytes { get; init; }
}
