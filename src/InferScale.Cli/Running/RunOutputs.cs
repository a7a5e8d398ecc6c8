using System.Globalization;
using System.Text;
using System.Text.Json;
using InferScale.Analysis.ComputeOptimal;
using InferScale.Experiments.Results;
using InferScale.Reports;
using InferScale.Strategies;
using Spectre.Console;

namespace InferScale.Cli.Running;

/// <summary>
/// A run directory's outputs: <c>outcomes.jsonl</c> (one finished case per line), <c>models.json</c>, the
/// compute-optimal analysis (<c>compute-optimal.json</c> and the policy table <c>compute-optimal-policy.json</c> that
/// the <c>compute-optimal</c> strategy reads), and the report files. <c>inferscale report DIR</c> rebuilds them from
/// the first two.
/// </summary>
internal static class RunOutputs
{
    public const string OutcomesName = "outcomes.jsonl";
    public const string ModelsName = "models.json";
    public const string ComputeOptimalName = "compute-optimal.json";
    public const string PolicyName = "compute-optimal-policy.json";

    /// <summary>Writes the raw results, then everything derived from them; returns the run summary.</summary>
    public static async Task<RunSummary> WriteAsync(string dir, string experimentName, IReadOnlyList<CaseOutcome> outcomes, IReadOnlyList<ModelInfo> models, TimeSpan? elapsed, CancellationToken cancellationToken)
    {
        var lines = new StringBuilder();
        foreach (var o in outcomes)
            lines.AppendLine(OutcomeJson.Serialize(o));
        await File.WriteAllTextAsync(Path.Combine(dir, OutcomesName), lines.ToString(), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(dir, ModelsName), OutcomeJson.SerializeModels(models), cancellationToken).ConfigureAwait(false);
        return await WriteDerivedAsync(dir, experimentName, outcomes, models, elapsed, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads <c>outcomes.jsonl</c> and <c>models.json</c> of a run directory.</summary>
    public static (IReadOnlyList<CaseOutcome> Outcomes, IReadOnlyList<ModelInfo> Models) Read(string dir)
    {
        var path = Path.Combine(dir, OutcomesName);
        if (!File.Exists(path))
            throw new CliException($"{path} not found: give a run directory written by 'inferscale run'.");
        var outcomes = new List<CaseOutcome>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            try
            {
                outcomes.Add(OutcomeJson.Deserialize(line));
            }
            catch (JsonException ex)
            {
                throw new CliException($"{path}:{number}: not a case outcome ({ex.Message})", ex);
            }
        }
        var modelsPath = Path.Combine(dir, ModelsName);
        var models = File.Exists(modelsPath) ? OutcomeJson.DeserializeModels(File.ReadAllText(modelsPath)) : [];
        return (outcomes, models);
    }

    /// <summary>The compute-optimal analysis of <paramref name="outcomes"/>, or null (with the reason) when the run has no baseline or difficulty estimate.</summary>
    public static (ComputeOptimalReport? Report, string? Reason) AnalyzeComputeOptimal(IReadOnlyList<CaseOutcome> outcomes)
    {
        try
        {
            return (ComputeOptimalAnalysis.Analyze(outcomes), null);
        }
        catch (ArgumentException ex)
        {
            return (null, ex.Message);
        }
    }

    private static async Task<RunSummary> WriteDerivedAsync(string dir, string experimentName, IReadOnlyList<CaseOutcome> outcomes, IReadOnlyList<ModelInfo> models, TimeSpan? elapsed, CancellationToken cancellationToken)
    {
        var (report, _) = AnalyzeComputeOptimal(outcomes);
        if (report is not null)
        {
            report.Save(Path.Combine(dir, ComputeOptimalName));
            report.SavePolicy(Path.Combine(dir, PolicyName));
        }
        var input = new ReportInput
        {
            ExperimentName = experimentName,
            Outcomes = outcomes,
            Models = models,
            Seed = outcomes.Select(o => o.Seed).DefaultIfEmpty(0UL).Min(),
            WallTime = elapsed,
            ComputeOptimal = report is null ? null : Section(report),
        };
        return (await ReportWriter.WriteAsync(dir, input, cancellationToken).ConfigureAwait(false)).Summary;
    }

    /// <summary>
    /// The report's view of the compute-optimal analysis. The headline figure uses oracle difficulty bins (pass@1 of the
    /// run's own samples), as Snell et al.'s main results do; the predicted-difficulty figure (usable at test time,
    /// probe cost included) is in the curve and in compute-optimal.json.
    /// </summary>
    internal static ComputeOptimalSection Section(ComputeOptimalReport report)
    {
        var headline = report.Oracle ?? report.Headline;
        var curve = new List<ComputeOptimalPoint>();
        foreach (var analysis in new[] { report.Oracle, report.Predicted })
        {
            if (analysis is null)
                continue;
            var label = analysis.Difficulty == DifficultyEstimate.Oracle ? "oracle bins" : "predicted bins";
            foreach (var p in analysis.Allocation)
                curve.Add(new ComputeOptimalPoint($"allocation, {label}", p.Target, p.MeanTokens, p.MeanFlops, p.Accuracy));
        }
        foreach (var b in report.BaselineCurve)
            curve.Add(new ComputeOptimalPoint($"{report.Baseline.Configuration.Strategy} (baseline)", b.Configuration.Budget, b.MeanTokens, b.MeanFlops, b.Accuracy));
        var choices = headline.Policy.Select((c, i) => new ComputeOptimalChoice(
            (i + 1).ToString(CultureInfo.InvariantCulture),
            string.Create(CultureInfo.InvariantCulture, $"{headline.Difficulty.ToString().ToLowerInvariant()} {c.Range.Low:0.###}–{c.Range.High:0.###} ({c.Range.Problems} problems)"),
            c.Configuration.Strategy,
            string.Join(",", c.Configuration.Params.Select(p => $"{p.Key}={p.Value}")),
            c.Configuration.Budget,
            c.FoldAccuracy)).ToList();
        return new ComputeOptimalSection
        {
            BonAccuracy = report.Baseline.Accuracy,
            BonTokens = report.Baseline.MeanTokens,
            TokensToMatch = headline.TokensToMatchBaseline,
            Curve = curve,
            Choices = choices,
        };
    }

    /// <summary>Prints the summary's rows (aggregated over seeds, as in summary.json): accuracy with its 95% CI and mean tokens per problem.</summary>
    public static void PrintSummary(CliContext context, RunSummary summary)
    {
        var table = new Table().AddColumns("model", "strategy", "params", "budget", "accuracy", "95% CI", "tokens/problem");
        foreach (var r in summary.Strategies)
        {
            table.AddRow(
                Markup.Escape(r.Model), Markup.Escape(r.Strategy), Markup.Escape(r.ParamsText),
                r.Budget.ToString(CultureInfo.InvariantCulture) + (r.BudgetKind == "samples" ? "" : " " + r.BudgetKind),
                r.Accuracy.ToString("F3", CultureInfo.InvariantCulture),
                string.Create(CultureInfo.InvariantCulture, $"{r.Ci[0]:F3}–{r.Ci[1]:F3}"),
                r.Tokens.ToString("F0", CultureInfo.InvariantCulture));
        }
        context.Console.Write(table);
    }
}
