namespace InferScale.Gateway.Wire;

/// <summary>The body of a non-streaming <c>/v1/completions</c> answer.</summary>
internal sealed class CompletionResponse
{
    public required string Id { get; init; }

    public string Object { get; init; } = "text_completion";

    public long Created { get; init; }

    public required string Model { get; init; }

    public required List<CompletionChoiceBody> Choices { get; init; }

    public required UsageBody Usage { get; init; }

    public required TraceSummaryBody Inferscale { get; init; }
}
