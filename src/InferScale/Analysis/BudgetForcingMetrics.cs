namespace InferScale.Analysis;

/// <summary>
/// s1's Control, Scaling and Performance (Muennighoff et al. 2025) of budget forcing over a set of thinking budgets.
/// Compute is the thinking actually used (mean thinking tokens), not the nominal budget, as in s1's figures: a budget the
/// model never reaches adds no compute and no slope.
/// </summary>
public static class BudgetForcingMetrics
{
    /// <summary>
    /// The metrics of <paramref name="points"/> (one per thinking budget; at least one). Scaling averages the slope over
    /// every pair ordered by thinking tokens; pairs with equal thinking tokens are counted in
    /// <see cref="BudgetForcingScaling.TiedPairs"/> and left out.
    /// </summary>
    /// <exception cref="ArgumentException">No points, or a value that is not finite or a share outside [0, 1].</exception>
    public static BudgetForcingScaling Compute(IReadOnlyList<BudgetForcingPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
            throw new ArgumentException("at least one budget is needed.", nameof(points));
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i] ?? throw new ArgumentException($"points[{i}] is null.", nameof(points));
            if (!double.IsFinite(p.ThinkingTokens) || p.ThinkingTokens < 0)
                throw new ArgumentException($"points[{i}].ThinkingTokens must be finite and >= 0 (got {p.ThinkingTokens}).", nameof(points));
            if (!(p.Accuracy is >= 0 and <= 1))
                throw new ArgumentException($"points[{i}].Accuracy must be in [0, 1] (got {p.Accuracy}).", nameof(points));
            if (!(p.WithinBounds is >= 0 and <= 1))
                throw new ArgumentException($"points[{i}].WithinBounds must be in [0, 1] (got {p.WithinBounds}).", nameof(points));
        }

        double slopes = 0;
        int pairs = 0, tied = 0;
        for (var i = 0; i < points.Count; i++)
        {
            for (var j = i + 1; j < points.Count; j++)
            {
                var (a, b) = points[i].ThinkingTokens <= points[j].ThinkingTokens ? (points[i], points[j]) : (points[j], points[i]);
                if (b.ThinkingTokens == a.ThinkingTokens)
                {
                    tied++;
                    continue;
                }
                slopes += (b.Accuracy - a.Accuracy) / (b.ThinkingTokens - a.ThinkingTokens);
                pairs++;
            }
        }

        return new BudgetForcingScaling(
            Control: points.Average(p => p.WithinBounds),
            Scaling: pairs == 0 ? null : slopes / pairs,
            Performance: points.Max(p => p.Accuracy),
            Pairs: pairs,
            TiedPairs: tied);
    }
}
