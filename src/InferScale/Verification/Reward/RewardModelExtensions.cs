namespace InferScale.Verification.Reward;

/// <summary>Convenience methods over <see cref="IRewardModel"/>.</summary>
public static class RewardModelExtensions
{
    /// <summary>Scores several solutions to one prompt, at most <paramref name="maxParallelism"/> at a time; results in input order.</summary>
    public static async ValueTask<IReadOnlyList<RewardScore>> ScoreBatchAsync(
        this IRewardModel model, string prompt, IReadOnlyList<string> solutions, int maxParallelism = 4, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(solutions);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxParallelism, 1);
        var scores = new RewardScore[solutions.Count];
        await Parallel.ForAsync(0, solutions.Count, new ParallelOptions { MaxDegreeOfParallelism = maxParallelism, CancellationToken = cancellationToken },
            async (i, token) => scores[i] = await model.ScoreAsync(prompt, solutions[i], token).ConfigureAwait(false)).ConfigureAwait(false);
        return scores;
    }

    /// <summary>Aggregates step scores into one score (NaN for no steps).</summary>
    public static double Aggregate(this StepAggregation aggregation, IReadOnlyList<double> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Count == 0)
            return double.NaN;
        return aggregation switch
        {
            StepAggregation.Last => steps[^1],
            StepAggregation.Min => steps.Any(double.IsNaN) ? double.NaN : steps.Min(),
            StepAggregation.Product => steps.Aggregate(1.0, (a, b) => a * b),
            StepAggregation.Mean => steps.Average(),
            _ => throw new ArgumentOutOfRangeException(nameof(aggregation), aggregation, "Unknown step aggregation."),
        };
    }
}
