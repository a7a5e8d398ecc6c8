using InferScale.Strategies;
using InferScale.Tests.Strategies.Support;

namespace InferScale.Tests.Strategies.Majority;

public sealed class MajorityStrategyTests
{
    private static ScriptedGenerator Generator(params string[] answers) =>
        new() { Answers = answers.Select((a, i) => (a, i)).ToDictionary(x => x.i, x => x.a) };

    [Fact]
    public async Task RunAsync_ClearMajority_ReturnsMostFrequentAnswer()
    {
        var (result, _) = await StrategyTestKit.RunAsync("majority", Generator("8", "7", "7", "9", "7"), ComputeBudget.Samples(5));

        Assert.Equal("7", result.Answer);
        Assert.Equal(1, result.SelectedIndex); // the group's first sample
        Assert.True(result.IsCorrect);
        Assert.Contains(result.Trace, e => e.Kind == TraceEventKind.Decision && e.Message.Contains("3 of 5", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_Tie_GoesToAnswerSeenFirst()
    {
        var (result, _) = await StrategyTestKit.RunAsync("majority", Generator("9", "8", "8", "9"), ComputeBudget.Samples(4));

        Assert.Equal("9", result.Answer);
        Assert.False(result.IsCorrect);
    }

    [Fact]
    public async Task RunAsync_TokensBudget_DrawsWhatFitsInIndexOrder()
    {
        var generator = Generator(Enumerable.Repeat("7", 50).ToArray());
        var (result, _) = await StrategyTestKit.RunAsync("majority", generator, ComputeBudget.Tokens(300));

        Assert.True(result.BudgetExhausted);
        Assert.Equal(Enumerable.Range(0, result.Candidates.Count), result.Candidates.Select(c => c.Index));
        Assert.True(result.Candidates.Count >= 4, $"only {result.Candidates.Count} samples fit in 300 tokens");
    }
}
