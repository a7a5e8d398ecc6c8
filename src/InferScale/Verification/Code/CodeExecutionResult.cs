namespace InferScale.Verification.Code;

/// <summary>What one sandboxed run produced.</summary>
/// <param name="Verdict">The outcome.</param>
/// <param name="Detail">The failed assertion, the error, or which limit was hit; empty when passed.</param>
/// <param name="ExitCode">The sandbox's exit code (128 + signal when killed by a signal).</param>
/// <param name="Stdout">Standard output, truncated at the output limit.</param>
/// <param name="Stderr">Standard error, truncated at the output limit.</param>
/// <param name="WallTime">Wall-clock time of the run.</param>
public sealed record CodeExecutionResult(CodeVerdict Verdict, string Detail, int ExitCode, string Stdout, string Stderr, TimeSpan WallTime);
