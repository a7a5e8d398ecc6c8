using InferScale.Compute;
using InferScale.Generation;
using InferScale.Strategies;
using InferScale.Tests.Strategies.Support;

namespace InferScale.Tests.Strategies;

/// <summary>Properties every implemented strategy must have: budget, accounting, nesting, failure isolation.</summary>
public sealed class StrategyInvariantsTests
{
    public static TheoryData<string> Implemented => [.. StrategyCatalog.Default.Strategies.Where(s => s.IsImplemented && !AppendsText(s.Name)).Select(s => s.Name)];

    /// <summary>
    /// budget-forcing continues prefixes no scripted sample contains (the end of thinking, the answer cue, "Wait"); its
    /// invariants are tested with the arith step policy in BudgetForcingStrategyTests.
    /// </summary>
    private static bool AppendsText(string strategy) => strategy == "budget-forcing";

    /// <summary>The implemented strategies that draw more than one sample (greedy's failure case is in GreedyStrategyTests).</summary>
    public static TheoryData<string> Multisample => [.. StrategyCatalog.Default.Strategies.Where(s => s.IsImplemented && s.Name != "greedy" && !AppendsText(s.Name)).Select(s => s.Name)];

    private static readonly ModelShape Shape = new(1_000_000, 4, 128, 4, 4);

    private static ScriptedGenerator Generator() => new()
    {
        Distribution = [("7", 0.5), ("8", 0.3), ("9", 0.2)],
        Confidence = new Dictionary<string, double> { ["7"] = 8, ["8"] = 3, ["9"] = 2 },
        Shape = Shape,
    };

    private static TableRewardModel Reward(ComputeLedger ledger) => new()
    {
        Final = new Dictionary<string, double> { ["7"] = 0.9, ["8"] = 0.4, ["9"] = 0.2 },
        Steps = new Dictionary<string, double[]> { ["7"] = [0.8, 0.9], ["8"] = [0.5, 0.4] },
        Ledger = ledger,
    };

    private static Dictionary<string, string>? Options(string strategy) => strategy switch
    {
        "deepconf-online" => StrategyTestKit.Options(("warmup-traces", "3"), ("chunk-tokens", "5"), ("consensus-threshold", "1")),
        "esc" => StrategyTestKit.Options(("window-size", "3")),
        "first-finish" => null,
        _ => null,
    };

    private static Task<(StrategyResult Result, ComputeLedger Ledger)> Run(string strategy, ScriptedGenerator generator, ComputeBudget budget, ulong seed = 1) =>
        StrategyTestKit.RunAsync(strategy, generator, budget, Options(strategy), Reward, seed: seed);

    [Theory]
    [MemberData(nameof(Implemented))]
    public async Task RunAsync_SamplesBudget_NeverExceededAndUsageEqualsLedger(string strategy)
    {
        var generator = Generator();
        var (result, ledger) = await Run(strategy, generator, ComputeBudget.Samples(6));

        Assert.True(generator.DistinctIndices <= 6, $"{strategy} drew {generator.DistinctIndices} samples on a budget of 6");
        Assert.Equal(ledger.Total, result.Usage);
        Assert.Equal(generator.DistinctIndices, result.BudgetSpent);
        Assert.False(result.BudgetOverrun);
        Assert.NotEmpty(result.Candidates);
        Assert.NotNull(result.Answer);
    }

    [Theory]
    [MemberData(nameof(Implemented))]
    public async Task RunAsync_TokensBudget_NeverExceeded(string strategy)
    {
        var generator = Generator();
        var (result, ledger) = await Run(strategy, generator, ComputeBudget.Tokens(700));

        var policy = ledger.TotalOf(LedgerEntryKind.Generation);
        Assert.True(policy.PromptTokens + policy.CompletionTokens <= 700, $"{strategy} spent {policy.PromptTokens + policy.CompletionTokens} tokens on a budget of 700");
        Assert.Equal(policy.PromptTokens + policy.CompletionTokens, result.BudgetSpent);
        Assert.Equal(ledger.Total, result.Usage);
        Assert.False(result.BudgetOverrun);
    }

