namespace InferScale.Analysis;

/// <summary>
/// Computes one problem's value of every metric at every k: pass@k and best-of-k exactly; majority and weighted
/// majority exactly at k = 1 and k = n, and by averaging over seeded draws of k of n samples without replacement in
/// between (one partial shuffle per draw serves every k, since each prefix of a uniform permutation is a uniform subset).
/// </summary>
internal static class ProblemEvaluator
{
    /// <summary>Metric slots in the values array: series index = slot · ks.Length + k index.</summary>
    public const int PassSlot = 0, MajoritySlot = 1, BestSlot = 2, WeightedSlot = 3;

    public static void Evaluate(PreparedProblem problem, double[] scoresForBest, int[] ks, bool withScores, int draws, ulong seed, double[][] values, int problemIndex)
    {
        var n = problem.N;
        var kCount = ks.Length;
        for (var j = 0; j < kCount; j++) values[PassSlot * kCount + j][problemIndex] = PassAtK.Estimate(n, problem.Correct, ks[j]);

        if (withScores)
        {
            var blocks = ScoreBlocks.Build(scoresForBest, problem.SampleCredit);
            var ratio = new double[n + 1];
            for (var j = 0; j < kCount; j++) values[BestSlot * kCount + j][problemIndex] = blocks.Expected(ks[j], ratio);
        }

        var voter = new Voter(problem, withScores);
        var majority = new double[kCount];
        var weighted = new double[kCount];
        var identity = new int[n];
        for (var i = 0; i < n; i++) identity[i] = i;

        var subsampled = new List<int>();
        for (var j = 0; j < kCount; j++)
        {
            if (ks[j] == 1)
            {
                // Exact: a single sample's group wins.
                var sum = 0.0;
                foreach (var g in problem.GroupOf) sum += g >= 0 ? problem.GroupCredit[g] : 0.0;
                majority[j] = weighted[j] = sum / n;
            }
            else if (ks[j] == n)
            {
                voter.Run(identity, [n], majority.AsSpan(j, 1), weighted.AsSpan(j, 1));
            }
            else
            {
                subsampled.Add(j);
            }
        }

        if (subsampled.Count > 0)
        {
            var evalKs = subsampled.Select(j => ks[j]).ToArray();
            var kMax = evalKs[^1];
            var majorityAcc = new double[evalKs.Length];
            var weightedAcc = new double[evalKs.Length];
            var rng = new Xoshiro256(seed);
            var order = identity;
            for (var d = 0; d < draws; d++)
            {
                for (var i = 0; i < kMax; i++)
                {
                    var r = i + rng.NextInt(n - i);
                    (order[i], order[r]) = (order[r], order[i]);
                }

                voter.Run(order.AsSpan(0, kMax), evalKs, majorityAcc, weightedAcc);
            }

            for (var s = 0; s < subsampled.Count; s++)
            {
                majority[subsampled[s]] = majorityAcc[s] / draws;
                weighted[subsampled[s]] = weightedAcc[s] / draws;
            }
        }

        for (var j = 0; j < kCount; j++)
        {
            values[MajoritySlot * kCount + j][problemIndex] = majority[j];
            if (withScores) values[WeightedSlot * kCount + j][problemIndex] = weighted[j];
        }
    }
}
