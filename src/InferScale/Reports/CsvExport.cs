using System.Globalization;
using System.Text;
using InferScale.Experiments.Results;

namespace InferScale.Reports;

/// <summary>The report's CSV files (RFC 4180: comma-separated, fields with commas, quotes or line breaks quoted; invariant numbers).</summary>
public static class CsvExport
{
    /// <summary><c>results.csv</c>: one line per strategies row, with a <c>level_X</c> column per difficulty level.</summary>
    public static string Results(RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var levels = summary.Strategies.SelectMany(r => r.ByLevel.Keys).Distinct(StringComparer.Ordinal).Order(ReportText.LevelComparer).ToList();
        var sb = new StringBuilder();
        Line(sb, ["model", "strategy", "params", "budget_kind", "budget", "accuracy", "ci_lower", "ci_upper", "tokens", "flops", "problems", "seeds", "errors",
            .. levels.Select(l => "level_" + l)]);
        foreach (var r in summary.Strategies)
        {
            Line(sb, [r.Model, r.Strategy, r.ParamsText, r.BudgetKind, ReportText.Exact(r.Budget), ReportText.Exact(r.Accuracy), ReportText.Exact(r.Ci[0]),
                ReportText.Exact(r.Ci[1]), ReportText.Exact(r.Tokens), ReportText.Exact(r.Flops), Int(r.Problems), Int(r.Seeds), Int(r.Errors),
                .. levels.Select(l => r.ByLevel.TryGetValue(l, out var a) ? ReportText.Exact(a) : "")]);
        }
        return sb.ToString();
    }

    /// <summary><c>problems.csv</c>: one line per case × problem, cases ordered by (model, strategy, params, budget kind, budget, seed, id).</summary>
    public static string Problems(IReadOnlyList<CaseOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var sb = new StringBuilder();
        Line(sb, ["case_id", "dataset", "model", "strategy", "params", "budget_kind", "budget", "seed", "problem_id", "level", "answer", "correct",
            "samples", "prompt_tokens", "cached_prompt_tokens", "completion_tokens", "verifier_tokens", "total_tokens", "flops", "budget_spent",
            "budget_exhausted", "oracle_pass", "mean_score", "failures", "error"]);
        foreach (var c in outcomes
            .OrderBy(c => c.Model, StringComparer.Ordinal).ThenBy(c => c.Strategy, StringComparer.Ordinal)
            .ThenBy(c => ReportText.ParamsKey(c.Params), StringComparer.Ordinal).ThenBy(c => c.BudgetKind, StringComparer.Ordinal)
            .ThenBy(c => c.Budget).ThenBy(c => c.Seed).ThenBy(c => c.CaseId, StringComparer.Ordinal))
        {
            var parameters = ReportText.Params(c.Params);
            foreach (var p in c.Problems)
            {
                Line(sb, [c.CaseId, c.Dataset, c.Model, c.Strategy, parameters, c.BudgetKind, ReportText.Exact(c.Budget),
                    c.Seed.ToString(CultureInfo.InvariantCulture), p.ProblemId, p.Level ?? "", p.Answer ?? "",
                    p.Correct is { } ok ? (ok ? "true" : "false") : "", Int(p.Samples), Long(p.PromptTokens), Long(p.CachedPromptTokens),
                    Long(p.CompletionTokens), Long(p.VerifierTokens), Long(p.TotalTokens), ReportText.Exact(p.Flops), ReportText.Exact(p.BudgetSpent),
                    p.BudgetExhausted ? "true" : "false", p.OraclePass is { } o ? ReportText.Exact(o) : "",
                    p.MeanScore is { } m ? ReportText.Exact(m) : "", Int(p.Failures), p.Error ?? ""]);
            }
        }
        return sb.ToString();
    }

    /// <summary>One CSV field: quoted (quotes doubled) when it holds a comma, quote or line break, or starts or ends with a space.</summary>
    internal static string Field(string value)
    {
        var quote = value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (value.Length > 0 && (value[0] == ' ' || value[^1] == ' '));
        return quote ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static void Line(StringBuilder sb, IEnumerable<string> fields) => sb.AppendJoin(',', fields.Select(Field)).Append("\r\n");

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Long(long value) => value.ToString(CultureInfo.InvariantCulture);
}
