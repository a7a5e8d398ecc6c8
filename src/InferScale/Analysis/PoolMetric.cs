namespace InferScale.Analysis;

/// <summary>A whole-sample metric computed over k samples per problem.</summary>
public enum PoolMetric
{
    /// <summary>Coverage: some of the k samples is correct (unbiased estimator, exact).</summary>
    PassAtK,

    /// <summary>Majority vote over the k samples' answers, grouped by equivalence.</summary>
    MajorityAtK,

    /// <summary>Best-of-k: the sample with the highest reward score.</summary>
    BestOfK,

    /// <summary>Weighted majority: the answer group with the largest sum of reward scores.</summary>
    WeightedMajorityAtK,
}
