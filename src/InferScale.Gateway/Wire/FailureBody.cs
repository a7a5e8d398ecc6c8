namespace InferScale.Gateway.Wire;

/// <summary>A failed candidate in the trace summary.</summary>
internal sealed class FailureBody
{
    public int Index { get; init; }

    public required string Stage { get; init; }

    public required string Message { get; init; }
}
