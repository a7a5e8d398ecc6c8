using InferScale.Strategies;
using InferScale.Tests.Strategies.Support;

namespace InferScale.Tests.Strategies.AdaptiveConsistency;

public sealed class AdaptiveConsistencyStrategyTests
{
    [Theory]
    [InlineData(1, 0, 0.75)]
    [InlineData(3, 0, 0.9375)]
    [InlineData(4, 0, 0.96875)]
    [InlineData(2, 2, 0.5)]
    [InlineData(3, 1, 0.8125)]
    public void LeaderProbability_SmallCounts_MatchesClosedForm(int a, int b, double expected)
    {
        // For integers, P(X > 1/2) with X ~ Beta(a+1, b+1) = P(Binomial(a+b+1, 1/2) >= a+1).
        Assert.Equal(expected, AdaptiveConsistencyStrategy.LeaderProbability(a, b), 10);
    }

    [Fact]
    public async Task RunAsync_UnanimousPool_StopsAfterFourSamples()
    {
        var generator = new ScriptedGenerator { Distribution = [("7", 1)] };
        var (result, _) = await StrategyTestKit.RunAsync("adaptive-consistency", generator, ComputeBudget.Samples(40));

        Assert.Equal(4, generator.SamplesServed);
        Assert.Equal("7", result.Answer);
        Assert.False(result.BudgetExhausted);
    }

    [Fact]
    public async Task RunAsync_SplitPool_UsesWholeBudget()
    {
        var generator = new ScriptedGenerator { Answers = Enumerable.Range(0, 16).ToDictionary(i => i, i => i % 2 == 0 ? "7" : "8") };
        var (result, _) = await StrategyTestKit.RunAsync("adaptive-consistency", generator, ComputeBudget.Samples(16));

        Assert.Equal(16, generator.SamplesServed);
        Assert.True(result.BudgetExhausted || result.Candidates.Count == 16);
        Assert.Equal("7", result.Answer); // 8–8 tie: the answer seen first
    }

    [Fact]
    public void Build_ThresholdOutOfRange_FailsNamingThreshold()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => StrategyCatalog.Default.Create("adaptive-consistency", StrategyTestKit.Options(("threshold", "1.5"))));
        Assert.Equal("Threshold", ex.ParamName);
    }
}
