using InferScale.Compute;
using InferScale.Verification.Reward;

namespace InferScale.Tests.Strategies.StepSearch;

/// <summary>Records every reward-model call in a ledger (independently of the run's own accounting).</summary>
internal sealed class LedgerRewardModel(IRewardModel inner, ComputeLedger ledger) : IRewardModel
{
    public async ValueTask<RewardScore> ScoreAsync(string prompt, string solution, CancellationToken cancellationToken = default)
    {
        var score = await inner.ScoreAsync(prompt, solution, cancellationToken);
        ledger.Record(LedgerEntryKind.RewardModel, "reward", score.Usage);
        return score;
    }
}
