using System.Globalization;

namespace InferScale.Strategies;

/// <summary>
/// The policy <c>compute-optimal</c> applies without a table: a conservative one, since nothing was learned. Bins
/// split the estimate's range [0, 1] evenly (bin 0, the easiest, takes estimates ≥ 1 − 1/k; the last everything below
/// 1/k — reward scores and pass rates both lie in [0, 1]). Every bin runs <c>weighted-majority</c> (with the
/// strategy's aggregation) when the context has a reward model, else <c>majority</c>. The easiest bin gets only the
/// probe's own cost, so a question the probe already finds easy is answered by voting over the probe samples; every
/// other bin spends the whole budget (Snell: easy questions need little compute, harder ones gain from more). Learn a
/// table with <c>InferScale.Analysis.ComputeOptimal</c> for a policy that saves more.
/// </summary>
public static class ComputeOptimalBuiltInPolicy
{
    /// <summary>The built-in policy for a run with <paramref name="budget"/> whose probe cost <paramref name="probeSpent"/> (in the budget's unit).</summary>
    /// <param name="options">The strategy's options (bins, aggregation, difficulty estimate).</param>
    /// <param name="budget">The run's budget.</param>
    /// <param name="probeSpent">What the probe cost, in the budget's unit.</param>
    /// <param name="hasRewardModel">Whether the context has a reward model (weighted majority) or not (majority).</param>
    public static ComputeOptimalPolicy Create(ComputeOptimalOptions options, ComputeBudget budget, double probeSpent, bool hasRewardModel)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(budget);
        var k = options.DifficultyBins;
        var share = Math.Clamp(probeSpent / budget.Amount, 1e-12, 1);
        var unit = budget.Kind switch { BudgetKind.Samples => "samples", BudgetKind.Tokens => "tokens", _ => "flops" };
        var bins = new List<ComputeOptimalPolicyBin>(k);
        for (var b = 0; b < k; b++)
        {
            var fraction = b == 0 && k > 1 ? share : 1;
            var amount = budget.Amount * fraction;
            amount = budget.Kind == BudgetKind.Flops ? amount : Math.Max(Math.Max(1, Math.Round(probeSpent)), Math.Min(budget.Amount, Math.Round(amount)));
            SortedDictionary<string, string> parameters = new(StringComparer.Ordinal);
            if (hasRewardModel)
            {
                parameters["aggregation"] = options.Aggregation.ToString().ToLowerInvariant();
                parameters["use-recorded-scores"] = options.UseRecordedScores ? "true" : "false";
            }
            bins.Add(new ComputeOptimalPolicyBin
            {
                Bin = b,
                LowerBound = b == k - 1 ? null : 1 - (double)(b + 1) / k,
                Strategy = hasRewardModel ? WeightedMajorityStrategyExtensions.Name : MajorityStrategyExtensions.Name,
                Params = parameters,
                BudgetKind = unit,
                Budget = amount,
            });
        }
        return new ComputeOptimalPolicy
        {
            Difficulty = options.Difficulty,
            ProbeSamples = options.ProbeSamples,
            Model = string.Create(CultureInfo.InvariantCulture, $"built-in ({k} bins)"),
            Bins = bins,
        };
    }
}
