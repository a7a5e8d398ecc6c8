namespace InferScale.Strategies;

/// <summary>
/// The continuation format of <c>revisions</c>, after the arith training data's self-check traces (a step, then
/// <c>Wait, lhs = value</c> re-checking it, then the remaining steps): the previous attempt's thinking steps up to and
/// including the step to re-check, then the wait word, as a prefix the model continues after the original prompt.
/// <code>
/// b = 7 + 5 = 12
/// c = 12 * 3 = 35
/// Wait
/// </code>
/// The thinking is the attempt's text before the end-of-thinking delimiter (all of it when there is none), split into
/// non-blank steps by the step delimiter.
/// </summary>
public static class RevisionContinuation
{
    /// <summary>The thinking steps of <paramref name="attempt"/>, in order.</summary>
    public static IReadOnlyList<string> Steps(string attempt, string delimiter, string thinkClose)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentException.ThrowIfNullOrEmpty(delimiter);
        ArgumentException.ThrowIfNullOrEmpty(thinkClose);
        var end = attempt.IndexOf(thinkClose, StringComparison.Ordinal);
        var thinking = end < 0 ? attempt : attempt[..end];
        return [.. thinking.Split(delimiter).Where(s => !string.IsNullOrWhiteSpace(s))];
    }

    /// <summary>
    /// The prefix that re-checks step <paramref name="cut"/> (0-based) of <paramref name="steps"/>: steps 0…cut, each
    /// followed by <paramref name="delimiter"/>, then <paramref name="waitText"/>.
    /// </summary>
    public static string Build(IReadOnlyList<string> steps, int cut, string delimiter, string waitText)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentOutOfRangeException.ThrowIfNegative(cut);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(cut, steps.Count);
        return string.Concat(steps.Take(cut + 1).Select(s => s + delimiter)) + waitText;
    }
}
