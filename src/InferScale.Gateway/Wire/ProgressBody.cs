namespace InferScale.Gateway.Wire;

/// <summary>Where a running strategy is: model calls started and finished, samples and tokens so far.</summary>
internal sealed class ProgressBody
{
    /// <summary><c>started</c>, <c>call</c> (a model call finished) or <c>heartbeat</c>.</summary>
    public required string Event { get; init; }

    public long ElapsedMs { get; init; }

    public int Calls { get; init; }

    public int Samples { get; init; }

    public long CompletionTokens { get; init; }
}
