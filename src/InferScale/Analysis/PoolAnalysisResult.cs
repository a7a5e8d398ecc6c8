namespace InferScale.Analysis;

/// <summary>Everything <see cref="PoolAnalyzer"/> measured on a pool.</summary>
public sealed record PoolAnalysisResult
{
    /// <summary>The pool's name, when it has one.</summary>
    public string? Name { get; init; }

    /// <summary>Problems analysed.</summary>
    public required int Problems { get; init; }

    /// <summary>Samples per problem: the fewest any problem has (curves go up to it).</summary>
    public required int SamplesPerProblem { get; init; }

    /// <summary>Total samples in the pool.</summary>
    public required int Samples { get; init; }

    /// <summary>The k values of the curves, ascending: every k ≤ 16, powers of two, and n.</summary>
    public required IReadOnlyList<int> Ks { get; init; }

    /// <summary>The settings used.</summary>
    public required PoolAnalysisOptions Options { get; init; }

    /// <summary>One curve per metric: pass@k and maj@k always; bon@k and weighted maj@k when the pool has scores.</summary>
    public required IReadOnlyList<MetricCurve> Curves { get; init; }

    /// <summary>
    /// Share of all samples that stopped at the token limit (<c>finish_reason</c> "length": the request's max tokens or
    /// the model's context) instead of at EOS or a stop string. A high share means answers were cut off, so accuracy
    /// measures the limit as much as the model.
    /// </summary>
    public double TruncatedShare { get; init; }

    /// <summary>Per-level curves, in level order (numeric when all levels are integers); empty when the pool has no levels.</summary>
    public required IReadOnlyList<LevelAnalysis> ByLevel { get; init; }

    /// <summary>The coverage law fitted to pass@k; <see langword="null"/> when too few points lie strictly between 0 and 1.</summary>
    public CoverageLawFit? CoverageFit { get; init; }

    /// <summary>The saturating law fitted to each voting/selection metric (those with enough points).</summary>
    public required IReadOnlyDictionary<PoolMetric, SaturatingLawFit> SaturatingFits { get; init; }

    /// <summary>Predictions at <see cref="PoolAnalysisOptions.ExtrapolationFactor"/> × n.</summary>
    public required IReadOnlyList<Extrapolation> Extrapolations { get; init; }

    /// <summary>The curve of <paramref name="metric"/>, or <see langword="null"/> when not computed.</summary>
    public MetricCurve? Curve(PoolMetric metric) => Curves.FirstOrDefault(c => c.Metric == metric);
}
