using InferScale.Cli;
using Spectre.Console;

namespace InferScale.Tests.Cli;

/// <summary>Runs the real CLI in-process with captured output, as a user would call it.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static async Task<Result> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(error),
        });
        var code = await CliApp.RunAsync(args, console, output, error, CancellationToken.None);
        return new Result(code, output.ToString(), error.ToString());
    }
}
