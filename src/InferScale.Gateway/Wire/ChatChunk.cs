namespace InferScale.Gateway.Wire;

/// <summary>One streamed chat event (<c>chat.completion.chunk</c>).</summary>
internal sealed class ChatChunk
{
    public required string Id { get; init; }

    public string Object { get; init; } = "chat.completion.chunk";

    public long Created { get; init; }

    public required string Model { get; init; }

    public required List<ChatChunkChoice> Choices { get; init; }

    public UsageBody? Usage { get; init; }

    /// <summary>The trace summary, on the chunk that carries the finish reason.</summary>
    public TraceSummaryBody? Inferscale { get; init; }

    /// <summary>Progress while the strategy runs (on chunks with an empty content delta).</summary>
    public ProgressBody? InferscaleProgress { get; init; }
}
