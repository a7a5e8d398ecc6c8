using InferScale.Generation;

namespace InferScale.Strategies;

/// <summary>Draws whole samples by index, as many as asked or as the budget allows, in as few calls as it allows.</summary>
internal static class SampleDraw
{
    /// <summary>The most samples a whole-sample strategy asks for when the budget is in tokens or FLOPs.</summary>
    public const int MaxSamples = 4096;

    /// <summary>The number of samples a budget allows at most: its amount for a samples budget, else <see cref="MaxSamples"/>.</summary>
    public static int Limit(ComputeBudget budget) =>
        budget.Kind == BudgetKind.Samples ? (int)Math.Min(budget.Amount, int.MaxValue) : MaxSamples;

    /// <summary>
    /// Draws samples <c>firstIndex …</c> up to <paramref name="count"/> of them, calling again while the budget trims a
    /// call, and stopping when it refuses one. Always a prefix of the requested indices.
    /// </summary>
    public static async ValueTask<List<Sample>> DrawAsync(
        StrategyRun run, int firstIndex, int count, SamplingOptions? sampling, CancellationToken cancellationToken)
    {
        var drawn = new List<Sample>(Math.Min(count, 1024));
        while (drawn.Count < count)
        {
            var batch = await run.SampleAsync(firstIndex + drawn.Count, count - drawn.Count, sampling, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
                break;
            drawn.AddRange(batch);
        }
        return drawn;
    }
}
