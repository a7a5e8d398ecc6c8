using InferScale.Cli;
using Spectre.Console;

// Data (JSON, JSONL, tables meant for scripts) goes to stdout; people-facing output (tables, progress) to stderr.
var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
return await CliApp.RunAsync(args, console, Console.Out, Console.Error, cancel.Token);
