using System.Globalization;
using InferScale.Compute;
using InferScale.Experiments.Results;
using InferScale.Strategies;

namespace InferScale.Reports;

/// <summary>
/// Snell et al.'s FLOPs-matched view: with total compute <c>6·N·D_pretrain + 2·N·D_inference</c> and
/// <c>R = D_inference / D_pretrain</c>, the small model (N) matches the large one (M·N) when it spends
/// <c>M + 3·(M − 1)/R</c> times its own greedy inference compute, i.e. <c>(M + 3·(M − 1)/R) / M</c> times the large
/// model's greedy FLOPs per problem.
/// </summary>
internal static class ExchangeRateAnalysis
{
    /// <summary>The ratios R of Snell et al. (Figure: 0.16, 0.79 and 22).</summary>
    public static IReadOnlyList<double> Ratios { get; } = [0.16, 0.79, 22];

    /// <summary>Accuracies closer than this are a tie.</summary>
    private const double Tie = 1e-9;

    public static ExchangeRateSummary Build(IReadOnlyList<StrategySummary> rows, IReadOnlyList<ModelInfo> models)
    {
        var present = rows.Select(r => r.Model).Distinct(StringComparer.Ordinal).ToList();
        var sized = models
            .Where(m => m.Parameters is > 0 && present.Contains(m.Name, StringComparer.Ordinal))
            .OrderBy(m => m.Parameters!.Value).ThenBy(m => m.Name, StringComparer.Ordinal)
            .ToList();
        if (present.Count < 2)
            return Missing($"only one policy model ({(present.Count == 1 ? present[0] : "none")}) in this run: the exchange-rate view compares a small model with test-time compute against a larger model's greedy, so it needs two models of different sizes");
        if (sized.Count < 2)
            return Missing($"the sizes (parameters) of fewer than two of the run's models are known ({string.Join(", ", present)}); give each model's parameters to compare them at matched FLOPs");
        var small = sized[0];
        var large = sized[^1];
        if (large.Parameters == small.Parameters)
            return Missing($"the run's models all have {small.Parameters} parameters: no smaller model to trade pretraining for inference compute");

        var m = (double)large.Parameters!.Value / small.Parameters!.Value;
        var summary = new ExchangeRateSummary { SmallModel = small.Name, LargeModel = large.Name, SizeRatio = m, Rows = [] };
        var greedy = rows
            .Where(r => r.Model == large.Name && r.Strategy == GreedyStrategyExtensions.Name)
            .OrderBy(r => r.BudgetKind == "samples" ? 0 : 1).ThenBy(r => r.Budget)
            .FirstOrDefault();
        if (greedy is null)
            return summary with { Note = $"no greedy row for the large model {large.Name}: add the greedy strategy for it to compare at matched FLOPs" };
        if (!(greedy.Flops > 0))
            return summary with { Note = $"the greedy row of {large.Name} reports no FLOPs" };

        var candidates = rows.Where(r => r.Model == small.Name && r.Strategy != PassAtKStrategyExtensions.Name).ToList();
        var result = new List<ExchangeRateRow>();
        foreach (var ratio in Ratios)
        {
            var multiplier = ExchangeRate.InferenceMultiplier(m, ratio);
            var budget = greedy.Flops * multiplier / m;
            var best = candidates
                .Where(r => r.Flops <= budget)
                .OrderByDescending(r => r.Accuracy).ThenBy(r => r.Flops).ThenBy(r => r.Strategy, StringComparer.Ordinal)
                .FirstOrDefault();
            var winner = best is null || best.Accuracy < greedy.Accuracy - Tie ? "large greedy"
                : best.Accuracy > greedy.Accuracy + Tie ? "small+test-time" : "tie";
            result.Add(new ExchangeRateRow
            {
                R = ratio,
                Multiplier = multiplier,
                FlopsBudget = budget,
                SmallStrategy = best?.Strategy,
                SmallParamsText = best?.ParamsText,
                SmallBudgetKind = best?.BudgetKind,
                SmallBudget = best?.Budget,
                SmallAccuracy = best?.Accuracy,
                SmallFlops = best?.Flops,
                Winner = winner,
            });
        }

        var note = result.Any(r => r.SmallStrategy is null)
            ? $"at some R no row of {small.Name} fits the matched FLOPs budget (the large greedy wins there by default)"
            : null;
        if (sized.Count > 2 || present.Count > sized.Count)
            note = (note is null ? "" : note + "; ") + string.Create(CultureInfo.InvariantCulture, $"compared the smallest and largest sized models of {present.Count}");
        return summary with { LargeGreedyAccuracy = greedy.Accuracy, LargeGreedyFlops = greedy.Flops, Rows = result, Note = note };
    }

    private static ExchangeRateSummary Missing(string note) => new() { Note = note, Rows = [] };
}
