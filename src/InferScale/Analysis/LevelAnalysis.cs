namespace InferScale.Analysis;

/// <summary>The curves restricted to the problems of one difficulty level.</summary>
/// <param name="Level">The level.</param>
/// <param name="Problems">Problems at this level.</param>
/// <param name="Curves">One curve per metric, with intervals from a bootstrap over this level's problems.</param>
public sealed record LevelAnalysis(string Level, int Problems, IReadOnlyList<MetricCurve> Curves)
{
    /// <summary>Share of this level's samples that stopped at the token limit (see <see cref="PoolAnalysisResult.TruncatedShare"/>).</summary>
    public double TruncatedShare { get; init; }
}
