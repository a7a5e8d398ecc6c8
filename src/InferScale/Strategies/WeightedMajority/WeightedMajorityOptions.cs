namespace InferScale.Strategies;

/// <summary>
/// Options of <c>weighted-majority</c> (Wu et al.; Snell's best-of-N weighted): each equivalence class of answers
/// scores the sum of its samples' reward scores, and the largest sum wins (ties: more votes, then lower first index).
/// Scores are expected to be non-negative (probabilities of correctness); samples whose scoring failed do not vote.
/// </summary>
public sealed record WeightedMajorityOptions : RewardOptions;
