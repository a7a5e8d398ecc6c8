namespace InferScale.Analysis.ComputeOptimal;

/// <summary>A Pareto-optimal allocation: one option per bin (by index into that bin's options), and its totals.</summary>
/// <param name="Cost">Total cost over all bins.</param>
/// <param name="Correct">Total correct answers over all bins.</param>
/// <param name="Choices">The chosen option's index for each bin.</param>
public sealed record AllocationPoint(double Cost, double Correct, IReadOnlyList<int> Choices);
