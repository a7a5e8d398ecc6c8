using InferScale.Generation;

namespace InferScale.Analysis;

/// <summary>One line of a pool file: a sample and the problem it belongs to.</summary>
/// <param name="ProblemId">The problem's id.</param>
/// <param name="Sample">The sample (its <see cref="Sample.Index"/> is the line's <c>sample</c> field).</param>
public sealed record PoolEntry(string ProblemId, Sample Sample)
{
    /// <summary>The problem's gold answer, when the line has one.</summary>
    public string? Gold { get; init; }

    /// <summary>The problem's level, when the line has one.</summary>
    public string? Level { get; init; }
}
