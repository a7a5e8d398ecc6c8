using System.Globalization;
using System.Text.RegularExpressions;
using InferScale.Randomness;

namespace InferScale.Engine.Reward;

/// <summary>
/// Makes a wrong step for reward-model training data: picks one step of a solution whose line ends in an integer result
/// (<c>p = 43 * 8 = 344</c>, a <c>Wait, check:</c> line, <c>The answer is \boxed{12}.</c>) and moves that result by a
/// nonzero offset (±1, ±2, ±3 or ±10, keeping a non-negative result non-negative). The labeller lets the policy continue
/// from the corrupted prefix and labels the result by Monte-Carlo rollouts like any sample, so the corrupted solutions add
/// the wrong steps a policy that rarely errs on easy problems seldom shows, without any hand-set label.
/// </summary>
internal static partial class StepCorruption
{
    private static readonly int[] Offsets = [-10, -3, -2, -1, 1, 2, 3, 10];

    /// <summary>
    /// The solution's text through its corrupted step (each line with its newline, as <see cref="RewardDocument.Prefix"/>
    /// writes it) and that step's index among the <see cref="RewardDocument"/> steps, or <see langword="null"/> when no
    /// step ends in an integer. The step and offset are drawn from <paramref name="random"/>.
    /// </summary>
    public static (string Prefix, int Step)? Corrupt(string solution, ref SplitMix64 random)
    {
        ArgumentNullException.ThrowIfNull(solution);
        var lines = solution.ReplaceLineEndings(RewardDocument.StepDelimiter).Split(RewardDocument.StepDelimiter);
        var candidates = new List<(int Line, int Step, Group Number, long Value)>();
        var step = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            if (i == lines.Length - 1 && lines[i].Length == 0)
                break;
            if (string.IsNullOrWhiteSpace(lines[i]))
                continue;
            var match = Result().Match(lines[i]);
            if (match.Success && long.TryParse(match.Groups["n"].ValueSpan, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                candidates.Add((i, step, match.Groups["n"], number));
            step++;
        }
        if (candidates.Count == 0)
            return null;
        var (line, chosen, group, old) = candidates[(int)(random.Next() % (ulong)candidates.Count)];
        var offset = Offsets[(int)(random.Next() % (ulong)Offsets.Length)];
        var value = old >= 0 && old + offset < 0 ? old - offset : old + offset;
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < line; i++)
            text.Append(lines[i]).Append(RewardDocument.StepDelimiter);
        text.Append(lines[line].AsSpan(0, group.Index))
            .Append(value.ToString(CultureInfo.InvariantCulture))
            .Append(lines[line].AsSpan(group.Index + group.Length))
            .Append(RewardDocument.StepDelimiter);
        return (text.ToString(), chosen);
    }

    /// <summary>A line's integer result: after its last <c>=</c> at the end of the line, or inside a final <c>\boxed{…}</c>.</summary>
    [GeneratedRegex(@"(?:=\s*(?<n>-?\d+)\s*$)|(?:\\boxed\{\s*(?<n>-?\d+)\s*\}[.\s]*$)", RegexOptions.CultureInvariant)]
    private static partial Regex Result();
}
