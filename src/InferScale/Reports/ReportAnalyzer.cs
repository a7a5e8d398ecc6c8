using InferScale.Experiments.Results;

namespace InferScale.Reports;

/// <summary>Turns a run's outcomes into a <see cref="RunSummary"/>: a pure function of the input (same input, same summary).</summary>
public static class ReportAnalyzer
{
    /// <summary>Analyses <paramref name="input"/> (validated first; throws <see cref="ArgumentException"/> naming a bad field).</summary>
    public static RunSummary Analyze(ReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        input.Validate();
        var names = input.Outcomes.Select(o => o.Model).Distinct(StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
        var known = input.Models.Where(m => names.Contains(m.Name)).GroupBy(m => m.Name, StringComparer.Ordinal).Select(g => g.First()).ToList();
        var models = known
            .Concat(names.Where(n => known.All(k => k.Name != n)).Order(StringComparer.Ordinal).Select(n => new ModelInfo { Name = n }))
            .ToList();

        var rows = StrategyAggregator.Aggregate(input.Outcomes, [.. models.Select(m => m.Name)], input.BootstrapResamples, input.Seed);
        var co = input.ComputeOptimal;
        return new RunSummary
        {
            Experiment = input.ExperimentName,
            Seed = input.Seed,
            WallTimeSeconds = input.WallTime?.TotalSeconds,
            Cases = input.Outcomes.Count,
            Models = models,
            Strategies = rows,
            LevelWinners = LevelWinnerAnalysis.Build(rows),
            ScalingLaws = ScalingCurveAnalysis.Build(rows),
            Frontier = FrontierAnalysis.Build(rows),
            ExchangeRate = ExchangeRateAnalysis.Build(rows, models),
            ComputeOptimal = co is null
                ? new ComputeOptimalSummary(null, null, null, null, null)
                : new ComputeOptimalSummary(co.BonAccuracy, co.BonTokens, co.TokensToMatch, co.Curve, co.Choices),
            BudgetForcing = BudgetForcingAnalysis.Build(input.Outcomes, rows),
        };
    }
}
