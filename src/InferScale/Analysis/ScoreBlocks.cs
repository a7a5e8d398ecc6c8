namespace InferScale.Analysis;

/// <summary>Samples sorted by score (descending) and cut into blocks of equal score, for exact best-of-k.</summary>
internal sealed class ScoreBlocks
{
    private readonly int[] _sizes;
    private readonly double[] _meanCredit;
    private readonly int _n;

    private ScoreBlocks(int n, int[] sizes, double[] meanCredit)
    {
        _n = n;
        _sizes = sizes;
        _meanCredit = meanCredit;
    }

    /// <summary>Builds the blocks; missing scores must be passed as <see cref="double.NegativeInfinity"/>.</summary>
    public static ScoreBlocks Build(double[] scores, double[] credit)
    {
        var order = new int[scores.Length];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        // Descending score; index breaks ties so the order (and the float sums below) is deterministic.
        Array.Sort(order, (a, b) => scores[b].CompareTo(scores[a]) is var c && c != 0 ? c : a.CompareTo(b));
        var sizes = new List<int>();
        var means = new List<double>();
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            var sum = 0.0;
            while (end < order.Length && scores[order[end]].Equals(scores[order[start]])) sum += credit[order[end++]];
            sizes.Add(end - start);
            means.Add(sum / (end - start));
            start = end;
        }

        return new ScoreBlocks(scores.Length, [.. sizes], [.. means]);
    }

    /// <summary>
    /// Expected credit for k draws: block j (with a samples above it and t in it) holds the maximum with probability
    /// <c>[C(n−a, k) − C(n−a−t, k)] / C(n, k)</c>. <paramref name="ratio"/> is scratch of length n + 1.
    /// </summary>
    public double Expected(int k, double[] ratio)
    {
        if (k < 1 || k > _n) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be in 1..{_n}");
        // ratio[m] = C(m, k) / C(n, k), by the recurrence C(m−1, k) = C(m, k)·(m−k)/m.
        ratio[_n] = 1.0;
        for (var m = _n; m > 0; m--) ratio[m - 1] = m - 1 < k ? 0.0 : ratio[m] * (m - k) / m;
        var expected = 0.0;
        var above = 0;
        for (var j = 0; j < _sizes.Length; j++)
        {
            var p = ratio[_n - above] - ratio[_n - above - _sizes[j]];
            if (p == 0.0 && ratio[_n - above] == 0.0) break;
            expected += p * _meanCredit[j];
            above += _sizes[j];
        }

        return expected;
    }
}
