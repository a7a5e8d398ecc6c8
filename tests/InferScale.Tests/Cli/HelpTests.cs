namespace InferScale.Tests.Cli;

public sealed class HelpTests
{
    [Fact]
    public async Task Help_ListsEveryCommand()
    {
        var result = await CliRunner.RunAsync("--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("inferscale", result.Out);
        foreach (var command in InferScale.Cli.CliApp.BuildRoot(new InferScale.Cli.CliContext(Spectre.Console.AnsiConsole.Console, TextWriter.Null, TextWriter.Null)).Subcommands)
        {
            Assert.Contains(command.Name, result.Out);
            var sub = await CliRunner.RunAsync(command.Name, "--help");
            Assert.Equal(0, sub.ExitCode);
            Assert.Contains("Usage", sub.Out);
        }
    }

    [Fact]
    public async Task UnknownCommand_FailsWithMessage()
    {
        var result = await CliRunner.RunAsync("no-such-command");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("no-such-command", result.Error + result.Out);
    }
}
