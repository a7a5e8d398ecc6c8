using System.Globalization;
using System.Text.RegularExpressions;
using InferScale.Generation;
using InferScale.Verification.Reward;

namespace InferScale.Tasks.Arith;

/// <summary>
/// A rule-based process reward model for the built-in <c>arith</c> task: a real, deterministic verifier that makes
/// step-level search meaningful before a learned PRM exists. Every non-blank line of the solution is one step
/// (<see cref="ArithFormat.StepDelimiter"/>) and scores:
/// <list type="bullet">
/// <item>a line holding <c>x = A op B = R</c> (also inside a <c>Wait, …</c> line): 1 when <c>A op B</c> equals <c>R</c>
/// (division must be exact), else 0 — the line's own arithmetic, not whether its operands are the right ones;</item>
/// <item>a line with <c>\boxed{V}</c>: 1 when V equals the latest value the solution gave the variable the prompt asks
/// for (or, when the prompt cannot be read, the latest value computed), else 0;</item>
/// <item>the think tags: the score of the line before them (they assert nothing new);</item>
/// <item>any other line (for example <c>Wait, b = 12</c>): <see cref="UnparsedPrior"/>.</item>
/// </list>
/// The outcome score <see cref="RewardScore.Final"/> is the lowest step score (one wrong step makes the solution wrong);
/// an empty solution scores the prior. Thread-safe; costs no model compute (usage: one call, no tokens).
/// </summary>
public sealed partial class ArithStepRewardModel : IRewardModel
{
    /// <summary>A model scoring unreadable lines <paramref name="unparsedPrior"/> (default 0.5, in [0, 1]).</summary>
    public ArithStepRewardModel(double unparsedPrior = 0.5)
    {
        if (!(unparsedPrior >= 0 && unparsedPrior <= 1))
            throw new ArgumentOutOfRangeException(nameof(unparsedPrior), unparsedPrior, "unparsedPrior must be in [0, 1].");
        UnparsedPrior = unparsedPrior;
    }

    /// <summary>The score of a line that holds no arithmetic the model can check.</summary>
    public double UnparsedPrior { get; }

    /// <inheritdoc />
    public ValueTask<RewardScore> ScoreAsync(string prompt, string solution, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(solution);
        cancellationToken.ThrowIfCancellationRequested();
        var steps = ScoreSteps(prompt, solution);
        var final = steps.Count == 0 ? UnparsedPrior : steps.Min();
        return ValueTask.FromResult(new RewardScore(steps, final, new Usage { Calls = 1 }));
    }

    /// <summary>The score of every non-blank line of <paramref name="solution"/>, in order.</summary>
    public IReadOnlyList<double> ScoreSteps(string prompt, string solution)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(solution);
        var asked = QuestionRegex().Match(prompt) is { Success: true } q ? q.Groups["v"].Value : null;
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        long? lastValue = null;
        var scores = new List<double>();
        foreach (var raw in solution.Split(ArithFormat.StepDelimiter))
        {
            var line = raw.Trim();
            if (line.Length == 0)
                continue;
            if (line is ArithFormat.ThinkOpen or ArithFormat.ThinkClose)
            {
                scores.Add(scores.Count > 0 ? scores[^1] : UnparsedPrior);
                continue;
            }
            if (BoxedRegex().Match(line) is { Success: true } boxed)
            {
                long? expected = asked is not null && values.TryGetValue(asked, out var v) ? v : lastValue;
                scores.Add(expected is null || !TryParse(boxed.Groups["v"].Value, out var answer)
                    ? UnparsedPrior
                    : answer == expected ? 1 : 0);
                continue;
            }
            if (ArithmeticRegex().Match(line) is { Success: true } m
                && TryParse(m.Groups["a"].Value, out var a) && TryParse(m.Groups["b"].Value, out var b) && TryParse(m.Groups["r"].Value, out var r))
            {
                scores.Add(IsRight(a, m.Groups["op"].Value[0], b, r) ? 1 : 0);
                values[m.Groups["x"].Value] = r;
                lastValue = r;
                continue;
            }
            if (AssignmentRegex().Match(line) is { Success: true } assign && TryParse(assign.Groups["r"].Value, out var assigned))
            {
                values[assign.Groups["x"].Value] = assigned;
                lastValue = assigned;
            }
            scores.Add(UnparsedPrior);
        }
        return scores;
    }

    private static bool IsRight(long a, char op, long b, long r)
    {
        try
        {
            return op switch
            {
                '+' => checked(a + b) == r,
                '-' => checked(a - b) == r,
                '*' => checked(a * b) == r,
                _ => b != 0 && a % b == 0 && a / b == r,
            };
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    private static bool TryParse(string text, out long value) =>
        long.TryParse(text.Trim().TrimStart('(').TrimEnd(')'), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    [GeneratedRegex(@"(?<x>[A-Za-z]\w*)\s*=\s*(?<a>\(-?\d+\)|-?\d+)\s*(?<op>[-+*/])\s*(?<b>\(-?\d+\)|-?\d+)\s*=\s*(?<r>\(-?\d+\)|-?\d+)\s*\.?$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ArithmeticRegex();

    [GeneratedRegex(@"(?<x>[A-Za-z]\w*)\s*=\s*(?<r>\(-?\d+\)|-?\d+)\s*\.?$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex AssignmentRegex();

    [GeneratedRegex(@"\\boxed\{\s*(?<v>-?\d+)\s*\}", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex BoxedRegex();

    [GeneratedRegex(@"What is (?<v>[A-Za-z]\w*)\?", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex QuestionRegex();
}
