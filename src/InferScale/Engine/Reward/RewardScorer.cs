using InferScale.Verification.Reward;

namespace InferScale.Engine.Reward;

/// <summary>A named way to turn a reward model's verdict into one score: its final score, or an aggregate of its step scores.</summary>
/// <param name="Name">Label in reports, e.g. <c>PRM (min)</c>.</param>
/// <param name="Model">The reward model (scored once per solution however many scorers share it).</param>
/// <param name="Aggregation">How step scores become one score; <see langword="null"/> = <see cref="RewardScore.Final"/>.</param>
public sealed record RewardScorer(string Name, IRewardModel Model, StepAggregation? Aggregation = null)
{
    /// <summary>The score of <paramref name="score"/> under this scorer (NaN when it failed).</summary>
    public double Apply(RewardScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        if (Aggregation is not { } a || score.StepScores.Count == 0)
            return score.Final;
        return a.Aggregate(score.StepScores);
    }
}
