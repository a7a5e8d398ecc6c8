namespace InferScale.Verification.Reward;

/// <summary>The project's step convention: steps of a solution are separated by a blank line.</summary>
public static class SolutionSteps
{
    /// <summary>The step delimiter, <c>"\n\n"</c>.</summary>
    public const string Delimiter = "\n\n";

    /// <summary>
    /// Splits <paramref name="solution"/> at <see cref="Delimiter"/> (line endings normalised to <c>\n</c>), trimming each
    /// step and dropping empty ones.
    /// </summary>
    public static IReadOnlyList<string> Split(string solution)
    {
        ArgumentNullException.ThrowIfNull(solution);
        return solution.ReplaceLineEndings("\n")
            .Split(Delimiter, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
