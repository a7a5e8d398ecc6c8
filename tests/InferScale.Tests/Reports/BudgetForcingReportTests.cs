using System.Text.Json;
using InferScale.Experiments.Results;
using InferScale.Reports;
using static InferScale.Tests.Reports.ReportTestData;

namespace InferScale.Tests.Reports;

public sealed class BudgetForcingReportTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("inferscale-bf-report-");

    public void Dispose() => _dir.Delete(recursive: true);

    private static ProblemOutcome Forced(string id, bool correct, double thinking, bool within, bool capped, int budget, int min = 0, double waits = 0) =>
        Problem(id, "1", correct) with
        {
            Metrics = new Dictionary<string, double>
            {
                ["thinking-tokens"] = thinking, ["within-bounds"] = within ? 1 : 0, ["capped"] = capped ? 1 : 0, ["waits"] = waits, ["traces"] = 1,
                ["thinking-budget"] = budget, ["min-thinking-tokens"] = min,
            },
        };

    private static Dictionary<string, JsonElement> Bounds(int max, int? min = null)
    {
        var p = new Dictionary<string, JsonElement> { ["thinking-budget"] = Json(max.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
        if (min is int m) p["min-thinking-tokens"] = Json(m.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return p;
    }

    private static ReportInput Input(params CaseOutcome[] outcomes) => new() { ExperimentName = "bf", Outcomes = outcomes, Seed = 1, BootstrapResamples = 50 };

    /// <summary>
    /// Budgets 8, 16, 32 (capped only): accuracy 1/4, 2/4, 3/4 at mean thinking 8, 15, 20 tokens; every trace within bounds
    /// but one at 32 (an error trace). Slopes: 0.25/7, 0.5/12, 0.25/5 → Scaling = mean; Control = (1 + 1 + 0.75)/3.
    /// Budget 64 with a minimum (extend) is a set of one and gets no metrics.
    /// </summary>
    private static ReportInput Synthetic() => Input(
        Case("m", "budget-forcing", 1, 1, [Forced("p1", true, 8, true, true, 8), Forced("p2", false, 8, true, true, 8), Forced("p3", false, 8, true, true, 8), Forced("p4", false, 8, true, true, 8)], Bounds(8)),
        Case("m", "budget-forcing", 1, 1, [Forced("p1", true, 16, true, true, 16), Forced("p2", true, 16, true, true, 16), Forced("p3", false, 14, true, false, 16), Forced("p4", false, 14, true, false, 16)], Bounds(16)),
        Case("m", "budget-forcing", 1, 1, [Forced("p1", true, 20, true, false, 32), Forced("p2", true, 20, true, false, 32), Forced("p3", true, 20, true, false, 32), Forced("p4", false, 20, false, false, 32)], Bounds(32)),
        Case("m", "budget-forcing", 1, 1, [Forced("p1", true, 40, true, false, 64, 32, 2), Forced("p2", true, 30, false, false, 64, 32, 6), Forced("p3", true, 40, true, false, 64, 32, 1), Forced("p4", true, 40, true, false, 64, 32, 1)], Bounds(64, 32)),
        Case("m", "majority", 4, 1, [Problem("p1", "1", true), Problem("p2", "1", true), Problem("p3", "1", false), Problem("p4", "1", false)]));

    [Fact]
    public void Analyze_CappedAtThreeBudgets_S1MetricsFromTheOutcomes()
    {
        var series = Assert.Single(ReportAnalyzer.Analyze(Synthetic()).BudgetForcing);

        Assert.Equal(("m", "cap", 1.0, "samples"), (series.Model, series.Mode, series.Budget, series.BudgetKind));
        Assert.Equal([8, 16, 32], series.Rows.Select(r => r.ThinkingBudget));
        Assert.Equal([0.25, 0.5, 0.75], series.Rows.Select(r => r.Accuracy));
        Assert.Equal([8.0, 15.0, 20.0], series.Rows.Select(r => r.ThinkingTokens));
        Assert.Equal([1.0, 1.0, 0.75], series.Rows.Select(r => r.WithinBounds));
        Assert.Equal([1.0, 0.5, 0.0], series.Rows.Select(r => r.Capped));
        Assert.Equal(2.75 / 3, series.Control, 12);
        Assert.Equal((0.25 / 7 + 0.5 / 12 + 0.25 / 5) / 3, series.Scaling!.Value, 12);
        Assert.Equal(0.75, series.Performance, 12);
        Assert.Equal(3, series.Pairs);
    }

    [Fact]
    public async Task WriteAsync_BudgetForcingAtTwoBudgets_SectionInMarkdownAndHtml()
    {
        var files = await ReportWriter.WriteAsync(_dir.FullName, Synthetic());

        var md = await File.ReadAllTextAsync(files.SummaryMarkdown);
        Assert.Contains("## Budget forcing (s1)", md, StringComparison.Ordinal);
        // Scaling in percentage points per 100 thinking tokens: 10,000 × 0.0424603… = +424.60.
        Assert.Contains("| m | cap | 1 |  | 3 | 91.7% | +424.60 (3 pairs) | 75.0% |", md, StringComparison.Ordinal);
        Assert.Contains("| m | cap | 1 | \\[0, 16\\] | thinking-budget=16 | 50.0% |", md, StringComparison.Ordinal);
        Assert.Contains("| 15.0 | 100.0% | 50.0% | 0.00 |", md, StringComparison.Ordinal);
        var html = await File.ReadAllTextAsync(files.Html);
        Assert.Contains("<h2>Budget forcing (s1)</h2>", html, StringComparison.Ordinal);
        Assert.Contains("+424.60 (3 pairs)", html, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(files.SummaryJson));
        var json = Assert.Single(doc.RootElement.GetProperty("budget_forcing").EnumerateArray());
        Assert.Equal(0.75, json.GetProperty("performance").GetDouble());
        Assert.Equal(3, json.GetProperty("rows").GetArrayLength());
    }

    [Fact]
    public void Analyze_ExtendAtTwoMinimums_OwnSeriesWithWaitsPerTrace()
    {
        var input = Input(
            Case("m", "budget-forcing", 1, 1, [Forced("p1", true, 40, true, false, 64, 32, 2), Forced("p2", false, 30, false, false, 64, 32, 4)], Bounds(64, 32)),
            Case("m", "budget-forcing", 1, 1, [Forced("p1", true, 60, true, false, 64, 48, 3), Forced("p2", true, 50, true, false, 64, 48, 3)], Bounds(64, 48)));

        var series = Assert.Single(ReportAnalyzer.Analyze(input).BudgetForcing);

        Assert.Equal("extend", series.Mode);
        Assert.Equal([32, 48], series.Rows.Select(r => r.MinThinkingTokens));
        Assert.Equal([3.0, 3.0], series.Rows.Select(r => r.Waits));
        Assert.Equal(0.75, series.Control, 12);
        Assert.Equal((1 - 0.5) / (55 - 35.0), series.Scaling!.Value, 12);
    }

    [Fact]
    public void Analyze_MinimumAtTheMaximum_WaitSeriesApartFromTheCapSeries()
    {
        var input = Input(
            Case("m", "budget-forcing", 1, 1, [Forced("p1", true, 20, true, false, 64)], Bounds(64)),
            Case("m", "budget-forcing", 1, 1, [Forced("p1", false, 10, true, true, 8)], Bounds(8)),
            Case("m", "budget-forcing", 1, 1, [Forced("p1", true, 30, false, false, 64, 64, 1)], new Dictionary<string, JsonElement>(Bounds(64, 64)) { ["waits"] = Json("1") }),
            Case("m", "budget-forcing", 1, 1, [Forced("p1", false, 50, false, false, 64, 64, 2)], new Dictionary<string, JsonElement>(Bounds(64, 64)) { ["waits"] = Json("2") }));

        var series = ReportAnalyzer.Analyze(input).BudgetForcing;

        Assert.Equal(["cap", "wait"], series.Select(s => s.Mode));
        Assert.Equal(0, series[1].Control);
        Assert.Equal(-1.0 / 20, series[1].Scaling!.Value, 12);
        Assert.Equal([1.0, 2.0], series[1].Rows.Select(r => r.Waits));
    }

    [Fact]
    public void Analyze_OutcomesWithoutRecordedBounds_BoundsFromParamsOrDefaults()
    {
        // Outcomes stored before the bounds were recorded: thinking-budget from the params, else the default 512.
        static ProblemOutcome Old(bool correct, double thinking) => Problem("p1", "1", correct) with
        {
            Metrics = new Dictionary<string, double> { ["thinking-tokens"] = thinking, ["within-bounds"] = 1, ["capped"] = 0, ["waits"] = 0, ["traces"] = 1 },
        };
        var input = Input(
            Case("m", "budget-forcing", 1, 1, [Old(false, 10)], new Dictionary<string, JsonElement> { ["thinking-budget"] = Json("\"16\"") }),
            Case("m", "budget-forcing", 1, 1, [Old(true, 30)]));

        var series = Assert.Single(ReportAnalyzer.Analyze(input).BudgetForcing);

        Assert.Equal([16, 512], series.Rows.Select(r => r.ThinkingBudget));
        Assert.Equal(0.05, series.Scaling!.Value, 12);
    }

    [Fact]
    public async Task WriteAsync_OneThinkingBudget_NoSection()
    {
        var files = await ReportWriter.WriteAsync(_dir.FullName, Input(
            Case("m", "budget-forcing", 1, 1, [Forced("p1", true, 8, true, true, 8)], Bounds(8)),
            Case("m", "budget-forcing", 4, 1, [Forced("p1", true, 16, true, true, 16)], Bounds(16))));

        Assert.Empty(files.Summary.BudgetForcing);
        Assert.DoesNotContain("Budget forcing (s1)", await File.ReadAllTextAsync(files.SummaryMarkdown), StringComparison.Ordinal);
    }
}