    [Theory]
    [MemberData(nameof(Implemented))]
    public async Task RunAsync_FlopsBudget_NeverExceeded(string strategy)
    {
        var generator = Generator();
        var budget = KaplanFlops.Sampling(Shape, 30, 40, 5);
        var (result, ledger) = await Run(strategy, generator, ComputeBudget.Flops(budget));

        Assert.True(ledger.TotalOf(LedgerEntryKind.Generation).Flops <= budget);
        Assert.Equal(ledger.Total, result.Usage);
        Assert.False(result.BudgetOverrun);
    }

    [Theory]
    [MemberData(nameof(Implemented))]
    public async Task RunAsync_BudgetN_SamplesArePrefixOfBudget2N(string strategy)
    {
        var (small, _) = await Run(strategy, Generator(), ComputeBudget.Samples(5), seed: 42);
        var (large, _) = await Run(strategy, Generator(), ComputeBudget.Samples(10), seed: 42);

        var byIndex = large.Candidates.ToDictionary(c => c.Index);
        Assert.All(small.Candidates, c =>
        {
            Assert.True(c.Index < 5, $"{strategy} used index {c.Index} on a budget of 5");
            if (byIndex.TryGetValue(c.Index, out var twin))
            {
                // Identical samples; a trace stopped early by one run is a prefix of the other's.
                Assert.True(twin.Sample.Text.StartsWith(c.Sample.Text, StringComparison.Ordinal) || c.Sample.Text.StartsWith(twin.Sample.Text, StringComparison.Ordinal),
                    $"{strategy}: sample {c.Index} differs between budgets");
            }
        });
        Assert.Equal(Enumerable.Range(0, small.Candidates.Count), small.Candidates.Select(c => c.Index));
    }

    [Theory]
    [MemberData(nameof(Implemented))]
    public async Task RunAsync_SameSeed_SameResult(string strategy)
    {
        var (a, _) = await Run(strategy, Generator(), ComputeBudget.Samples(6), seed: 9);
        var (b, _) = await Run(strategy, Generator(), ComputeBudget.Samples(6), seed: 9);

        Assert.Equal(a.Answer, b.Answer);
        Assert.Equal(a.SelectedIndex, b.SelectedIndex);
        Assert.Equal(a.Candidates.Select(c => c.Sample.Text), b.Candidates.Select(c => c.Sample.Text));
    }

    [Theory]
    [MemberData(nameof(Multisample))]
    public async Task RunAsync_GeneratorThrowsForIndex3_FailureRecordedAndRunContinues(string strategy)
    {
        var generator = new ScriptedGenerator { Answers = Enumerable.Range(0, 8).ToDictionary(i => i, _ => "7"), ThrowOn = new HashSet<int> { 3 } };
        var options = strategy switch
        {
            "esc" => StrategyTestKit.Options(("window-size", "8")),
            "adaptive-consistency" => StrategyTestKit.Options(("batch-size", "8")),
            "deepconf-online" => StrategyTestKit.Options(("warmup-traces", "8")),
            "pass-at-k" => null,
            _ => null,
        };
        var ledger = new ComputeLedger();
        var s = StrategyCatalog.Default.Create(strategy, options);
        using var accounted = new AccountingGenerator(generator, ledger);
        var result = await s.RunAsync(StrategyTestKit.Context(accounted, ComputeBudget.Samples(8), new TableRewardModel { Ledger = ledger }));

        var failure = Assert.Single(result.Failures);
        Assert.Equal(3, failure.Index);
        Assert.Equal(FailureStage.Generation, failure.Stage);
        Assert.Contains(result.Trace, e => e.Kind == TraceEventKind.Failure && e.Index == 3);
        Assert.Equal(8, result.Candidates.Count);
        Assert.NotNull(result.Candidates.Single(c => c.Index == 3).Error);
        Assert.Equal("7", result.Answer);
        Assert.Equal(ledger.Total, result.Usage);
    }

    [Theory]
    [MemberData(nameof(Implemented))]
    public async Task RunAsync_Cancelled_Throws(string strategy)
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        var s = StrategyCatalog.Default.Create(strategy, Options(strategy));
        var context = StrategyTestKit.Context(Generator(), ComputeBudget.Samples(6), new TableRewardModel());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await s.RunAsync(context, cts.Token));
    }
}
