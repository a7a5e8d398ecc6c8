using InferScale.Strategies;
using InferScale.Tests.Strategies.Support;

namespace InferScale.Tests.Strategies.BestOfN;

public sealed class BestOfNStrategyTests
{
    private static ScriptedGenerator Generator(params string[] answers) =>
        new() { Answers = answers.Select((a, i) => (a, i)).ToDictionary(x => x.i, x => x.a) };

    private static TableRewardModel Prm() => new()
    {
        Final = new Dictionary<string, double> { ["7"] = 0.1, ["8"] = 0.2 },
        Steps = new Dictionary<string, double[]> { ["7"] = [0.9, 0.1, 0.8], ["8"] = [0.6, 0.6, 0.7] },
    };

    [Theory]
    [InlineData("last", "7")]
    [InlineData("min", "8")]
    [InlineData("product", "8")]
    [InlineData("mean", "8")]
    [InlineData("final", "8")]
    public async Task RunAsync_PrmAggregation_DecidesTheWinner(string aggregation, string expected)
    {
        var (result, _) = await StrategyTestKit.RunAsync("best-of-n", Generator("7", "8"), ComputeBudget.Samples(2),
            StrategyTestKit.Options(("aggregation", aggregation)), _ => Prm());

        Assert.Equal(expected, result.Answer);
    }

    [Fact]
    public async Task RunAsync_EqualScores_LowerIndexWins()
    {
        var reward = new TableRewardModel { Final = new Dictionary<string, double> { ["7"] = 0.5, ["8"] = 0.5 } };
        var (result, _) = await StrategyTestKit.RunAsync("best-of-n", Generator("8", "7"), ComputeBudget.Samples(2), reward: _ => reward);

        Assert.Equal(0, result.SelectedIndex);
        Assert.Equal("8", result.Answer);
    }
}
