using System.Globalization;
using System.Text;
using InferScale.Experiments;
using InferScale.Experiments.Results;
using Spectre.Console;

namespace InferScale.Cli.Running;

/// <summary>Writes a run's outputs into its directory and prints its summary table.</summary>
internal static class RunOutputs
{
    /// <summary>Writes <c>outcomes.jsonl</c> (one finished case per line) and the report files.</summary>
    public static async Task WriteAsync(string dir, ExperimentConfig config, IReadOnlyList<CaseOutcome> outcomes, IReadOnlyList<ModelInfo> models, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        var lines = new StringBuilder();
        foreach (var o in outcomes)
            lines.AppendLine(OutcomeJson.Serialize(o));
        await File.WriteAllTextAsync(Path.Combine(dir, "outcomes.jsonl"), lines.ToString(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Prints one row per case: model, strategy, params, budget, accuracy, mean tokens per problem.</summary>
    public static void PrintSummary(CliContext context, IReadOnlyList<CaseOutcome> outcomes)
    {
        var table = new Table().AddColumns("model", "strategy", "params", "budget", "seed", "accuracy", "tokens/problem");
        foreach (var o in outcomes)
        {
            var n = Math.Max(1, o.Problems.Count);
            table.AddRow(
                Markup.Escape(o.Model), Markup.Escape(o.Strategy),
                Markup.Escape(string.Join(",", o.Params.Select(p => $"{p.Key}={p.Value.GetRawText().Trim('"')}"))),
                o.Budget.ToString(CultureInfo.InvariantCulture) + (o.BudgetKind == "samples" ? "" : " " + o.BudgetKind),
                o.Seed.ToString(CultureInfo.InvariantCulture),
                (o.Problems.Count(p => p.Correct == true) / (double)n).ToString("F3", CultureInfo.InvariantCulture),
                (o.Problems.Sum(p => p.TotalTokens) / (double)n).ToString("F0", CultureInfo.InvariantCulture));
        }
        context.Console.Write(table);
    }
}
