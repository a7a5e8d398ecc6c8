using System.CommandLine;
using InferScale.Cli.Running;
using Spectre.Console;

namespace InferScale.Cli.Commands;

/// <summary><c>inferscale report DIR</c>: rebuilds a run directory's analysis and report from its stored outcomes.</summary>
internal static class ReportCommand
{
    public static Command Create(CliContext context)
    {
        var dir = new Argument<string>("run") { Description = "A run directory written by 'inferscale run' (it holds outcomes.jsonl)." };
        var command = new Command("report", "Rebuild summary.json, summary.md, CSVs, the compute-optimal analysis and report.html of a run directory.") { dir };
        command.SetAction(async (parse, ct) =>
        {
            var path = Path.GetFullPath(parse.GetValue(dir)!);
            var (outcomes, models) = RunOutputs.Read(path);
            var configPath = Path.Combine(path, "config.json");
            var name = File.Exists(configPath) ? InferScale.Experiments.ExperimentPlan.Load(configPath).Name : Path.GetFileName(path);
            var summary = await RunOutputs.WriteAsync(path, name, outcomes, models, null, ct).ConfigureAwait(false);
            RunOutputs.PrintSummary(context, summary);
            context.Console.MarkupLine(Markup.Escape($"{outcomes.Count} cases; outputs in {path}"));
            return 0;
        });
        return command;
    }
}
