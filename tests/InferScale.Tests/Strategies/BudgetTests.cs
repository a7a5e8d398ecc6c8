using InferScale.Compute;
using InferScale.Generation;
using InferScale.Strategies;
using InferScale.Tests.Strategies.Support;

namespace InferScale.Tests.Strategies;

public sealed class BudgetTests
{
    [Theory]
    [InlineData("16", BudgetKind.Samples, 16)]
    [InlineData("16samples", BudgetKind.Samples, 16)]
    [InlineData("4096Tokens", BudgetKind.Tokens, 4096)]
    [InlineData("1e15flops", BudgetKind.Flops, 1e15)]
    public void Parse_Units_KindAndAmount(string text, BudgetKind kind, double amount)
    {
        var budget = ComputeBudget.Parse(text);
        Assert.Equal(kind, budget.Kind);
        Assert.Equal(amount, budget.Amount);
        Assert.Equal(budget, ComputeBudget.Parse(budget.ToString()));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("2.5")]
    [InlineData("lots")]
    public void Parse_Invalid_FormatErrorNamingText(string text)
    {
        var ex = Assert.Throws<FormatException>(() => ComputeBudget.Parse(text));
        Assert.Contains(text, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Samples_Zero_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => ComputeBudget.Samples(0));

    [Fact]
    public void TryReserve_Tokens_TrimsCountThenMaxTokens()
    {
        var tracker = new BudgetTracker(ComputeBudget.Tokens(100));
        var first = tracker.TryReserve(count: 8, maxTokens: 20, promptTokens: 10)!;
        Assert.Equal((4, 20), (first.Count, first.MaxTokens)); // 10 + 4·20 = 90 ≤ 100
        tracker.Settle(first, new Usage { PromptTokens = 10, CompletionTokens = 50 });
        Assert.Equal(60, tracker.Spent);

        var second = tracker.TryReserve(8, 20, 10)!;
        Assert.Equal((1, 20), (second.Count, second.MaxTokens)); // 40 left: 10 + 20
        tracker.Settle(second, new Usage { PromptTokens = 10, CompletionTokens = 20 });

        var third = tracker.TryReserve(8, 20, 4)!;
        Assert.Equal((1, 6), (third.Count, third.MaxTokens)); // 10 left: 4 + 6
        tracker.Settle(third, new Usage { PromptTokens = 4, CompletionTokens = 6 });
        Assert.Null(tracker.TryReserve(1, 20, 4));
        Assert.True(tracker.IsExhausted);
        Assert.False(tracker.Overrun);
    }

    [Fact]
    public void TryReserve_ConcurrentReservations_NeverOvercommit()
    {
        var tracker = new BudgetTracker(ComputeBudget.Samples(10));
        var granted = Enumerable.Range(0, 6).Select(_ => tracker.TryReserve(3, 10, 0)).Sum(r => r?.Count ?? 0);
        Assert.Equal(10, granted);
    }

    [Fact]
    public void Settle_MoreThanReserved_FlagsOverrun()
    {
        var tracker = new BudgetTracker(ComputeBudget.Tokens(50));
        var r = tracker.TryReserve(1, 10, 5)!;
        tracker.Settle(r, new Usage { PromptTokens = 40, CompletionTokens = 10 });
        Assert.True(tracker.Overrun);
    }

    [Fact]
    public void Constructor_FlopsWithoutShape_FailsExplaining()
    {
        var ex = Assert.Throws<ArgumentException>(() => new BudgetTracker(ComputeBudget.Flops(1e12)));
        Assert.Contains("shape", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryReserve_Flops_BoundIsKaplanOfTheCall()
    {
        var shape = new ModelShape(1_000_000, 2, 64, 2, 2);
        var budget = KaplanFlops.Sampling(shape, 10, 20, 3);
        var tracker = new BudgetTracker(ComputeBudget.Flops(budget), shape);
        var r = tracker.TryReserve(5, 20, 10)!;
        Assert.Equal(3, r.Count);
        Assert.Equal(budget, r.Reserved, 3);
    }

    [Fact]
    public void Settle_FlopsBudgetBackendReportsNoFlops_ChargesKaplanEstimateOfTokens()
    {
        var shape = new ModelShape(1_000_000, 2, 64, 2, 2);
        var tracker = new BudgetTracker(ComputeBudget.Flops(1e12), shape);
        var r = tracker.TryReserve(2, 20, 10)!;
        tracker.Settle(r, new Usage { PromptTokens = 10, CompletionTokens = 30 });
        Assert.Equal(KaplanFlops.Span(shape, 0, 10) + 2 * KaplanFlops.Span(shape, 10, 15), tracker.Spent, 3);
    }

    [Fact]
    public void PromptTokenBound_Observed_ReplacesByteBound()
    {
        var tracker = new BudgetTracker(ComputeBudget.Tokens(1000));
        Assert.Equal(11, tracker.PromptTokenBound("hello world", ""));
        tracker.ObservePromptTokens("hello world", "", 2);
        Assert.Equal(2, tracker.PromptTokenBound("hello world", ""));
        Assert.Equal(2 + 4, tracker.PromptTokenBound("hello world", "abcd"));
    }

    [Fact]
    public async Task RunAsync_ContextLedger_RecordsEveryCall()
    {
        var ledger = new ComputeLedger();
        var context = StrategyTestKit.Context(new ScriptedGenerator(), ComputeBudget.Samples(4), new TableRewardModel()) with { Ledger = ledger };
        var result = await StrategyCatalog.Default.Create("best-of-n").RunAsync(context);

        Assert.Equal(ledger.Total, result.Usage);
        Assert.Equal(4, ledger.Entries.Count(e => e.Kind == LedgerEntryKind.RewardModel));
        Assert.True(result.Usage.VerifierTokens > 0);
    }

    [Fact]
    public async Task RunAsync_TraceTimestamps_ComeFromInjectedClock()
    {
        var clock = new SteppingClock();
        var context = StrategyTestKit.Context(new ScriptedGenerator(), ComputeBudget.Samples(2)) with { TimeProvider = clock };
        var result = await StrategyCatalog.Default.Create("majority").RunAsync(context);

        Assert.Equal(result.Trace.Select((_, i) => TimeSpan.FromSeconds(i + 1)), result.Trace.Select(e => e.Elapsed));
    }

    private sealed class SteppingClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Add(ref _ticks, TimeSpan.TicksPerSecond) - TimeSpan.TicksPerSecond;
    }
}
