using System.Globalization;

namespace InferScale.Reports;

/// <summary>The report's tables, as text cells (shared by <c>summary.md</c> and <c>report.html</c>).</summary>
internal static class ReportTables
{
    public static string Header(RunSummary s)
    {
        var models = string.Join(", ", s.Models.Select(m => m.Parameters is { } p ? $"{m.Name} ({p.ToString("N0", CultureInfo.InvariantCulture)} parameters)" : m.Name));
        var problems = s.Strategies.Count == 0 ? 0 : s.Strategies.Max(r => r.Problems);
        var wall = s.WallTimeSeconds is { } w ? string.Create(CultureInfo.InvariantCulture, $", wall time {w:0.0} s") : "";
        return $"{s.Cases} cases, {s.Strategies.Count} rows, up to {problems} problems per row, seed {s.Seed}{wall}. Models: {(models.Length == 0 ? "none" : models)}. " +
               "Accuracy is the mean over problems (errors count as wrong) with a 95% bootstrap interval over problems; tokens and FLOPs are means per problem.";
    }

    public static ReportTable Main(RunSummary s) => new(
        ["model", "strategy", "params", "budget", "accuracy", "95% CI", "tokens", "FLOPs", "problems", "seeds"],
        [.. s.Strategies.Select(r => (IReadOnlyList<string>)[
            r.Model, r.Strategy, r.ParamsText, ReportText.Budget(r.Budget, r.BudgetKind), ReportText.Percent(r.Accuracy),
            $"{ReportText.Percent(r.Ci[0])}–{ReportText.Percent(r.Ci[1])}", ReportText.Mean(r.Tokens), ReportText.Flops(r.Flops),
            r.Problems.ToString(CultureInfo.InvariantCulture), r.Seeds.ToString(CultureInfo.InvariantCulture)])],
        new HashSet<int> { 3, 4, 5, 6, 7, 8, 9 }, "no finished cases");

    /// <summary>Budgets down, levels across; each cell names the winner and its accuracy on the level.</summary>
    public static ReportTable Winners(RunSummary s)
    {
        var multiModel = s.Models.Count > 1;
        var levels = s.Strategies.SelectMany(r => r.ByLevel.Keys).Distinct(StringComparer.Ordinal).Order(ReportText.LevelComparer).ToList();
        var rows = s.LevelWinners
            .GroupBy(w => (w.BudgetKind, w.Budget))
            .OrderBy(g => g.Key.BudgetKind, StringComparer.Ordinal).ThenBy(g => g.Key.Budget)
            .Select(g => (IReadOnlyList<string>)[
                ReportText.Budget(g.Key.Budget, g.Key.BudgetKind),
                .. levels.Select(l => g.FirstOrDefault(w => w.Level == l) is { } w
                    ? $"{(multiModel ? w.Model + ": " : "")}{ReportText.Series(w.Strategy, w.ParamsText, "samples")} {ReportText.Percent(w.Accuracy)}{(w.Tied > 0 ? $" (+{w.Tied} tied)" : "")}"
                    : "—")])
            .ToList();
        return new(["budget", .. levels.Select(l => "level " + l)], rows, new HashSet<int> { 0 }, "no difficulty levels in the data");
    }

    public static ReportTable Laws(RunSummary s) => new(
        ["model", "curve", "params", "law", "fit", "R²", $"predicted at {ReportText.Number(ScalingCurveAnalysis.ExtrapolationFactor)}× the largest budget"],
        [.. s.ScalingLaws.Select(c => (IReadOnlyList<string>)[
            c.Model, c.Strategy, c.ParamsText, c.Law == "coverage" ? "exp(a·k^b)" : "A − B·k^(−β)", Fit(c),
            c.RSquared is { } r2 ? r2.ToString("0.000", CultureInfo.InvariantCulture) : "—",
            c.Fitted.Count > 0 ? $"{ReportText.Percent(c.Fitted[^1].Value)} at k = {ReportText.Number(c.Fitted[^1].Budget)}" : "—"])],
        new HashSet<int> { 5 }, "no pass-at-k or majority rows over sample budgets");

    private static string Fit(ScalingCurve c) =>
        c.Note ?? (c.Law == "coverage"
            ? string.Create(CultureInfo.InvariantCulture, $"a = {c.A:0.###}, b = {c.B:0.###}")
            : string.Create(CultureInfo.InvariantCulture, $"A = {c.Asymptote:0.###}, B = {c.Scale:0.###}, β = {c.Exponent:0.###}"));

    public static ReportTable Frontier(IReadOnlyList<FrontierPoint> points, string axis) => new(
        ["model", "strategy", "params", "budget", axis == "tokens" ? "mean tokens" : "mean FLOPs", "accuracy"],
        [.. points.Select(p => (IReadOnlyList<string>)[
            p.Model, p.Strategy, p.ParamsText, ReportText.Budget(p.Budget, p.BudgetKind),
            axis == "tokens" ? ReportText.Mean(p.Cost) : ReportText.Flops(p.Cost), ReportText.Percent(p.Accuracy)])],
        new HashSet<int> { 3, 4, 5 }, "no rows");

