using InferScale.Generation;

namespace InferScale.Verification.Reward;

/// <summary>A reward model's verdict on one solution.</summary>
/// <param name="StepScores">One score per step, in order (empty for outcome-only models); NaN where a step could not be scored.</param>
/// <param name="Final">The outcome score; NaN when scoring failed.</param>
/// <param name="Usage">Compute the verifier used (its tokens are counted in <see cref="Generation.Usage.VerifierTokens"/>).</param>
public sealed record RewardScore(IReadOnlyList<double> StepScores, double Final, Usage Usage)
{
    /// <summary>Why scoring failed, when <see cref="Final"/> is NaN; otherwise <see langword="null"/>.</summary>
    public string? Error { get; init; }

    /// <summary>A failed score: no steps, <see cref="Final"/> NaN, <paramref name="error"/> recorded.</summary>
    public static RewardScore Failed(string error, Usage usage) => new([], double.NaN, usage) { Error = error };
}
