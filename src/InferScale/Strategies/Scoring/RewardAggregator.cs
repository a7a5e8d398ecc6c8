using InferScale.Verification.Reward;

namespace InferScale.Strategies;

/// <summary>Turns a <see cref="RewardScore"/> into one number by a <see cref="StepAggregation"/>.</summary>
public static class RewardAggregator
{
    /// <summary>
    /// Aggregates <paramref name="score"/>'s step scores by <paramref name="aggregation"/>; an outcome-only score (no
    /// steps) and <see cref="StepAggregation.Final"/> give <see cref="RewardScore.Final"/>.
    /// </summary>
    public static double Aggregate(RewardScore score, StepAggregation aggregation)
    {
        ArgumentNullException.ThrowIfNull(score);
        return Aggregate(score.StepScores, score.Final, aggregation);
    }

    /// <summary>Aggregates <paramref name="steps"/> (falling back to <paramref name="final"/> when empty or for <see cref="StepAggregation.Final"/>).</summary>
    public static double Aggregate(IReadOnlyList<double>? steps, double final, StepAggregation aggregation)
    {
        if (steps is null || steps.Count == 0 || aggregation == StepAggregation.Final)
            return final;
        return aggregation switch
        {
            StepAggregation.Last => steps[^1],
            StepAggregation.Min => steps.Min(),
            StepAggregation.Product => steps.Aggregate(1.0, (p, s) => p * s),
            StepAggregation.Mean => steps.Average(),
            _ => throw new ArgumentOutOfRangeException(nameof(aggregation), aggregation, "Unknown step aggregation."),
        };
    }
}
