using InferScale.Generation;

namespace InferScale.Verification.Reward;

/// <summary>A reward model's judgement of one solution.</summary>
/// <param name="StepScores">One score per step (steps split by the step delimiter); empty for outcome-only models.</param>
/// <param name="Final">The outcome score of the whole solution.</param>
/// <param name="Usage">The compute scoring took (verifier tokens, FLOPs, calls).</param>
public sealed record RewardScore(IReadOnlyList<double> StepScores, double Final, Usage Usage);
