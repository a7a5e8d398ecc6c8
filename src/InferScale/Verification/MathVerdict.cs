namespace InferScale.Verification;

/// <summary>The result of <see cref="MathAnswerChecker.Verify"/>.</summary>
/// <param name="GoldAnswer">The answer extracted from the gold text (normalised), or null when none was found.</param>
/// <param name="PredictedAnswer">The answer extracted from the predicted text (normalised), or null when none was found.</param>
/// <param name="IsEquivalent">Whether the predicted answer is equivalent to the gold answer.</param>
public sealed record MathVerdict(string? GoldAnswer, string? PredictedAnswer, bool IsEquivalent);