    public static ReportTable ComputeOptimal(RunSummary s)
    {
        var co = s.ComputeOptimal;
        if (co.Bon64Accuracy is null)
            return new(["weighted best-of-64 accuracy", "its tokens", "tokens to match"], [], new HashSet<int>(), "no compute-optimal analysis in this run");
        return new(
            ["weighted best-of-64 accuracy", "its mean tokens", "compute-optimal tokens to match it"],
            [[ReportText.Percent(co.Bon64Accuracy.Value), ReportText.Mean(co.Bon64Tokens ?? 0),
              co.TokensToMatchBon64 is { } t ? ReportText.Mean(t) : "never matched"]],
            new HashSet<int> { 0, 1, 2 }, "");
    }

    public static ReportTable Choices(RunSummary s) => new(
        ["difficulty bin", "range", "strategy", "params", "budget", "accuracy"],
        [.. (s.ComputeOptimal.Choices ?? []).Select(c => (IReadOnlyList<string>)[
            c.Bin, c.DifficultyRange, c.Strategy, c.Params, ReportText.Number(c.Budget), ReportText.Percent(c.Accuracy)])],
        new HashSet<int> { 4, 5 }, "no bins");

    public static ReportTable Exchange(RunSummary s)
    {
        var x = s.ExchangeRate;
        return new(
            ["R = D_inf/D_pre", "allowed × own greedy", "matched FLOPs/problem", $"{x.LargeModel} greedy", $"best {x.SmallModel} row", "its accuracy", "winner"],
            [.. x.Rows.Select(r => (IReadOnlyList<string>)[
                ReportText.Number(r.R), r.Multiplier.ToString("0.00", CultureInfo.InvariantCulture), ReportText.Flops(r.FlopsBudget),
                ReportText.Percent(x.LargeGreedyAccuracy ?? 0),
                r.SmallStrategy is null ? "none fits" : $"{ReportText.Series(r.SmallStrategy, r.SmallParamsText ?? "", r.SmallBudgetKind ?? "samples")} @ {ReportText.Budget(r.SmallBudget ?? 0, r.SmallBudgetKind ?? "samples")}",
                r.SmallAccuracy is { } a ? ReportText.Percent(a) : "—", r.Winner])],
            new HashSet<int> { 0, 1, 2, 3, 5 }, "no comparison");
    }

    /// <summary>s1's metrics, one row per set of thinking budgets.</summary>
    public static ReportTable BudgetForcingMetrics(RunSummary s) => new(
        ["model", "mode", "budget", "params", "thinking budgets", "Control", "Scaling (pp per 100 thinking tokens)", "Performance"],
        [.. s.BudgetForcing.Select(b => (IReadOnlyList<string>)[
            b.Model, b.Mode, ReportText.Budget(b.Budget, b.BudgetKind), b.ParamsText,
            b.Rows.Count.ToString(CultureInfo.InvariantCulture), ReportText.Percent(b.Control),
            b.Scaling is { } slope ? (10_000 * slope).ToString("+0.00;−0.00;0.00", CultureInfo.InvariantCulture) + $" ({b.Pairs} pairs)" : "— (no two budgets differ in thinking)",
            ReportText.Percent(b.Performance)])],
        new HashSet<int> { 2, 4, 5, 6, 7 }, "no budget-forcing rows at two or more thinking budgets");

    /// <summary>Every thinking budget of every set: accuracy against the thinking actually used.</summary>
    public static ReportTable BudgetForcingRows(RunSummary s) => new(
        ["model", "mode", "budget", "thinking bounds", "params", "accuracy", "95% CI", "mean thinking tokens", "within bounds", "capped", "waits per trace", "tokens"],
        [.. s.BudgetForcing.SelectMany(b => b.Rows.Select(r => (IReadOnlyList<string>)[
            b.Model, b.Mode, ReportText.Budget(b.Budget, b.BudgetKind),
            $"[{r.MinThinkingTokens.ToString(CultureInfo.InvariantCulture)}, {r.ThinkingBudget.ToString(CultureInfo.InvariantCulture)}]", r.ParamsText,
            ReportText.Percent(r.Accuracy), $"{ReportText.Percent(r.Ci[0])}–{ReportText.Percent(r.Ci[1])}", ReportText.Mean(r.ThinkingTokens),
            ReportText.Percent(r.WithinBounds), ReportText.Percent(r.Capped), r.Waits.ToString("0.00", CultureInfo.InvariantCulture), ReportText.Mean(r.Tokens)]))],
        new HashSet<int> { 2, 5, 6, 7, 8, 9, 10, 11 }, "no budget-forcing rows at two or more thinking budgets");

    public static ReportTable Reproducibility(RunSummary s) => new(
        ["model", "same request twice → same samples", "batched = one at a time", "distinct of 4 probe samples", "probe error"],
        [.. s.Models.Where(m => m.Reproducibility is not null).Select(m => (IReadOnlyList<string>)[
            m.Name, YesNo(m.Reproducibility!.Repeatable), YesNo(m.Reproducibility.BatchInvariant),
            m.Reproducibility.DistinctSamples.ToString(CultureInfo.InvariantCulture), m.Reproducibility.Error ?? ""])],
        new HashSet<int> { 3 }, "no backend was probed");

    private static string YesNo(bool? value) => value switch { true => "yes", false => "NO", null => "unknown" };
}
