using Spectre.Console;

namespace InferScale.Cli;

/// <summary>Where a command writes: a rich console for people, plain writers for machine-readable output.</summary>
/// <param name="Console">Spectre console for tables and progress (goes to stderr-like human output).</param>
/// <param name="Out">Standard output (JSON, JSONL and other data).</param>
/// <param name="Error">Standard error (messages).</param>
internal sealed record CliContext(IAnsiConsole Console, TextWriter Out, TextWriter Error);
