using InferScale.Verification;

namespace InferScale.Analysis;

/// <summary>Groups answers by equivalence for voting.</summary>
public static class AnswerGrouping
{
    /// <summary>
    /// Partitions <paramref name="answers"/> into groups, in order: an answer whose trimmed text was seen before joins
    /// that answer's group (fast path); otherwise it joins the first group whose representative is equivalent to it
    /// (<c>equivalence.AreEquivalent(representative, answer)</c>), or starts a new group. Null or blank answers get
    /// group −1 (they do not vote). Costs one equivalence call per (new distinct string, existing group) pair.
    /// </summary>
    public static AnswerGroups Group(IReadOnlyList<string?> answers, IAnswerEquivalence equivalence)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(equivalence);
        var groupOf = new int[answers.Count];
        var byText = new Dictionary<string, int>(StringComparer.Ordinal);
        var representatives = new List<string>();
        for (var i = 0; i < answers.Count; i++)
        {
            var answer = answers[i]?.Trim();
            if (string.IsNullOrEmpty(answer))
            {
                groupOf[i] = -1;
                continue;
            }

            if (!byText.TryGetValue(answer, out var group))
            {
                group = -1;
                for (var g = 0; g < representatives.Count; g++)
                {
                    if (equivalence.AreEquivalent(representatives[g], answer))
                    {
                        group = g;
                        break;
                    }
                }

                if (group < 0)
                {
                    group = representatives.Count;
                    representatives.Add(answer);
                }

                byText[answer] = group;
            }

            groupOf[i] = group;
        }

        return new AnswerGroups(groupOf, [.. representatives]);
    }
}
