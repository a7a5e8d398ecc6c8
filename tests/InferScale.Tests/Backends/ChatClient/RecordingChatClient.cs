using Microsoft.Extensions.AI;

namespace InferScale.Tests.Backends.ChatClient;

/// <summary>
/// A chat client that records what it is asked and answers from a function: it checks what ChatClientGenerator sends
/// to an arbitrary IChatClient (the round trip through a real server is tested separately).
/// </summary>
internal sealed class RecordingChatClient(Func<IList<ChatMessage>, ChatOptions?, ChatResponse> respond) : IChatClient
{
    private readonly Lock _gate = new();

    public List<(IList<ChatMessage> Messages, ChatOptions? Options)> Calls { get; } = [];

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        lock (_gate)
            Calls.Add((list, options));
        return Task.FromResult(respond(list, options));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("recording", null, "rec-model") : null;

    public void Dispose()
    {
    }
}
