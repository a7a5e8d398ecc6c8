using System.Globalization;
using System.Text;

namespace InferScale.Strategies;

/// <summary>
/// The prompt format of <c>revisions</c>: the previous attempts come first, then the original prompt unchanged, so a
/// completion-style prompt (such as the arith task's, which ends where the solution starts) still ends where the model
/// writes its answer:
/// <code>
/// Previous attempts at this problem (they may contain mistakes):
/// Attempt 1:
/// …text of the first attempt…
///
/// Attempt 2:
/// …
///
/// Solve the problem again, correcting any mistakes.
///
/// {original prompt}
/// </code>
/// With no previous attempt the prompt is the original one.
/// </summary>
public static class RevisionPrompt
{
    /// <summary>The line that opens the attempts.</summary>
    public const string Header = "Previous attempts at this problem (they may contain mistakes):";

    /// <summary>The line between the attempts and the original prompt.</summary>
    public const string Instruction = "Solve the problem again, correcting any mistakes.";

    /// <summary>The revision prompt for <paramref name="prompt"/> after <paramref name="attempts"/> (oldest first).</summary>
    public static string Build(string prompt, IReadOnlyList<string> attempts)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(attempts);
        if (attempts.Count == 0)
            return prompt;
        var sb = new StringBuilder();
        sb.Append(Header).Append('\n');
        for (var i = 0; i < attempts.Count; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"Attempt {i + 1}:\n");
            sb.Append(attempts[i].TrimEnd('\n')).Append("\n\n");
        }
        sb.Append(Instruction).Append("\n\n").Append(prompt);
        return sb.ToString();
    }
}
