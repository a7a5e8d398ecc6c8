namespace InferScale.Strategies;

/// <summary>Softmax weights, their entropy, and seeded systematic resampling for step-level searches.</summary>
internal static class StepWeights
{
    /// <summary><c>softmax(scores / temperature)</c>, computed stably (the largest score is subtracted first).</summary>
    public static double[] Softmax(IReadOnlyList<double> scores, double temperature)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(temperature);
        if (scores.Count == 0)
            return [];
        var max = scores.Max();
        var weights = new double[scores.Count];
        var sum = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = Math.Exp((scores[i] - max) / temperature);
            sum += weights[i];
        }
        for (var i = 0; i < weights.Length; i++)
            weights[i] /= sum;
        return weights;
    }

    /// <summary>Scores are clipped to [ε, 1 − ε] before <see cref="LogOdds"/>, so a score of exactly 0 or 1 stays finite (±16.1).</summary>
    public const double LogOddsEpsilon = 1e-7;

    /// <summary>
    /// The log-odds <c>ln(s / (1 − s))</c> of scores in [0, 1] (clipped to [<see cref="LogOddsEpsilon"/>, 1 − ε]): particle
    /// filtering treats a PRM score as the probability that the partial solution is on a correct path, so its log-weight
    /// is the logit (as in Puri et al.'s reference implementation); a softmax of raw [0, 1] scores at T = 1 could never
    /// favour a particle more than e ≈ 2.7 times over another.
    /// </summary>
    public static double[] LogOdds(IReadOnlyList<double> scores)
    {
        var logits = new double[scores.Count];
        for (var i = 0; i < logits.Length; i++)
        {
            var s = Math.Clamp(double.IsNaN(scores[i]) ? 0 : scores[i], LogOddsEpsilon, 1 - LogOddsEpsilon);
            logits[i] = Math.Log(s / (1 - s));
        }
        return logits;
    }

    /// <summary>The entropy of <paramref name="weights"/> divided by <c>ln n</c>: 1 for uniform weights, 0 when one holds all (1 for n ≤ 1).</summary>
    public static double NormalizedEntropy(IReadOnlyList<double> weights)
    {
        if (weights.Count <= 1)
            return 1;
        var h = 0.0;
        foreach (var w in weights)
        {
            if (w > 0)
                h -= w * Math.Log(w);
        }
        return h / Math.Log(weights.Count);
    }

    /// <summary>
    /// Systematic resampling: <paramref name="count"/> draws from <paramref name="weights"/> with one uniform offset
    /// <c>u ~ U[0, 1/count)</c> and the points <c>u + k/count</c>; returns how many copies each item gets (they sum to
    /// <paramref name="count"/>). <paramref name="uniform"/> is the one random number in [0, 1).
    /// </summary>
    public static int[] Systematic(IReadOnlyList<double> weights, int count, double uniform)
    {
        var copies = new int[weights.Count];
        if (weights.Count == 0 || count <= 0)
            return copies;
        var total = weights.Sum();
        var cumulative = 0.0;
        var item = 0;
        for (var k = 0; k < count; k++)
        {
            var point = (uniform + k) / count * total;
            while (item < weights.Count - 1 && cumulative + weights[item] <= point)
            {
                cumulative += weights[item];
                item++;
            }
            copies[item]++;
        }
        return copies;
    }

    /// <summary>
    /// Splits <paramref name="total"/> children among nodes in proportion to <paramref name="shares"/> by rounding that
    /// keeps the total (largest remainder: floors first, then one more to the largest fractional parts, ties to the
    /// lower position), so REBASE never expands more than its remaining width.
    /// </summary>
    public static int[] Apportion(IReadOnlyList<double> shares, int total)
    {
        var counts = new int[shares.Count];
        if (shares.Count == 0 || total <= 0)
            return counts;
        var sum = shares.Sum();
        var exact = shares.Select(s => s / sum * total).ToArray();
        var assigned = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = (int)Math.Floor(exact[i]);
            assigned += counts[i];
        }
        foreach (var i in Enumerable.Range(0, counts.Length).OrderByDescending(i => exact[i] - counts[i]).ThenBy(i => i).Take(total - assigned))
            counts[i]++;
        return counts;
    }
}
