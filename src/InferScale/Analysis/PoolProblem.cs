using InferScale.Generation;

namespace InferScale.Analysis;

/// <summary>One problem of a sample pool: its id, what is known about it, and its recorded samples.</summary>
/// <param name="Id">The problem's id, unique within the pool.</param>
/// <param name="Samples">The recorded samples, in sample-index order.</param>
public sealed record PoolProblem(string Id, IReadOnlyList<Sample> Samples)
{
    /// <summary>The gold answer; <see langword="null"/> when unknown (then correctness comes from the samples' labels).</summary>
    public string? Gold { get; init; }

    /// <summary>The difficulty level (for example <c>"3"</c>); <see langword="null"/> when the pool has none.</summary>
    public string? Level { get; init; }
}
