namespace InferScale.Decontamination;

/// <summary>An evaluation instance and its largest overlap with a single training instance.</summary>
/// <param name="EvalIndex">0-based index of the evaluation instance (its line order, blank lines skipped).</param>
/// <param name="EvalId">The instance's id field when it has one.</param>
/// <param name="Coverage">Fraction of the instance's tokens covered by n-grams shared with the training instance.</param>
/// <param name="TrainIndex">0-based index of that training instance.</param>
public sealed record ContaminatedInstance(int EvalIndex, string? EvalId, double Coverage, long TrainIndex);
