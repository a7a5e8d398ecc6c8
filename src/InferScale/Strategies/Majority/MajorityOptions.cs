namespace InferScale.Strategies;

/// <summary>
/// Options of <c>majority</c> (self-consistency, maj@k): k samples (k = the budget) vote; answers are grouped by
/// equivalence; ties go to the answer whose first sample has the lower index (see <see cref="AnswerVoting"/>).
/// </summary>
public sealed record MajorityOptions : ScalingStrategyOptions;
