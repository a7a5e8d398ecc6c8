using InferScale.Tasks.Arith;
using InferScale.Verification.Reward;

namespace InferScale.Tests.Strategies.StepSearch;

/// <summary>The arith PRM, failing (throwing) on every <see cref="Every"/>-th call.</summary>
internal sealed class FlakyRewardModel(int every) : IRewardModel
{
    private readonly ArithStepRewardModel _inner = new();
    private int _calls;

    public int Every { get; } = every;

    public int Failures { get; private set; }

    public ValueTask<RewardScore> ScoreAsync(string prompt, string solution, CancellationToken cancellationToken = default)
    {
        if (++_calls % Every == 0)
        {
            Failures++;
            throw new InvalidOperationException($"reward model failed on call {_calls}");
        }
        return _inner.ScoreAsync(prompt, solution, cancellationToken);
    }
}
