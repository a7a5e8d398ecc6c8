using InferScale.Cli;

return await CliApp.RunAsync(args, Spectre.Console.AnsiConsole.Console, Console.Out, Console.Error, CancellationToken.None);
