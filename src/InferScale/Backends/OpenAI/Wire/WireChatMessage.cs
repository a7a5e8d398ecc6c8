namespace InferScale.Backends.OpenAI.Wire;

/// <summary>A chat message on the wire.</summary>
internal sealed class WireChatMessage
{
    public string Role { get; init; } = "";
    public string? Content { get; init; }
}
