using InferScale.Verification;

namespace InferScale.Analysis;

/// <summary>One pool problem reduced to int and double arrays: answer-group ids, group credit, per-sample credit and scores.</summary>
internal sealed class PreparedProblem
{
    private PreparedProblem(int[] groupOf, double[] groupCredit, double[] sampleCredit, double[] scores, bool hasScores)
    {
        GroupOf = groupOf;
        GroupCredit = groupCredit;
        SampleCredit = sampleCredit;
        Scores = scores;
        HasScores = hasScores;
        Correct = sampleCredit.Count(c => c >= 1.0);
    }

    /// <summary>Samples in the problem.</summary>
    public int N => GroupOf.Length;

    /// <summary>Each sample's answer group, −1 for no answer.</summary>
    public int[] GroupOf { get; }

    /// <summary>Each group's credit: the majority of its members' labels (½ on an exact split), else gold equivalence of its representative.</summary>
    public double[] GroupCredit { get; }

    /// <summary>Each sample's correctness (1 or 0): its label, else gold equivalence of its answer.</summary>
    public double[] SampleCredit { get; }

    /// <summary>Each sample's score (0 when missing; see <see cref="HasScores"/>).</summary>
    public double[] Scores { get; }

    /// <summary>Whether any sample has a score.</summary>
    public bool HasScores { get; }

    /// <summary>Correct samples.</summary>
    public int Correct { get; }

    /// <summary>Builds the arrays for <paramref name="problem"/>, calling <paramref name="equivalence"/> to group answers and to grade unlabelled ones against gold.</summary>
    public static PreparedProblem Create(PoolProblem problem, IAnswerEquivalence equivalence, out double[] scoresForBest)
    {
        var samples = problem.Samples;
        var groups = AnswerGrouping.Group(samples.Select(s => s.Answer).ToList(), equivalence);
        var gold = problem.Gold?.Trim();
        var goldCache = new Dictionary<string, bool>(StringComparer.Ordinal);
        bool MatchesGold(string? answer)
        {
            if (gold is null || string.IsNullOrWhiteSpace(answer)) return false;
            var key = answer.Trim();
            if (!goldCache.TryGetValue(key, out var ok)) goldCache[key] = ok = equivalence.AreEquivalent(gold, key);
            return ok;
        }

        var sampleCredit = new double[samples.Count];
        var scores = new double[samples.Count];
        scoresForBest = new double[samples.Count];
        var hasScores = false;
        var labelled = new int[groups.Count];
        var labelledCorrect = new int[groups.Count];
        for (var i = 0; i < samples.Count; i++)
        {
            var sample = samples[i];
            sampleCredit[i] = (sample.IsCorrect ?? MatchesGold(sample.Answer)) ? 1.0 : 0.0;
            scores[i] = sample.Score ?? 0.0;
            scoresForBest[i] = sample.Score ?? double.NegativeInfinity;
            hasScores |= sample.Score is not null;
            var g = groups.Ids[i];
            if (g >= 0 && sample.IsCorrect is { } label)
            {
                labelled[g]++;
                if (label) labelledCorrect[g]++;
            }
        }

        var groupCredit = new double[groups.Count];
        for (var g = 0; g < groups.Count; g++)
        {
            groupCredit[g] = labelled[g] > 0
                ? (2 * labelledCorrect[g]).CompareTo(labelled[g]) switch { > 0 => 1.0, 0 => 0.5, _ => 0.0 }
                : MatchesGold(groups.Representatives[g]) ? 1.0 : 0.0;
        }

        return new PreparedProblem(groups.Ids, groupCredit, sampleCredit, scores, hasScores);
    }
}
