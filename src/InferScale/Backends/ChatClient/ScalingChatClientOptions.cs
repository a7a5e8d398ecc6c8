using Microsoft.Extensions.AI;

namespace InferScale.Backends.ChatClient;

/// <summary>Configuration of a <see cref="ScalingChatClient"/>.</summary>
public sealed record ScalingChatClientOptions
{
    /// <summary>
    /// Turns the conversation into the generator's prompt. Default <see cref="ScalingChatClient.DefaultPrompt"/>: the text
    /// of a single message as is, otherwise each message as <c>role: text</c>, joined by blank lines.
    /// </summary>
    public Func<IEnumerable<ChatMessage>, string> PromptFormatter { get; init; } = ScalingChatClient.DefaultPrompt;

    /// <summary>Whether disposing the chat client disposes the generator. Default true.</summary>
    public bool DisposeGenerator { get; init; } = true;
}
