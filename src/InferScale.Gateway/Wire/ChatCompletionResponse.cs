namespace InferScale.Gateway.Wire;

/// <summary>The body of a non-streaming <c>/v1/chat/completions</c> answer.</summary>
internal sealed class ChatCompletionResponse
{
    public required string Id { get; init; }

    public string Object { get; init; } = "chat.completion";

    public long Created { get; init; }

    public required string Model { get; init; }

    public required List<ChatChoiceBody> Choices { get; init; }

    public required UsageBody Usage { get; init; }

    public required TraceSummaryBody Inferscale { get; init; }
}
