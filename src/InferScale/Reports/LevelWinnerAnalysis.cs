using InferScale.Strategies;

namespace InferScale.Reports;

/// <summary>Finds the most accurate row per difficulty level at each budget (the oracle pass-at-k excluded).</summary>
internal static class LevelWinnerAnalysis
{
    public static IReadOnlyList<LevelWinner> Build(IReadOnlyList<StrategySummary> rows)
    {
        var winners = new List<LevelWinner>();
        var candidates = rows.Where(r => r.Strategy != PassAtKStrategyExtensions.Name).Select((r, i) => (r, i)).ToList();
        foreach (var budget in candidates.GroupBy(x => (x.r.BudgetKind, x.r.Budget)).OrderBy(g => g.Key.BudgetKind, StringComparer.Ordinal).ThenBy(g => g.Key.Budget))
        {
            var levels = budget.SelectMany(x => x.r.ByLevel.Keys).Distinct(StringComparer.Ordinal).Order(ReportText.LevelComparer);
            foreach (var level in levels)
            {
                var contenders = budget.Where(x => x.r.ByLevel.ContainsKey(level)).ToList();
                var best = contenders
                    .OrderByDescending(x => x.r.ByLevel[level])
                    .ThenBy(x => x.r.Tokens)
                    .ThenBy(x => x.i)
                    .First().r;
                var accuracy = best.ByLevel[level];
                if (accuracy <= 0) continue;
                var tied = contenders.Count(x => x.r.ByLevel[level] == accuracy) - 1;
                winners.Add(new LevelWinner(best.BudgetKind, best.Budget, level, best.Model, best.Strategy, best.ParamsText, accuracy, contenders.Count, tied));
            }
        }
        return winners;
    }
}
