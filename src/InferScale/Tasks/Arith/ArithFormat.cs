namespace InferScale.Tasks.Arith;

/// <summary>
/// The text format of the built-in <c>arith</c> task, shared by the generator, the trainer, sampling and budget forcing.
/// <code>
/// Problem: a = 7. b = a + 5. c = b * 3. What is c?
/// Solution:
/// &lt;think&gt;
/// b = 7 + 5 = 12
/// c = 12 * 3 = 36
/// &lt;/think&gt;
/// The answer is \boxed{36}.
/// </code>
/// The prompt ends with the opening think tag; the model writes one step per line, closes the thinking, and gives the
/// answer in <c>\boxed{}</c> so the math verifier applies.
/// </summary>
public static class ArithFormat
{
    /// <summary>Opens the thinking part (the prompt ends with it and a newline).</summary>
    public const string ThinkOpen = "<think>";

    /// <summary>Closes the thinking part (budget forcing appends it to cap thinking).</summary>
    public const string ThinkClose = "</think>";

    /// <summary>The cue that follows the thinking part.</summary>
    public const string AnswerCue = "The answer is \\boxed{";

    /// <summary>The word budget forcing appends to extend thinking (s1), also used by the self-check traces.</summary>
    public const string Wait = "Wait";

    /// <summary>The step delimiter: one step per line.</summary>
    public const string StepDelimiter = "\n";

    /// <summary>The end of a complete solution (after the closing brace and period).</summary>
    public const string End = "}.\n";

    /// <summary>The prompt for a problem statement.</summary>
    public static string Prompt(string statement) => $"Problem: {statement}\nSolution:\n{ThinkOpen}\n";

    /// <summary>The completion for given thinking lines and answer.</summary>
    public static string Completion(IEnumerable<string> thinkingLines, long answer) =>
        string.Concat(thinkingLines.Select(l => l + "\n")) + ThinkClose + "\n" + AnswerCue + answer.ToString(System.Globalization.CultureInfo.InvariantCulture) + End;
}
