using System.ComponentModel;

namespace InferScale.Strategies;

/// <summary>Options shared by the strategies that rank or weight whole samples by a reward model.</summary>
public abstract record RewardOptions : ScalingStrategyOptions
{
    /// <summary>How a PRM's step scores become one score. Default <see cref="StepAggregation.Last"/> (Snell et al.); outcome-only scores are used as they are.</summary>
    [Description("How PRM step scores become one score: last, min, product, mean, or final (the ORM score).")]
    public StepAggregation Aggregation { get; init; } = StepAggregation.Last;

    /// <summary>
    /// Use a score the sample already carries (a replayed pool's recorded reward) instead of calling the reward model.
    /// Default true; samples without one are scored by the model.
    /// </summary>
    [Description("Use scores recorded with replayed samples instead of calling the reward model.")]
    public bool UseRecordedScores { get; init; } = true;
}
