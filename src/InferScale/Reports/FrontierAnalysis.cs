using InferScale.Strategies;

namespace InferScale.Reports;

/// <summary>The Pareto front of accuracy against cost over all rows (the oracle pass-at-k excluded).</summary>
internal static class FrontierAnalysis
{
    public static FrontierSummary Build(IReadOnlyList<StrategySummary> rows) =>
        new(Front(rows, r => r.Tokens), Front(rows, r => r.Flops));

    private static List<FrontierPoint> Front(IReadOnlyList<StrategySummary> rows, Func<StrategySummary, double> cost)
    {
        var front = new List<FrontierPoint>();
        var best = double.NegativeInfinity;
        foreach (var (r, _) in rows
            .Select((r, i) => (r, i))
            .Where(x => x.r.Strategy != PassAtKStrategyExtensions.Name && double.IsFinite(cost(x.r)))
            .OrderBy(x => cost(x.r)).ThenByDescending(x => x.r.Accuracy).ThenBy(x => x.i))
        {
            if (r.Accuracy <= best) continue;
            best = r.Accuracy;
            front.Add(new FrontierPoint(r.Model, r.Strategy, r.ParamsText, r.BudgetKind, r.Budget, cost(r), r.Accuracy));
        }
        return front;
    }
}
