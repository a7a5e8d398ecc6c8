namespace InferScale.Analysis;

/// <summary>A recorded pool of whole samples: problems, each with its gold answer, level and samples.</summary>
/// <param name="Problems">The problems, in file order.</param>
public sealed record SamplePool(IReadOnlyList<PoolProblem> Problems)
{
    /// <summary>A short name for reports (for example the file name without extension); <see langword="null"/> when ad hoc.</summary>
    public string? Name { get; init; }

    /// <summary>Whether any sample carries a reward score (so best-of-k and weighted voting apply).</summary>
    public bool HasScores => Problems.Any(p => p.Samples.Any(s => s.Score is not null));

    /// <summary>Whether any problem has a level (so per-level breakdowns apply).</summary>
    public bool HasLevels => Problems.Any(p => p.Level is not null);

    /// <summary>The fewest samples any problem has (0 for an empty pool).</summary>
    public int MinSamplesPerProblem => Problems.Count == 0 ? 0 : Problems.Min(p => p.Samples.Count);

    /// <summary>The total number of samples.</summary>
    public int SampleCount => Problems.Sum(p => p.Samples.Count);
}
