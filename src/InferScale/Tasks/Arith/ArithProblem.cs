namespace InferScale.Tasks.Arith;

/// <summary>One generated <c>arith</c> problem with its worked solution.</summary>
/// <param name="Id">Stable id, e.g. <c>arith-test/3/17</c>.</param>
/// <param name="Level">Difficulty 1–5.</param>
/// <param name="Statement">The problem statement (definitions and the question).</param>
/// <param name="Steps">The worked solution, one step per line, without the think tags.</param>
/// <param name="Answer">The integer answer.</param>
public sealed record ArithProblem(string Id, int Level, string Statement, IReadOnlyList<string> Steps, long Answer)
{
    /// <summary>The prompt the model sees (<see cref="ArithFormat.Prompt"/>).</summary>
    public string Prompt => ArithFormat.Prompt(Statement);

    /// <summary>The reference completion (steps, closing think tag, boxed answer).</summary>
    public string Solution => ArithFormat.Completion(Steps, Answer);
}
