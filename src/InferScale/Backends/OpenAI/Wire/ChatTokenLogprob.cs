namespace InferScale.Backends.OpenAI.Wire;

/// <summary>One generated token with its logprob and alternatives (chat format).</summary>
internal sealed class ChatTokenLogprob
{
    public string Token { get; init; } = "";
    public float Logprob { get; init; }
    public List<ChatTopLogprob>? TopLogprobs { get; init; }
}
