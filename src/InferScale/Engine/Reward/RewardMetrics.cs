namespace InferScale.Engine.Reward;

/// <summary>How well scores rank solutions: AUC, best-of-n and weighted majority over one problem's samples.</summary>
public static class RewardMetrics
{
    /// <summary>
    /// The area under the ROC curve of <paramref name="items"/>' scores for telling correct from incorrect solutions
    /// (the Mann–Whitney probability that a random correct one outscores a random incorrect one, ties counted half).
    /// A NaN score ranks below every number. NaN when either class is empty.
    /// </summary>
    public static double Auc(IReadOnlyList<(double Score, bool Correct)> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var sorted = items.Select(i => (Score: double.IsNaN(i.Score) ? double.NegativeInfinity : i.Score, i.Correct)).OrderBy(i => i.Score).ToList();
        long positives = sorted.Count(i => i.Correct), negatives = sorted.Count - positives;
        if (positives == 0 || negatives == 0)
            return double.NaN;
        double rankSum = 0;
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j < sorted.Count && sorted[j].Score.Equals(sorted[i].Score))
                j++;
            var rank = (i + 1 + j) / 2.0;
            for (var t = i; t < j; t++)
            {
                if (sorted[t].Correct)
                    rankSum += rank;
            }
            i = j;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }

    /// <summary>The index of the highest score (NaN lowest; ties to the lowest index); −1 for no samples.</summary>
    public static int BestOfN(IReadOnlyList<double> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var best = -1;
        for (var i = 0; i < scores.Count; i++)
        {
            if (best < 0 || Key(scores[i]) > Key(scores[best]))
                best = i;
        }
        return best;
    }

    /// <summary>
    /// The index of a sample of the answer group with the largest summed score (weighted majority; unanswered samples
    /// and NaN scores vote nothing; ties go to the group whose first sample comes first); −1 when no sample has an answer.
    /// </summary>
    /// <param name="keys">Each sample's answer key (equivalent answers share a key; null = no answer).</param>
    /// <param name="scores">Each sample's score (all 1 for plain majority).</param>
    public static int WeightedMajority(IReadOnlyList<string?> keys, IReadOnlyList<double> scores)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(scores);
        var totals = new Dictionary<string, (double Weight, int First)>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++)
        {
            if (keys[i] is not { } key)
                continue;
            var w = double.IsNaN(scores[i]) ? 0 : scores[i];
            totals[key] = totals.TryGetValue(key, out var t) ? (t.Weight + w, t.First) : (w, i);
        }
        if (totals.Count == 0)
            return -1;
        return totals.Values.OrderByDescending(t => t.Weight).ThenBy(t => t.First).First().First;
    }

    private static double Key(double score) => double.IsNaN(score) ? double.NegativeInfinity : score;
}
