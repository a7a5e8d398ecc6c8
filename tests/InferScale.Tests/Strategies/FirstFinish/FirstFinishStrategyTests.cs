using InferScale.Compute;
using InferScale.Generation;
using InferScale.Strategies;
using InferScale.Tests.Strategies.Support;

namespace InferScale.Tests.Strategies.FirstFinish;

public sealed class FirstFinishStrategyTests
{
    private static ScriptedGenerator Generator() => new()
    {
        Answers = new Dictionary<int, string> { [0] = "8", [1] = "7", [2] = "9", [3] = "8" },
        StepsByIndex = new Dictionary<int, int> { [0] = 5, [1] = 2, [2] = 2, [3] = 6 },
    };

    [Fact]
    public async Task RunAsync_WholeSamples_ShortestFinishedWinsTiesByIndex()
    {
        var (result, _) = await StrategyTestKit.RunAsync("first-finish", Generator(), ComputeBudget.Samples(4));

        Assert.Equal(1, result.SelectedIndex);
        Assert.Equal("7", result.Answer);
        Assert.Equal(4, result.Candidates.Count);
    }

    [Fact]
    public async Task RunAsync_LockStepChunks_SameChoiceWithFewerTokens()
    {
        var whole = await StrategyTestKit.RunAsync("first-finish", Generator(), ComputeBudget.Samples(4));
        var chunked = await StrategyTestKit.RunAsync("first-finish", Generator(), ComputeBudget.Samples(4), StrategyTestKit.Options(("chunk-tokens", "4")));

        Assert.Equal(whole.Result.SelectedIndex, chunked.Result.SelectedIndex);
        Assert.Equal(whole.Result.Text, chunked.Result.Text);
        Assert.True(chunked.Ledger.TotalOf(LedgerEntryKind.Generation).CompletionTokens < whole.Ledger.TotalOf(LedgerEntryKind.Generation).CompletionTokens);
        Assert.Equal(FinishReason.Cancelled, chunked.Result.Candidates.Single(c => c.Index == 3).Sample.FinishReason);
    }

    [Fact]
    public async Task RunAsync_NothingFinishes_NoAnswer()
    {
        var generator = Generator();
        var context = StrategyTestKit.Context(generator, ComputeBudget.Samples(4)) with { Sampling = new SamplingOptions { MaxTokens = 3 } };
        var result = await StrategyCatalog.Default.Create("first-finish").RunAsync(context);

        Assert.Null(result.Answer);
        Assert.All(result.Candidates, c => Assert.Equal(FinishReason.Length, c.Sample.FinishReason));
    }
}
