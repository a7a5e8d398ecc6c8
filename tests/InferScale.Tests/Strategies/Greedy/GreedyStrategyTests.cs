using InferScale.Generation;
using InferScale.Strategies;
using InferScale.Tests.Strategies.Support;

namespace InferScale.Tests.Strategies.Greedy;

public sealed class GreedyStrategyTests
{
    [Fact]
    public async Task RunAsync_AnyBudget_DrawsSampleZeroAtTemperatureZero()
    {
        var generator = new ScriptedGenerator { Answers = new Dictionary<int, string> { [0] = "7", [1] = "8" } };
        var (result, _) = await StrategyTestKit.RunAsync("greedy", generator, ComputeBudget.Samples(8));

        var request = Assert.Single(generator.Requests);
        Assert.Equal(0, request.Sampling.Temperature);
        Assert.Equal(0, request.FirstIndex);
        Assert.Equal(1, request.Count);
        Assert.Equal("7", result.Answer);
        Assert.Equal(0, result.SelectedIndex);
        Assert.True(result.IsCorrect);
    }

    [Fact]
    public async Task RunAsync_SampleZeroFails_NoAnswerAndFailureRecorded()
    {
        var generator = new ScriptedGenerator { ErrorOn = new HashSet<int> { 0 } };
        var (result, _) = await StrategyTestKit.RunAsync("greedy", generator, ComputeBudget.Samples(1));

        Assert.Null(result.Answer);
        Assert.False(result.IsCorrect);
        Assert.Equal(0, Assert.Single(result.Failures).Index);
    }

    [Fact]
    public void Build_NonZeroTemperature_FailsNamingTemperature()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new ScalingStrategyBuilder().AddGreedy(new GreedyOptions { Temperature = 0.7 }).Build());
        Assert.Equal("Temperature", ex.ParamName);
    }
}
