namespace InferScale.Analysis.ComputeOptimal;

/// <summary>
/// The multiple-choice knapsack over difficulty bins, solved exactly: choose one option per bin to minimise total cost
/// subject to total correct ≥ a target. Each bin's options are reduced to their Pareto front (no other option is both
/// cheaper-or-equal and at least as accurate), then fronts are merged bin by bin (every sum of a point of the running
/// front and a point of the bin's front, pruned to the Pareto front again). Pruning only ever drops a partial sum that
/// another partial sum dominates, and domination is preserved by adding the same later choices, so the final front
/// holds an optimal allocation for every target. Sizes stay small (at most the number of distinct accuracy levels).
/// Ties are broken deterministically: lower cost, then higher correct, then the lexicographically smaller choices.
/// </summary>
public static class AllocationFrontier
{
    /// <summary>Tolerance for comparing sums of (seed-averaged) correct answers and costs.</summary>
    public const double Epsilon = 1e-9;

    /// <summary>The Pareto front of allocations, cost ascending and correct strictly ascending.</summary>
    /// <param name="optionsPerBin">Each bin's options (at least one per bin).</param>
    public static IReadOnlyList<AllocationPoint> Build(IReadOnlyList<IReadOnlyList<AllocationOption>> optionsPerBin)
    {
        ArgumentNullException.ThrowIfNull(optionsPerBin);
        if (optionsPerBin.Count == 0)
            throw new ArgumentException("There must be at least one bin.", nameof(optionsPerBin));
        List<AllocationPoint> front = [new AllocationPoint(0, 0, [])];
        for (var b = 0; b < optionsPerBin.Count; b++)
        {
            var options = optionsPerBin[b];
            if (options is null || options.Count == 0)
                throw new ArgumentException($"Bin {b} has no options.", nameof(optionsPerBin));
            var binFront = Prune(options.Select((o, i) => new AllocationPoint(o.Cost, o.Correct, [i])));
            var merged = new List<AllocationPoint>(front.Count * binFront.Count);
            foreach (var p in front)
            {
                foreach (var q in binFront)
                    merged.Add(new AllocationPoint(p.Cost + q.Cost, p.Correct + q.Correct, [.. p.Choices, q.Choices[0]]));
            }
            front = Prune(merged);
        }
        return front;
    }

    /// <summary>The cheapest allocation of <paramref name="front"/> with at least <paramref name="targetCorrect"/> correct; <see langword="null"/> when none reaches it.</summary>
    public static AllocationPoint? Cheapest(IReadOnlyList<AllocationPoint> front, double targetCorrect)
    {
        ArgumentNullException.ThrowIfNull(front);
        foreach (var p in front)
        {
            if (p.Correct >= targetCorrect - Epsilon)
                return p;
        }
        return null;
    }

    private static List<AllocationPoint> Prune(IEnumerable<AllocationPoint> points)
    {
        var sorted = points.ToList();
        sorted.Sort(static (a, b) =>
        {
            var c = a.Cost.CompareTo(b.Cost);
            if (c != 0)
                return c;
            c = b.Correct.CompareTo(a.Correct);
            return c != 0 ? c : CompareChoices(a.Choices, b.Choices);
        });
        var kept = new List<AllocationPoint>();
        var best = double.NegativeInfinity;
        foreach (var p in sorted)
        {
            if (p.Correct > best + Epsilon)
            {
                kept.Add(p);
                best = p.Correct;
            }
        }
        return kept;
    }

    private static int CompareChoices(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            if (a[i] != b[i])
                return a[i].CompareTo(b[i]);
        }
        return a.Count.CompareTo(b.Count);
    }
}
