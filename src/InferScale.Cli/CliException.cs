namespace InferScale.Cli;

/// <summary>A user-facing error: the message says what was wrong and what to do; the exit code is 2 for bad input.</summary>
internal sealed class CliException : Exception
{
    public CliException(string message, int exitCode = 2)
        : base(message) => ExitCode = exitCode;

    public CliException(string message, Exception inner, int exitCode = 2)
        : base(message, inner) => ExitCode = exitCode;

    public int ExitCode { get; }
}
