using System.Globalization;
using System.Text.Json;
using InferScale.Analysis;
using InferScale.Experiments.Results;
using InferScale.Strategies;

namespace InferScale.Reports;

/// <summary>
/// Groups the <c>budget-forcing</c> rows into sets of thinking budgets (<see cref="BudgetForcingSeries"/>) and computes s1's
/// Control, Scaling and Performance for each set of two or more (<see cref="BudgetForcingMetrics"/>).
/// </summary>
internal static class BudgetForcingAnalysis
{
    private const string ThinkingBudgetKey = "thinking-budget";
    private const string MinThinkingKey = "min-thinking-tokens";
    private const string WaitsKey = "waits";
    private static readonly string[] Modes = ["cap", "extend", "wait"];

    public static IReadOnlyList<BudgetForcingSeries> Build(IReadOnlyList<CaseOutcome> outcomes, IReadOnlyList<StrategySummary> rows)
    {
        var cases = outcomes
            .Where(o => o.Strategy == BudgetForcingStrategyExtensions.Name)
            .ToLookup(o => (o.Model, Params: ReportText.ParamsKey(o.Params), o.BudgetKind, o.Budget));
        var defaults = new BudgetForcingOptions();
        var series = new List<BudgetForcingSeries>();
        var measured = rows
            .Select((r, i) => (r, i))
            .Where(x => x.r.Strategy == BudgetForcingStrategyExtensions.Name)
            .Select(x => (x.r, x.i, Row: Measure(x.r, [.. cases[(x.r.Model, ReportText.ParamsKey(x.r.Params), x.r.BudgetKind, x.r.Budget)]], defaults)))
            .Where(x => x.Row is not null)
            .ToList();
        foreach (var group in measured.GroupBy(x => (x.r.Model, x.r.BudgetKind, x.r.Budget, Others: OtherParams(x.r.Params), Mode: Mode(x.Row!))))
        {
            if (group.Count() < 2) continue;
            var points = group.Select(x => x.Row!)
                .OrderBy(r => r.ThinkingTokens).ThenBy(r => r.ThinkingBudget).ThenBy(r => r.MinThinkingTokens).ThenBy(r => r.ParamsText, StringComparer.Ordinal)
                .ToList();
            var metrics = BudgetForcingMetrics.Compute([.. points.Select(p => new BudgetForcingPoint(p.ThinkingTokens, p.Accuracy, p.WithinBounds))]);
            series.Add(new BudgetForcingSeries
            {
                Model = group.Key.Model,
                BudgetKind = group.Key.BudgetKind,
                Budget = group.Key.Budget,
                Mode = group.Key.Mode,
                ParamsText = group.Key.Others,
                Rows = points,
                Control = metrics.Control,
                Scaling = metrics.Scaling,
                Performance = metrics.Performance,
                Pairs = metrics.Pairs,
            });
        }
        // Models in report order (rows come model first), then budget, other parameters and mode.
        var modelRank = rows.Select((r, i) => (r.Model, i)).GroupBy(x => x.Model, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Min(x => x.i), StringComparer.Ordinal);
        return [.. series
            .OrderBy(s => modelRank[s.Model])
            .ThenBy(s => s.BudgetKind, StringComparer.Ordinal).ThenBy(s => s.Budget)
            .ThenBy(s => s.ParamsText, StringComparer.Ordinal)
            .ThenBy(s => Array.IndexOf(Modes, s.Mode))];
    }

    /// <summary><c>cap</c> (no minimum), <c>wait</c> (minimum ≥ maximum: every end of thinking suppressed up to <c>waits</c> times, s1's "Wait ×n") or <c>extend</c>.</summary>
    private static string Mode(BudgetForcingRow row) =>
        row.MinThinkingTokens <= 0 ? "cap" : row.MinThinkingTokens >= row.ThinkingBudget ? "wait" : "extend";

    private static string OtherParams(IReadOnlyDictionary<string, JsonElement> parameters) =>
        ReportText.Params(parameters.Where(p => p.Key is not (ThinkingBudgetKey or MinThinkingKey or WaitsKey)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));

    private static BudgetForcingRow? Measure(StrategySummary row, IReadOnlyList<CaseOutcome> cases, BudgetForcingOptions defaults)
    {
        var problems = cases.SelectMany(c => c.Problems).Where(p => p.Metrics.ContainsKey("thinking-tokens")).ToList();
        if (problems.Count == 0) return null;
        var recorded = problems.FirstOrDefault(p => p.Metrics.ContainsKey(ThinkingBudgetKey));
        var max = recorded is not null ? (int)recorded.Metrics[ThinkingBudgetKey] : Parameter(row.Params, ThinkingBudgetKey) ?? defaults.ThinkingBudget;
        var min = recorded is not null && recorded.Metrics.TryGetValue(MinThinkingKey, out var m) ? (int)m : Parameter(row.Params, MinThinkingKey) ?? defaults.MinThinkingTokens;
        double Mean(string key) => problems.Average(p => p.Metrics.GetValueOrDefault(key));
        return new BudgetForcingRow
        {
            ThinkingBudget = max,
            MinThinkingTokens = min,
            ParamsText = row.ParamsText,
            Accuracy = row.Accuracy,
            Ci = row.Ci,
            ThinkingTokens = Mean("thinking-tokens"),
            WithinBounds = Mean("within-bounds"),
            Capped = Mean("capped"),
            Waits = problems.Average(p => p.Metrics.GetValueOrDefault("waits") / Math.Max(1, p.Metrics.GetValueOrDefault("traces", 1))),
            Tokens = row.Tokens,
        };
    }

    /// <summary>An integer parameter given as a JSON number or a numeric string; null when absent or not an integer.</summary>
    private static int? Parameter(IReadOnlyDictionary<string, JsonElement> parameters, string key)
    {
        if (!parameters.TryGetValue(key, out var value)) return null;
        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt32(out var n) => n,
            JsonValueKind.String when int.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
            _ => null,
        };
    }
}
