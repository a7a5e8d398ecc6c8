using InferScale.Experiments.Results;
using InferScale.Reports;
using static InferScale.Tests.Reports.ReportTestData;

namespace InferScale.Tests.Reports;

public sealed class ReportAnalyzerTests
{
    private static ReportInput Input(IReadOnlyList<CaseOutcome> outcomes, IReadOnlyList<ModelInfo>? models = null) => new()
    {
        ExperimentName = "synthetic",
        Outcomes = outcomes,
        Models = models ?? [],
        Seed = 7,
        BootstrapResamples = 200,
    };

    [Fact]
    public void Analyze_TwoSeeds_AveragesPerProblemThenOverProblems()
    {
        // Seed 1: p1 right, p2 wrong, p3 error (wrong), p4 unknown (wrong). Seed 2: p1 right, p2 right, p3 wrong, p4 right.
        var parameters = new Dictionary<string, System.Text.Json.JsonElement> { ["temperature"] = Json("0.8"), ["a"] = Json("\"x\"") };
        var outcomes = new[]
        {
            Case("m", "majority", 4, 1, [Problem("p1", "1", true, 100, 10), Problem("p2", "2", false, 200, 20), Problem("p3", "2", true, 300, 30, error: "boom"), Problem("p4", null, null, 400, 40)], parameters),
            Case("m", "majority", 4, 2, [Problem("p1", "1", true, 100, 10), Problem("p2", "2", true, 200, 20), Problem("p3", "2", false, 300, 30), Problem("p4", null, true, 400, 40)], parameters),
        };

        var row = Assert.Single(ReportAnalyzer.Analyze(Input(outcomes)).Strategies);

        Assert.Equal((1.0 + 0.5 + 0.0 + 0.5) / 4, row.Accuracy, 12);
        Assert.Equal(250, row.Tokens, 12);
        Assert.Equal(25, row.Flops, 12);
        Assert.Equal(4, row.Problems);
        Assert.Equal(2, row.Seeds);
        Assert.Equal(1, row.Errors);
        Assert.Equal(["1", "2"], row.ByLevel.Keys);
        Assert.Equal(1.0, row.ByLevel["1"], 12);
        Assert.Equal(0.25, row.ByLevel["2"], 12);
        Assert.Equal("a=x, temperature=0.8", row.ParamsText);
        Assert.Equal(["a", "temperature"], row.Params.Keys);
        Assert.True(row.Ci[0] <= row.Accuracy && row.Accuracy <= row.Ci[1]);
        Assert.True(row.Ci[0] < row.Ci[1]);
    }

    [Fact]
    public void Analyze_AllCorrect_IntervalIsThePoint()
    {
        var row = Assert.Single(ReportAnalyzer.Analyze(Input([Case("m", "greedy", 1, 1, [Problem("p1", "1", true), Problem("p2", "1", true)])])).Strategies);
        Assert.Equal([1.0, 1.0], row.Ci);
    }

    [Fact]
    public void Analyze_ShuffledOutcomes_SameSummary()
    {
        var outcomes = Enumerable.Range(1, 6)
            .Select(b => Case("m", "majority", b, (ulong)(b % 2), [.. Enumerable.Range(0, 12).Select(i => Problem($"p{i}", $"{1 + i % 3}", (i * b) % 3 != 0, 10 * b + i, 0.1 * b + i))]))
            .ToList();
        var a = ReportWriter.SummaryJson(ReportAnalyzer.Analyze(Input(outcomes)));
        var b = ReportWriter.SummaryJson(ReportAnalyzer.Analyze(Input([.. Enumerable.Reverse(outcomes)])));
        Assert.Equal(a, b);
    }

    [Fact]
    public void Analyze_Frontier_KeepsOnlyRowsNoCheaperRowBeats()
    {
        var p = (bool c, long t) => (IReadOnlyList<ProblemOutcome>)[Problem("p1", "1", c, t, t * 10.0), Problem("p2", "1", false, t, t * 10.0)];
        var outcomes = new[]
        {
            Case("m", "greedy", 1, 1, p(true, 100)),     // 0.5 at 100
            Case("m", "majority", 4, 1, p(false, 400)),  // 0.0 at 400: dominated
            Case("m", "majority", 8, 1, p(true, 800)),   // 0.5 at 800: dominated (not better than cheaper)
            Case("m", "best-of-n", 8, 1, [Problem("p1", "1", true, 900, 9000), Problem("p2", "1", true, 900, 9000)]), // 1.0 at 900
            Case("m", "pass-at-k", 8, 1, [Problem("p1", "1", true, 50, 500), Problem("p2", "1", true, 50, 500)]),   // oracle: left out
        };
        var frontier = ReportAnalyzer.Analyze(Input(outcomes)).Frontier;
        Assert.Equal(["greedy", "best-of-n"], frontier.Tokens.Select(f => f.Strategy));
        Assert.Equal([100.0, 900.0], frontier.Tokens.Select(f => f.Cost));
        Assert.Equal([1000.0, 9000.0], frontier.Flops.Select(f => f.Cost));
    }

