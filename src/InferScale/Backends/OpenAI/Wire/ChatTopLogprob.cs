namespace InferScale.Backends.OpenAI.Wire;

/// <summary>One alternative token (chat format).</summary>
internal sealed class ChatTopLogprob
{
    public string Token { get; init; } = "";
    public float Logprob { get; init; }
}
