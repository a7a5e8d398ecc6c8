using InferScale.Randomness;

namespace InferScale.Analysis.ComputeOptimal;

/// <summary>
/// The 2-fold split of problems: problems ordered by a seeded hash of their id (ties by id), the first half (rounded
/// up) is fold 0. Depends only on the ids and the seed, never on their order; the folds differ in size by at most one.
/// </summary>
public static class CrossValidationFolds
{
    /// <summary>The fold (0 or 1) of each problem of <paramref name="problemIds"/>, in the same order.</summary>
    public static int[] Assign(IReadOnlyList<string> problemIds, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(problemIds);
        var order = Enumerable.Range(0, problemIds.Count)
            .OrderBy(i => SplitMix64.Combine(seed, StableHash.Of(problemIds[i])))
            .ThenBy(i => problemIds[i], StringComparer.Ordinal)
            .ToArray();
        var folds = new int[problemIds.Count];
        var firstHalf = (problemIds.Count + 1) / 2;
        for (var rank = 0; rank < order.Length; rank++)
            folds[order[rank]] = rank < firstHalf ? 0 : 1;
        return folds;
    }
}
