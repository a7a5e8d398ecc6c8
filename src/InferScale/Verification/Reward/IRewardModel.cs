namespace InferScale.Verification.Reward;

/// <summary>
/// Scores a solution to a prompt: per-step scores (process reward, steps split by <see cref="SolutionSteps.Delimiter"/>)
/// and an outcome score. Implementations do not throw for a bad backend answer: they return a score whose
/// <see cref="RewardScore.Final"/> is NaN and whose <see cref="RewardScore.Error"/> says why. Batch scoring is in
/// <see cref="RewardModelExtensions"/>.
/// </summary>
public interface IRewardModel
{
    /// <summary>Scores <paramref name="solution"/> as an answer to <paramref name="prompt"/>.</summary>
    /// <param name="prompt">The problem as the policy model saw it.</param>
    /// <param name="solution">The generated solution (steps separated by blank lines).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask<RewardScore> ScoreAsync(string prompt, string solution, CancellationToken cancellationToken = default);
}
