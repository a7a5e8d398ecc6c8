namespace InferScale.Analysis;

/// <summary>A metric as a function of k.</summary>
/// <param name="Metric">The metric.</param>
/// <param name="Points">One point per k, ascending.</param>
public sealed record MetricCurve(PoolMetric Metric, IReadOnlyList<CurvePoint> Points)
{
    /// <summary>The value at <paramref name="k"/>.</summary>
    /// <exception cref="KeyNotFoundException">The curve has no point at <paramref name="k"/>.</exception>
    public double ValueAt(int k) => (Points.FirstOrDefault(p => p.K == k) ?? throw new KeyNotFoundException($"{Metric.Key()} has no point at k = {k}")).Value;
}
