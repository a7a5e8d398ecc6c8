using InferScale.Strategies;
using InferScale.Tests.Strategies.Support;

namespace InferScale.Tests.Strategies.PassAtK;

public sealed class PassAtKStrategyTests
{
    private static ScriptedGenerator Generator(params string[] answers) =>
        new() { Answers = answers.Select((a, i) => (a, i)).ToDictionary(x => x.i, x => x.a) };

    [Fact]
    public async Task RunAsync_OneOfKCorrect_IsCorrectWithTheCorrectAnswer()
    {
        var (result, _) = await StrategyTestKit.RunAsync("pass-at-k", Generator("1", "2", "7", "3"), ComputeBudget.Samples(4));

        Assert.True(result.IsCorrect);
        Assert.Equal("7", result.Answer);
        Assert.Equal(2, result.SelectedIndex);
        Assert.Equal(4, result.Candidates.Count);
    }

    [Fact]
    public async Task RunAsync_NoneCorrect_IsNotCorrect()
    {
        var (result, _) = await StrategyTestKit.RunAsync("pass-at-k", Generator("1", "2", "3", "4"), ComputeBudget.Samples(4));

        Assert.False(result.IsCorrect);
        Assert.All(result.Candidates, c => Assert.False(c.IsCorrect));
    }

    [Fact]
    public async Task RunAsync_StopAtFirstCorrect_StopsDrawing()
    {
        var generator = Generator("1", "7", "3", "4");
        var (result, _) = await StrategyTestKit.RunAsync("pass-at-k", generator, ComputeBudget.Samples(4), StrategyTestKit.Options(("stop-at-first-correct", "true")));

        Assert.True(result.IsCorrect);
        Assert.Equal(2, generator.SamplesServed);
    }

    [Fact]
    public async Task RunAsync_NoGold_FailsBeforeAnyCall()
    {
        var generator = Generator("7");
        await Assert.ThrowsAsync<ArgumentException>(() => StrategyTestKit.RunAsync("pass-at-k", generator, ComputeBudget.Samples(4), gold: null));
        Assert.Empty(generator.Requests);
    }
}
