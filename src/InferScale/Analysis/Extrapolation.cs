namespace InferScale.Analysis;

/// <summary>A metric predicted beyond the pool's samples per problem by its fitted law.</summary>
/// <param name="Metric">The metric (pass@k by the coverage law; the others by the saturating law).</param>
/// <param name="K">The k predicted at.</param>
/// <param name="Value">The prediction, clamped to [0, 1].</param>
/// <param name="Interval">Percentile interval of the predictions of laws fitted to bootstrap resamples; <see langword="null"/> when not bootstrapped.</param>
public sealed record Extrapolation(PoolMetric Metric, int K, double Value, ConfidenceInterval? Interval);
