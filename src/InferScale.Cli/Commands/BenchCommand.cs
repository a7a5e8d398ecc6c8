using Spectre.Console;
using System.CommandLine;

namespace InferScale.Cli.Commands;

/// <summary><c>inferscale bench</c>: performance measurements of this machine and build.</summary>
internal static class BenchCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("bench", "Measure performance: the embedded engine's kernels and decoding on this machine.");
        command.Add(CreateEngine(context));
        command.Add(BenchGatewayCommand.Create(context));
        return command;
    }

    private static Command CreateEngine(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object to stdout instead of a table." };
        var quick = new Option<bool>("--quick") { Description = "Shorter timing windows and fewer cells (about 20 s)." };
        var threads = new Option<int>("--threads")
        {
            Description = "Kernel threads for the engine (default: the processor count).",
            DefaultValueFactory = _ => Math.Clamp(Environment.ProcessorCount, 1, 8),
        };
        var command = new Command("engine", "Measure the FMA peak, decode and prefill tokens/s of the 1m and 25m presets (random weights), and the shared-prefix speed-up.")
        {
            json,
            quick,
            threads,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var threadCount = parseResult.GetValue(threads);
            if (threadCount < 1 || threadCount > 256)
                throw new CliException($"--threads must be in [1, 256]; got {threadCount}.");
            var settings = parseResult.GetValue(quick) ? BenchEngineSettings.Quick : BenchEngineSettings.Full;
            var runner = new BenchEngineRunner(settings with { Threads = threadCount }, TimeProvider.System);
            Action<string> progress = parseResult.GetValue(json) ? _ => { } : line => context.Console.MarkupLineInterpolated($"[grey]{line}[/]");
            var report = await Task.Run(() => runner.Run(progress, cancellationToken), cancellationToken).ConfigureAwait(false);
            if (parseResult.GetValue(json))
                await context.Out.WriteLineAsync(BenchEngineReportWriter.ToJson(report)).ConfigureAwait(false);
            else
                BenchEngineReportWriter.WriteTable(report, context.Console);
            return 0;
        });
        return command;
    }
}
