namespace InferScale.Strategies;

/// <summary>
/// Options of <c>best-of-n</c>: n samples (n = the budget) are scored by the reward model (ORM final score, or PRM step
/// scores aggregated by <see cref="RewardOptions.Aggregation"/>) and the highest wins (ties: lower index).
/// </summary>
public sealed record BestOfNOptions : RewardOptions;
