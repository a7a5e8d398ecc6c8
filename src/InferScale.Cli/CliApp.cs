using System.CommandLine;
using InferScale.Cli.Commands;
using Spectre.Console;

namespace InferScale.Cli;

/// <summary>Builds the <c>inferscale</c> command tree and runs it.</summary>
internal static class CliApp
{
    /// <summary>Builds the root command; each subcommand lives in its own file under <c>Commands/</c>.</summary>
    public static RootCommand BuildRoot(CliContext context)
    {
        var root = new RootCommand("InferScale: inference-time compute scaling for language models: strategies, verifiers, backends and measurement.")
        {
            HelpName = "inferscale",
        };
        foreach (var command in Commands(context))
            root.Add(command);
        return root;
    }

    private static IEnumerable<Command> Commands(CliContext context)
    {
        // One line per command; each command lives in Commands/XxxCommand.cs.
        yield return VersionCommand.Create(context);
        yield return DecontaminateCommand.Create(context);
        yield return TasksCommand.Create(context);
        yield return AnalyzeCommand.Create(context);
        yield return CheckCodeCommand.Create(context);
        yield return GgufCommand.Create(context);
        yield return VerifyCommand.Create(context);
        yield return BenchCommand.Create(context);
        yield return StrategiesCommand.Create(context);
        yield return SampleCommand.Create(context);
        yield return TrainCommand.Create(context);
        yield return TrainRewardCommand.Create(context);
        yield return RunCommand.Create(context);
        yield return ReportCommand.Create(context);
        yield return ServeCommand.Create(context);
    }

    /// <summary>Parses <paramref name="args"/> and runs the chosen command, mapping <see cref="CliException"/> to its exit code.</summary>
    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var context = new CliContext(console, output, error);
        var root = BuildRoot(context);
        var parse = root.Parse(args);
        var config = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        try
        {
            return await parse.InvokeAsync(config, cancellationToken).ConfigureAwait(false);
        }
        catch (CliException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ex.ExitCode;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("cancelled: work done so far is saved.").ConfigureAwait(false);
            return 130;
        }
    }
}
