namespace InferScale.Backends.OpenAI.Wire;

/// <summary>Response of <c>/v1/chat/completions</c>.</summary>
internal sealed class ChatResponseBody
{
    public List<ChatChoice>? Choices { get; init; }
    public WireUsage? Usage { get; init; }
}
