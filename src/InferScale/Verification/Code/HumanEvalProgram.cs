namespace InferScale.Verification.Code;

/// <summary>Assembles a HumanEval test program: the prompt, the completion, the test code, then <c>check(entry_point)</c>.</summary>
public static class HumanEvalProgram
{
    /// <summary>The program text that the sandbox runs.</summary>
    public static string Build(string prompt, string completion, string test, string entryPoint)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(completion);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentException.ThrowIfNullOrWhiteSpace(entryPoint);
        return $"{prompt}{completion}\n\n{test}\n\ncheck({entryPoint})\n";
    }
}
