namespace InferScale.Gateway.Wire;

/// <summary>One streamed completions event (<c>text_completion</c>).</summary>
internal sealed class CompletionChunk
{
    public required string Id { get; init; }

    public string Object { get; init; } = "text_completion";

    public long Created { get; init; }

    public required string Model { get; init; }

    public required List<CompletionChoiceBody> Choices { get; init; }

    public UsageBody? Usage { get; init; }

    /// <summary>The trace summary, on the chunk that carries the finish reason.</summary>
    public TraceSummaryBody? Inferscale { get; init; }

    /// <summary>Progress while the strategy runs (on chunks with empty text).</summary>
    public ProgressBody? InferscaleProgress { get; init; }
}
