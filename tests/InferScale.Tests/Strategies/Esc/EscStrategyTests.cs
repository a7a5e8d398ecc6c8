using InferScale.Strategies;
using InferScale.Tests.Strategies.Support;

namespace InferScale.Tests.Strategies.Esc;

public sealed class EscStrategyTests
{
    [Fact]
    public async Task RunAsync_UnanimousPool_StopsAfterFirstWindow()
    {
        var generator = new ScriptedGenerator { Distribution = [("7", 1)] };
        var (result, _) = await StrategyTestKit.RunAsync("esc", generator, ComputeBudget.Samples(20), StrategyTestKit.Options(("window-size", "5")));

        Assert.Equal(5, generator.SamplesServed);
        Assert.Equal("7", result.Answer);
        Assert.False(result.BudgetExhausted);
        Assert.Contains(result.Trace, e => e.Kind == TraceEventKind.Decision && e.Message.Contains("unanimous on '7'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_SplitPool_UsesWholeBudget()
    {
        var generator = new ScriptedGenerator { Answers = Enumerable.Range(0, 20).ToDictionary(i => i, i => i % 3 == 0 ? "8" : "7") };
        var (result, _) = await StrategyTestKit.RunAsync("esc", generator, ComputeBudget.Samples(20), StrategyTestKit.Options(("window-size", "5")));

        Assert.Equal(20, generator.SamplesServed);
        Assert.Equal("7", result.Answer);
        Assert.Equal([0, 5, 10, 15], generator.Requests.Select(r => r.FirstIndex));
    }

    [Fact]
    public async Task RunAsync_SecondWindowUnanimous_StopsAfterTen()
    {
        var generator = new ScriptedGenerator { Answers = Enumerable.Range(0, 20).ToDictionary(i => i, i => i == 2 ? "8" : "7") };
        var (result, _) = await StrategyTestKit.RunAsync("esc", generator, ComputeBudget.Samples(20), StrategyTestKit.Options(("window-size", "5")));

        Assert.Equal(10, result.Candidates.Count);
    }

    [Fact]
    public void Build_WindowLargerThanBudget_FailsNamingWindowSize()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => StrategyCatalog.Default.Create("esc", StrategyTestKit.Options(("window-size", "8")), ComputeBudget.Samples(4)));
        Assert.Equal("WindowSize", ex.ParamName);
    }
}
