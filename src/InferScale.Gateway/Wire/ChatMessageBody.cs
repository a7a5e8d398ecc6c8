namespace InferScale.Gateway.Wire;

/// <summary>An assistant message, or a streamed delta of one (absent fields are left out).</summary>
internal sealed class ChatMessageBody
{
    public string? Role { get; init; }

    public string? Content { get; init; }
}
