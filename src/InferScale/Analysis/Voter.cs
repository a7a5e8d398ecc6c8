namespace InferScale.Analysis;

/// <summary>
/// Majority and weighted-majority voting over prefixes of a sample order, in one pass: counts and score sums per answer
/// group grow as samples are added, and at each requested prefix length the winner's credit is recorded. Ties share the
/// credit (the mean credit of the tied groups: the expected result of a uniformly random tie-break).
/// </summary>
internal sealed class Voter
{
    private readonly PreparedProblem _problem;
    private readonly bool _weighted;
    private readonly int[] _counts;
    private readonly double[] _sums;
    private readonly int[] _touched;

    public Voter(PreparedProblem problem, bool weighted)
    {
        _problem = problem;
        _weighted = weighted;
        var groups = problem.GroupCredit.Length;
        _counts = new int[groups];
        _sums = new double[groups];
        _touched = new int[groups];
    }

    /// <summary>
    /// Walks <paramref name="order"/> and, when the prefix length equals <c>evalKs[j]</c> (ascending), adds the majority
    /// winner's credit to <c>majority[j]</c> and the weighted winner's credit to <c>weighted[j]</c>.
    /// </summary>
    public void Run(ReadOnlySpan<int> order, ReadOnlySpan<int> evalKs, Span<double> majority, Span<double> weighted)
    {
        var groupOf = _problem.GroupOf;
        var credit = _problem.GroupCredit;
        var scores = _problem.Scores;
        var touched = 0;
        var maxCount = 0;
        var tied = 0;
        var tiedCredit = 0.0;
        var next = 0;
        for (var i = 0; i < order.Length && next < evalKs.Length; i++)
        {
            var sample = order[i];
            var g = groupOf[sample];
            if (g >= 0)
            {
                var count = ++_counts[g];
                if (count == 1) _touched[touched++] = g;
                if (_weighted) _sums[g] += scores[sample];
                if (count > maxCount)
                {
                    maxCount = count;
                    tied = 1;
                    tiedCredit = credit[g];
                }
                else if (count == maxCount)
                {
                    tied++;
                    tiedCredit += credit[g];
                }
            }

            while (next < evalKs.Length && evalKs[next] == i + 1)
            {
                majority[next] += maxCount > 0 ? tiedCredit / tied : 0.0;
                if (_weighted) weighted[next] += WeightedWinner(touched);
                next++;
            }
        }

        for (var t = 0; t < touched; t++)
        {
            _counts[_touched[t]] = 0;
            _sums[_touched[t]] = 0.0;
        }
    }

    private double WeightedWinner(int touched)
    {
        if (touched == 0) return 0.0;
        var best = double.NegativeInfinity;
        var tied = 0;
        var tiedCredit = 0.0;
        for (var t = 0; t < touched; t++)
        {
            var g = _touched[t];
            var sum = _sums[g];
            if (sum > best)
            {
                best = sum;
                tied = 1;
                tiedCredit = _problem.GroupCredit[g];
            }
            else if (sum == best)
            {
                tied++;
                tiedCredit += _problem.GroupCredit[g];
            }
        }

        return tiedCredit / tied;
    }
}
