namespace InferScale.Analysis.ComputeOptimal;

/// <summary>
/// Problems split into difficulty quantiles: sorted by estimate descending (bin 0 is the easiest: highest pass@1 or
/// reward score), ties broken by problem id (ordinal), then cut into groups whose sizes differ by at most one
/// (bin <c>b</c> takes ranks <c>⌊b·n/k⌋ … ⌊(b+1)·n/k⌋ − 1</c>). With fewer problems than bins, there are as many bins as problems.
/// </summary>
public sealed class DifficultyBins
{
    private DifficultyBins(int[] binOf, IReadOnlyList<DifficultyBinRange> ranges)
    {
        BinOf = binOf;
        Ranges = ranges;
    }

    /// <summary>The bin of each problem, in the input order.</summary>
    public IReadOnlyList<int> BinOf { get; }

    /// <summary>Each bin's estimate range and routing bound, easiest first.</summary>
    public IReadOnlyList<DifficultyBinRange> Ranges { get; }

    /// <summary>The number of bins.</summary>
    public int Count => Ranges.Count;

    /// <summary>Bins <paramref name="estimates"/> (one per problem of <paramref name="problemIds"/>) into <paramref name="bins"/> quantiles.</summary>
    public static DifficultyBins Assign(IReadOnlyList<string> problemIds, IReadOnlyList<double> estimates, int bins)
    {
        ArgumentNullException.ThrowIfNull(problemIds);
        ArgumentNullException.ThrowIfNull(estimates);
        if (problemIds.Count != estimates.Count)
            throw new ArgumentException($"{problemIds.Count} problems but {estimates.Count} estimates.", nameof(estimates));
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        if (problemIds.Count == 0)
            throw new ArgumentException("There are no problems to bin.", nameof(problemIds));
        foreach (var e in estimates)
        {
            if (!double.IsFinite(e))
                throw new ArgumentException("Every difficulty estimate must be a finite number.", nameof(estimates));
        }
        var n = problemIds.Count;
        var k = Math.Min(bins, n);
        var order = Enumerable.Range(0, n)
            .OrderByDescending(i => estimates[i])
            .ThenBy(i => problemIds[i], StringComparer.Ordinal)
            .ToArray();
        var binOf = new int[n];
        var lows = new double[k];
        var highs = new double[k];
        var counts = new int[k];
        for (var b = 0; b < k; b++)
        {
            int start = (int)((long)b * n / k), end = (int)((long)(b + 1) * n / k);
            highs[b] = estimates[order[start]];
            lows[b] = estimates[order[end - 1]];
            counts[b] = end - start;
            for (var r = start; r < end; r++)
                binOf[order[r]] = b;
        }
        var ranges = new DifficultyBinRange[k];
        for (var b = 0; b < k; b++)
        {
            // The routing bound lies midway between this bin's lowest estimate and the next (harder) bin's highest.
            double? lower = b == k - 1 ? null : (lows[b] + highs[b + 1]) / 2;
            ranges[b] = new DifficultyBinRange(b, lows[b], highs[b], counts[b], lower);
        }
        return new DifficultyBins(binOf, ranges);
    }
}
