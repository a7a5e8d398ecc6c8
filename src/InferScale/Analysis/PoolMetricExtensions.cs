namespace InferScale.Analysis;

/// <summary>Names of <see cref="PoolMetric"/> values as used in reports.</summary>
public static class PoolMetricExtensions
{
    /// <summary>The report key: <c>pass@k</c>, <c>maj@k</c>, <c>bon@k</c> or <c>weighted_maj@k</c>.</summary>
    public static string Key(this PoolMetric metric) => metric switch
    {
        PoolMetric.PassAtK => "pass@k",
        PoolMetric.MajorityAtK => "maj@k",
        PoolMetric.BestOfK => "bon@k",
        PoolMetric.WeightedMajorityAtK => "weighted_maj@k",
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "unknown metric"),
    };
}
