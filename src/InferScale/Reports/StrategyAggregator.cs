using System.Text.Json;
using InferScale.Analysis;
using InferScale.Experiments.Results;

namespace InferScale.Reports;

/// <summary>Aggregates case outcomes into one <see cref="StrategySummary"/> per (model, strategy, params, budget kind, budget).</summary>
internal static class StrategyAggregator
{
    private const double ConfidenceLevel = 0.95;

    /// <summary>The rows, in report order (models as <paramref name="modelOrder"/>, then strategy, params, budget kind, budget).</summary>
    public static IReadOnlyList<StrategySummary> Aggregate(IReadOnlyList<CaseOutcome> outcomes, IReadOnlyList<string> modelOrder, int resamples, ulong seed)
    {
        var groups = outcomes
            .Where(o => o.Problems.Count > 0)
            .GroupBy(o => (o.Model, o.Strategy, Params: ReportText.ParamsKey(o.Params), o.BudgetKind, o.Budget))
            .Select(g => Build([.. g]))
            .ToList();

        // Bootstrap: rows over the same problem set share resamples (one call per set), so their intervals are paired.
        var rows = new StrategySummary[groups.Count];
        foreach (var set in groups.Select((g, i) => (g, i)).GroupBy(x => string.Join("\n", x.g.ProblemIds), StringComparer.Ordinal))
        {
            var members = set.ToList();
            var series = members.Select(m => m.g.PerProblem).ToArray();
            var problems = Enumerable.Range(0, members[0].g.ProblemIds.Length).ToArray();
            var means = Bootstrap.ResampleMeans(series, problems, resamples, seed, new ParallelOptions());
            for (var s = 0; s < members.Count; s++)
            {
                var ci = Bootstrap.Interval(means[s], ConfidenceLevel) ?? new ConfidenceInterval(members[s].g.Row.Accuracy, members[s].g.Row.Accuracy);
                rows[members[s].i] = members[s].g.Row with { Ci = [ci.Lower, ci.Upper] };
            }
        }

        var modelRank = modelOrder.Select((m, i) => (m, i)).ToDictionary(x => x.m, x => x.i, StringComparer.Ordinal);
        return [.. rows
            .OrderBy(r => modelRank.TryGetValue(r.Model, out var i) ? i : int.MaxValue)
            .ThenBy(r => r.Model, StringComparer.Ordinal)
            .ThenBy(r => r.Strategy, StringComparer.Ordinal)
            .ThenBy(r => r.ParamsText, StringComparer.Ordinal)
            .ThenBy(r => r.BudgetKind, StringComparer.Ordinal)
            .ThenBy(r => r.Budget)];
    }

    private static (StrategySummary Row, string[] ProblemIds, double[] PerProblem) Build(IReadOnlyList<CaseOutcome> cases)
    {
        var first = cases[0];
        var perProblem = new SortedDictionary<string, (double Correct, int Count, string? Level)>(StringComparer.Ordinal);
        double tokens = 0, flops = 0;
        var outcomes = 0;
        var errors = 0;
        foreach (var c in cases.OrderBy(c => c.Seed).ThenBy(c => c.CaseId, StringComparer.Ordinal))
        {
            foreach (var p in c.Problems)
            {
                var correct = p.Error is null && p.Correct == true ? 1.0 : 0.0;
                perProblem[p.ProblemId] = perProblem.TryGetValue(p.ProblemId, out var e)
                    ? (e.Correct + correct, e.Count + 1, e.Level ?? p.Level)
                    : (correct, 1, p.Level);
                tokens += p.TotalTokens;
                flops += p.Flops;
                outcomes++;
                if (p.Error is not null) errors++;
            }
        }

        var ids = perProblem.Keys.ToArray();
        var values = perProblem.Values.Select(v => v.Correct / v.Count).ToArray();
        var byLevel = new SortedDictionary<string, double>(ReportText.LevelComparer);
        foreach (var level in perProblem.Values.Where(v => v.Level is not null).GroupBy(v => v.Level!, StringComparer.Ordinal))
            byLevel[level.Key] = level.Average(v => v.Correct / v.Count);

        var parameters = new SortedDictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (k, v) in first.Params) parameters[k] = v;
        var accuracy = values.Average();
        var row = new StrategySummary
        {
            Model = first.Model,
            Strategy = first.Strategy,
            Params = parameters,
            ParamsText = ReportText.Params(first.Params),
            Budget = first.Budget,
            BudgetKind = first.BudgetKind,
            Accuracy = accuracy,
            Ci = [accuracy, accuracy],
            Tokens = tokens / outcomes,
            Flops = flops / outcomes,
            Problems = ids.Length,
            Seeds = cases.Select(c => c.Seed).Distinct().Count(),
            Errors = errors,
            ByLevel = byLevel,
        };
        return (row, ids, values);
    }
}
