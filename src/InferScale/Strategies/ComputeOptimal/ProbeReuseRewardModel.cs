using InferScale.Generation;
using InferScale.Verification.Reward;

namespace InferScale.Strategies;

/// <summary>
/// The reward model <c>compute-optimal</c> hands its chosen strategy: each probe sample's score is served once, to
/// the first request for the same solution text (usage zero, so verifier compute is counted once); everything else
/// goes to the real model — exactly the calls a run without the probe would make.
/// </summary>
internal sealed class ProbeReuseRewardModel : IRewardModel
{
    private readonly IRewardModel _inner;
    private readonly string _prompt;
    private readonly Dictionary<string, Queue<RewardScore>> _scores;
    private readonly Lock _gate = new();

    public ProbeReuseRewardModel(IRewardModel inner, string prompt, IEnumerable<(string Solution, RewardScore Score)> scores)
    {
        _inner = inner;
        _prompt = prompt;
        _scores = new Dictionary<string, Queue<RewardScore>>(StringComparer.Ordinal);
        foreach (var (solution, score) in scores)
        {
            if (!_scores.TryGetValue(solution, out var queue))
                _scores[solution] = queue = new Queue<RewardScore>();
            queue.Enqueue(score with { Usage = Usage.Zero });
        }
    }

    public ValueTask<RewardScore> ScoreAsync(string prompt, string solution, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (string.Equals(prompt, _prompt, StringComparison.Ordinal))
        {
            lock (_gate)
            {
                if (_scores.TryGetValue(solution, out var queue) && queue.TryDequeue(out var score))
                    return ValueTask.FromResult(score);
            }
        }
        return _inner.ScoreAsync(prompt, solution, cancellationToken);
    }
}