    [Fact]
    public void Analyze_LevelWinners_BestPerLevelAtEachBudget()
    {
        var outcomes = new[]
        {
            Case("m", "majority", 4, 1, [Problem("a", "1", true, 10), Problem("b", "2", false, 10)]),
            Case("m", "best-of-n", 4, 1, [Problem("a", "1", true, 20), Problem("b", "2", true, 20)]),
            Case("m", "pass-at-k", 4, 1, [Problem("a", "1", true, 5), Problem("b", "2", true, 5)]),
            Case("m", "greedy", 1, 1, [Problem("a", "1", false, 5), Problem("b", "2", true, 5)]),
        };
        var winners = ReportAnalyzer.Analyze(Input(outcomes)).LevelWinners;
        // Level 1 at budget 1: every row scored 0, so no winner. Level 1 at budget 4: a tie, won by the cheaper majority.
        Assert.Equal(
            [("samples", 1.0, "2", "greedy", 1.0, 0), ("samples", 4.0, "1", "majority", 1.0, 1), ("samples", 4.0, "2", "best-of-n", 1.0, 0)],
            winners.Select(w => (w.BudgetKind, w.Budget, w.Level, w.Strategy, w.Accuracy, w.Tied)));
        Assert.Equal(2, winners[1].Contenders); // pass-at-k (oracle) does not compete
    }

    [Fact]
    public void Analyze_CoverageAndMajorityCurves_FittedAndExtrapolatedTo4x()
    {
        var outcomes = new List<CaseOutcome>();
        foreach (var k in new[] { 1, 2, 4, 8 })
        {
            var coverage = 1 - Math.Exp(-0.3 * k);
            var majority = 0.6 - 0.3 * Math.Pow(k, -0.7);
            outcomes.Add(Case("m", "pass-at-k", k, 1, [.. Enumerable.Range(0, 100).Select(i => Problem($"p{i}", "1", i < Math.Round(100 * coverage)))]));
            outcomes.Add(Case("m", "majority", k, 1, [.. Enumerable.Range(0, 100).Select(i => Problem($"p{i}", "1", i < Math.Round(100 * majority)))]));
        }
        var laws = ReportAnalyzer.Analyze(Input(outcomes)).ScalingLaws;

        var cov = Assert.Single(laws, c => c.Strategy == "pass-at-k");
        Assert.Equal("coverage", cov.Law);
        Assert.NotNull(cov.A);
        Assert.True(cov.RSquared > 0.95);
        Assert.Equal(32, cov.Fitted[^1].Budget);
        Assert.True(cov.Fitted[^1].Extrapolated);
        Assert.False(cov.Fitted.Single(p => p.Budget == 8).Extrapolated);
        Assert.True(cov.Fitted[^1].Value > cov.Observed[^1].Value);

        var maj = Assert.Single(laws, c => c.Strategy == "majority");
        Assert.Equal("saturating", maj.Law);
        Assert.InRange(maj.Asymptote!.Value, 0.5, 0.7);
        Assert.Equal(32, maj.Fitted[^1].Budget);
    }

    [Fact]
    public void Analyze_TwoBudgetsOfMajority_CurveWithoutFitSaysWhy()
    {
        var outcomes = new[] { 1, 2 }.Select(k => Case("m", "majority", k, 1, [Problem("p", "1", true)])).ToList();
        var curve = Assert.Single(ReportAnalyzer.Analyze(Input(outcomes)).ScalingLaws);
        Assert.Null(curve.Asymptote);
        Assert.Empty(curve.Fitted);
        Assert.Contains("three distinct budgets", curve.Note);
    }

