using InferScale.Generation;

namespace InferScale.Verification.Code;

/// <summary>
/// Verifies completions of HumanEval-style problems (<see cref="Problem.Prompt"/> plus metadata <c>test</c> and
/// <c>entry_point</c>) by running prompt + completion + test + <c>check(entry_point)</c> in a <see cref="PythonSandbox"/>.
/// </summary>
public sealed class HumanEvalVerifier
{
    /// <summary>Metadata key of the test code.</summary>
    public const string TestKey = "test";

    /// <summary>Metadata key of the function under test.</summary>
    public const string EntryPointKey = "entry_point";

    /// <summary>Metadata key of the reference solution.</summary>
    public const string CanonicalSolutionKey = "canonical_solution";

    private readonly PythonSandbox _sandbox;

    /// <summary>Verifies with <paramref name="sandbox"/> (not owned).</summary>
    public HumanEvalVerifier(PythonSandbox sandbox)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        _sandbox = sandbox;
    }

    /// <summary>Runs <paramref name="completion"/> against <paramref name="problem"/>'s tests.</summary>
    public Task<CodeExecutionResult> VerifyAsync(Problem problem, string completion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(completion);
        var program = HumanEvalProgram.Build(problem.Prompt, completion, Require(problem, TestKey), Require(problem, EntryPointKey));
        return _sandbox.RunAsync(program, cancellationToken);
    }

    /// <summary>Runs the problem's own canonical solution against its tests.</summary>
    public Task<CodeExecutionResult> VerifyCanonicalAsync(Problem problem, CancellationToken cancellationToken = default) =>
        VerifyAsync(problem, Require(problem, CanonicalSolutionKey), cancellationToken);

    private static string Require(Problem problem, string key) =>
        problem.Metadata.TryGetValue(key, out var value)
            ? value
            : throw new ArgumentException($"Problem {problem.Id} has no '{key}' (not a HumanEval-style problem).", nameof(problem));
}
