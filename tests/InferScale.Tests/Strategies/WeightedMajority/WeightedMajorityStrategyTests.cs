using InferScale.Strategies;
using InferScale.Tests.Strategies.Support;

namespace InferScale.Tests.Strategies.WeightedMajority;

public sealed class WeightedMajorityStrategyTests
{
    private static ScriptedGenerator Generator(params string[] answers) =>
        new() { Answers = answers.Select((a, i) => (a, i)).ToDictionary(x => x.i, x => x.a) };

    [Fact]
    public async Task RunAsync_FewerButBetterScoredSamples_Win()
    {
        var reward = new TableRewardModel { Final = new Dictionary<string, double> { ["8"] = 0.2, ["7"] = 0.9 } };
        var (result, _) = await StrategyTestKit.RunAsync("weighted-majority", Generator("8", "8", "7", "8"), ComputeBudget.Samples(4),
            StrategyTestKit.Options(("aggregation", "final")), _ => reward);

        Assert.Equal("7", result.Answer); // 0.9 > 3 × 0.2
        Assert.Equal(4, reward.Calls);
        Assert.Equal(0.9, result.Candidates.Single(c => c.Index == 2).Score);
    }

    [Fact]
    public async Task RunAsync_RewardModelThrowsOnOneAnswer_FailureRecordedOthersVote()
    {
        var (result, ledger) = await StrategyTestKit.RunAsync("weighted-majority", Generator("8", "7", "8"), ComputeBudget.Samples(3),
            reward: l => new TableRewardModel { Final = new Dictionary<string, double> { ["7"] = 0.6, ["8"] = 0.9 }, ThrowOn = new HashSet<string> { "8" }, Ledger = l });

        Assert.Equal("7", result.Answer);
        Assert.Equal([0, 2], result.Failures.Select(f => f.Index));
        Assert.All(result.Failures, f => Assert.Equal(FailureStage.Scoring, f.Stage));
        Assert.False(result.Candidates.Single(c => c.Index == 0).Kept);
        Assert.Equal(ledger.Total, result.Usage);
    }

    [Fact]
    public async Task RunAsync_NoRewardModelAndNoRecordedScores_FailsBeforeAnyCall()
    {
        var generator = Generator("7");
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            StrategyTestKit.RunAsync("weighted-majority", generator, ComputeBudget.Samples(2), StrategyTestKit.Options(("use-recorded-scores", "false"))));
        Assert.Empty(generator.Requests);
    }
}