    [Fact]
    public void Analyze_SmallAndLargeModel_ExchangeRateMatchesSnellsFormula()
    {
        // Large model (10× the parameters) greedy: 60% at 1e9 FLOPs per problem. Small model rows at growing FLOPs.
        IReadOnlyList<ProblemOutcome> Problems(double accuracy, double flops) =>
            [.. Enumerable.Range(0, 10).Select(i => Problem($"p{i}", "1", i < Math.Round(accuracy * 10), 100, flops))];
        var outcomes = new[]
        {
            Case("large", "greedy", 1, 1, Problems(0.6, 1e9)),
            Case("small", "greedy", 1, 1, Problems(0.3, 1e8)),
            Case("small", "majority", 4, 1, Problems(0.5, 4e8)),
            Case("small", "majority", 16, 1, Problems(0.7, 1.6e9)),
            Case("small", "majority", 64, 1, Problems(0.8, 6.4e9)),
        };
        var models = new[] { new ModelInfo { Name = "large", Parameters = 10_000 }, new ModelInfo { Name = "small", Parameters = 1_000 } };
        var x = ReportAnalyzer.Analyze(Input(outcomes, models)).ExchangeRate;

        Assert.Equal(("small", "large", 10.0), (x.SmallModel, x.LargeModel, x.SizeRatio));
        Assert.Equal(0.6, x.LargeGreedyAccuracy!.Value, 12);
        Assert.Equal([0.16, 0.79, 22], x.Rows.Select(r => r.R));
        foreach (var r in x.Rows)
        {
            Assert.Equal(10 + 3 * 9 / r.R, r.Multiplier, 9);
            Assert.Equal(1e9 * r.Multiplier / 10, r.FlopsBudget, 0);
        }
        // R = 22: budget 1.12e9 → only majority@4 (0.5) fits: the large greedy wins.
        Assert.Equal(("majority", 4.0, "large greedy"), (x.Rows[2].SmallStrategy, x.Rows[2].SmallBudget!.Value, x.Rows[2].Winner));
        // R = 0.79: budget 4.42e9 → majority@16 (0.7) fits: the small model wins. R = 0.16: 1.79e10 → majority@64 (0.8).
        Assert.Equal(("majority", 16.0, "small+test-time"), (x.Rows[1].SmallStrategy, x.Rows[1].SmallBudget!.Value, x.Rows[1].Winner));
        Assert.Equal(("majority", 64.0, "small+test-time"), (x.Rows[0].SmallStrategy, x.Rows[0].SmallBudget!.Value, x.Rows[0].Winner));
        Assert.Null(x.Note);
    }

    [Fact]
    public void Analyze_OneModel_ExchangeRateSaysWhyItIsMissing()
    {
        var x = ReportAnalyzer.Analyze(Input([Case("only", "greedy", 1, 1, [Problem("p", "1", true)])], [new ModelInfo { Name = "only", Parameters = 5 }])).ExchangeRate;
        Assert.Empty(x.Rows);
        Assert.Contains("only one policy model (only)", x.Note);
    }

    [Fact]
    public void Analyze_NoGreedyForLargeModel_ExchangeRateSaysSo()
    {
        var outcomes = new[] { Case("big", "majority", 4, 1, [Problem("p", "1", true)]), Case("tiny", "majority", 4, 1, [Problem("p", "1", true)]) };
        var models = new[] { new ModelInfo { Name = "big", Parameters = 100 }, new ModelInfo { Name = "tiny", Parameters = 10 } };
        var x = ReportAnalyzer.Analyze(Input(outcomes, models)).ExchangeRate;
        Assert.Empty(x.Rows);
        Assert.Contains("no greedy row for the large model big", x.Note);
    }

    [Fact]
    public void Analyze_UnknownSizes_ExchangeRateSaysSo()
    {
        var outcomes = new[] { Case("a", "greedy", 1, 1, [Problem("p", "1", true)]), Case("b", "greedy", 1, 1, [Problem("p", "1", true)]) };
        var x = ReportAnalyzer.Analyze(Input(outcomes)).ExchangeRate;
        Assert.Empty(x.Rows);
        Assert.Contains("sizes (parameters)", x.Note);
    }

    [Fact]
    public void Analyze_BadInput_NamesTheField()
    {
        var ex = Assert.Throws<ArgumentException>(() => ReportAnalyzer.Analyze(Input([Case("m", "greedy", double.NaN, 1, [Problem("p", "1", true)])])));
        Assert.Contains("non-finite budget", ex.Message);
        var co = Assert.Throws<ArgumentOutOfRangeException>(() => ReportAnalyzer.Analyze(Input([]) with
        {
            ComputeOptimal = new ComputeOptimalSection { BonAccuracy = double.NaN, BonTokens = 1 },
        }));
        Assert.Contains("ComputeOptimal.BonAccuracy", co.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ReportAnalyzer.Analyze(Input([]) with { BootstrapResamples = 1 }));
    }
}
