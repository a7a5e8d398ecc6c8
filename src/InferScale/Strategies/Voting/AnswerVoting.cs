using InferScale.Generation;
using InferScale.Verification;

namespace InferScale.Strategies;

/// <summary>
/// Groups answers by equivalence and ranks the groups. Grouping: each answer joins the first existing group whose
/// representative is equivalent to it (<c>AreEquivalent(representative, answer)</c>), else starts a new one; samples
/// without an answer do not vote. Ranking (the documented tie-break): larger total weight first, then more votes, then
/// the group whose first sample has the lower index, so results are deterministic.
/// </summary>
public static class AnswerVoting
{
    /// <summary>Groups the answered samples, each with weight 1 (majority vote).</summary>
    public static IReadOnlyList<AnswerGroup> Group(IEnumerable<Sample> samples, IAnswerEquivalence equivalence) =>
        Group(samples.Select(s => (s, 1.0)), equivalence);

    /// <summary>Groups the answered samples with their weights, ranked best first.</summary>
    public static IReadOnlyList<AnswerGroup> Group(IEnumerable<(Sample Sample, double Weight)> weighted, IAnswerEquivalence equivalence)
    {
        ArgumentNullException.ThrowIfNull(weighted);
        ArgumentNullException.ThrowIfNull(equivalence);
        var groups = new List<AnswerGroup>();
        foreach (var (sample, weight) in weighted.OrderBy(w => w.Sample.Index))
        {
            if (sample.Answer is not { } answer || sample.FinishReason == FinishReason.Error)
                continue;
            var group = groups.FirstOrDefault(g => g.Answer == answer || equivalence.AreEquivalent(g.Answer, answer));
            if (group is null)
            {
                group = new AnswerGroup(answer);
                groups.Add(group);
            }
            group.Add(sample, weight);
        }
        return [.. groups.OrderByDescending(g => g.Weight).ThenByDescending(g => g.Votes).ThenBy(g => g.FirstIndex)];
    }
}
