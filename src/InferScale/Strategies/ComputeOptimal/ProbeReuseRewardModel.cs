using InferScale.Generation;
using InferScale.Verification.Reward;

namespace InferScale.Strategies;

/// <summary>
/// The reward model <c>compute-optimal</c> hands its chosen strategy: a probe sample already scored is answered from
/// the probe's score (usage zero, so verifier compute is counted once); anything else goes to the real model.
/// </summary>
internal sealed class ProbeReuseRewardModel(IRewardModel inner, string prompt, IReadOnlyDictionary<string, RewardScore> scores) : IRewardModel
{
    public ValueTask<RewardScore> ScoreAsync(string prompt1, string solution, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return string.Equals(prompt1, prompt, StringComparison.Ordinal) && scores.TryGetValue(solution, out var score)
            ? ValueTask.FromResult(score with { Usage = Usage.Zero })
            : inner.ScoreAsync(prompt1, solution, cancellationToken);
    }
}
