using InferScale.Compute;
using InferScale.Generation;
using InferScale.Strategies;
using InferScale.Tasks.Arith;

namespace InferScale.Tests.Strategies.StepSearch;

/// <summary>Budget, accounting, determinism, failure isolation and validation of every step-level and sequential strategy.</summary>
public sealed class StepSearchInvariantsTests
{
    public static TheoryData<string> All => [.. StepSearchTestKit.Strategies];

    public static TheoryData<string> WidthLimited => [.. StepSearchTestKit.WidthLimited];

    private static ArithProblem Level4 => StepSearchTestKit.Problems[30];

    [Theory]
    [MemberData(nameof(All))]
    public async Task RunAsync_SamplesBudget_NeverExceededAndUsageEqualsLedger(string strategy)
    {
        var (result, ledger) = await StepSearchTestKit.RunAsync(strategy, new ArithStepPolicy(), ComputeBudget.Samples(8), Level4);

        Assert.True(result.BudgetSpent <= 8, $"{strategy} charged {result.BudgetSpent} samples on a budget of 8");
        Assert.False(result.BudgetOverrun);
        Assert.Equal(ledger.Total, result.Usage);
        Assert.NotNull(result.Answer);
    }

    [Theory]
    [MemberData(nameof(WidthLimited))]
    public async Task RunAsync_SamplesBudget_AtMostNStepsPerDepth(string strategy)
    {
        var policy = new ArithStepPolicy();
        await StepSearchTestKit.RunAsync(strategy, policy, ComputeBudget.Samples(8), Level4);

        var perDepth = policy.Requests.GroupBy(r => r.Prefix.Count(c => c == '\n')).ToDictionary(g => g.Key, g => g.Sum(r => r.Count));
        Assert.All(perDepth, d => Assert.True(d.Value <= 8, $"{strategy} sampled {d.Value} steps at depth {d.Key} with width 8"));
        Assert.True(perDepth.Count > 2, $"{strategy} grew solutions over only {perDepth.Count} depths");
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task RunAsync_TokensBudget_NeverExceeded(string strategy)
    {
        var (result, ledger) = await StepSearchTestKit.RunAsync(strategy, new ArithStepPolicy(), ComputeBudget.Tokens(1500), Level4);

        var policy = ledger.TotalOf(LedgerEntryKind.Generation);
        Assert.True(policy.PromptTokens + policy.CompletionTokens <= 1500, $"{strategy} spent {policy.PromptTokens + policy.CompletionTokens} tokens on 1500");
        Assert.Equal(policy.PromptTokens + policy.CompletionTokens, result.BudgetSpent);
        Assert.Equal(ledger.Total, result.Usage);
        Assert.False(result.BudgetOverrun);
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task RunAsync_FlopsBudget_NeverExceeded(string strategy)
    {
        var budget = KaplanFlops.Sampling(StepSearchTestKit.Shape, 60, 40, 6);
        var policy = new ArithStepPolicy { Shape = StepSearchTestKit.Shape };
        var (result, ledger) = await StepSearchTestKit.RunAsync(strategy, policy, ComputeBudget.Flops(budget), Level4);

        Assert.True(ledger.TotalOf(LedgerEntryKind.Generation).Flops <= budget, $"{strategy} spent {ledger.TotalOf(LedgerEntryKind.Generation).Flops:G4} FLOPs on {budget:G4}");
        Assert.Equal(ledger.Total, result.Usage);
        Assert.False(result.BudgetOverrun);
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task RunAsync_SameSeed_SameResult(string strategy)
    {
        var (a, _) = await StepSearchTestKit.RunAsync(strategy, new ArithStepPolicy(0.3), ComputeBudget.Samples(8), Level4, seed: 5);
        var (b, _) = await StepSearchTestKit.RunAsync(strategy, new ArithStepPolicy(0.3), ComputeBudget.Samples(8), Level4, seed: 5);

        Assert.Equal(a.Answer, b.Answer);
        Assert.Equal(a.SelectedIndex, b.SelectedIndex);
        Assert.Equal(a.Candidates.Select(c => (c.Index, c.Sample.Text, c.Score)), b.Candidates.Select(c => (c.Index, c.Sample.Text, c.Score)));
        Assert.Equal(a.Trace.Select(e => e.Message), b.Trace.Select(e => e.Message));
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task RunAsync_DifferentSeeds_DifferentSamples(string strategy)
    {
        var (a, b) = (new ArithStepPolicy(0.5), new ArithStepPolicy(0.5));
        await StepSearchTestKit.RunAsync(strategy, a, ComputeBudget.Samples(8), Level4, seed: 1);
        await StepSearchTestKit.RunAsync(strategy, b, ComputeBudget.Samples(8), Level4, seed: 2);

        // The search saw different partial solutions (what it continued differs).
        Assert.NotEqual(a.Requests.Select(r => r.Prompt + r.Prefix), b.Requests.Select(r => r.Prompt + r.Prefix));
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task RunAsync_GeneratorThrowsOnSomeIndices_FailuresRecordedAndSearchContinues(string strategy)
    {
        var policy = new ArithStepPolicy(0.1) { ThrowOn = new HashSet<int> { 1, 6 } };
        var (result, ledger) = await StepSearchTestKit.RunAsync(strategy, policy, ComputeBudget.Samples(8), Level4);

        Assert.NotEmpty(result.Failures);
        Assert.All(result.Failures, f => Assert.Equal(FailureStage.Generation, f.Stage));
        Assert.All(result.Failures, f => Assert.Contains(f.Index, new[] { 1, 6 }));
        Assert.Contains(result.Trace, e => e.Kind == TraceEventKind.Failure);
        Assert.Contains(result.Candidates, c => c.Error is not null && !c.Kept);
        Assert.NotNull(result.Answer);
        Assert.Equal(ledger.Total, result.Usage);
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task RunAsync_RewardModelFailsSometimes_FailuresRecordedAndSearchContinues(string strategy)
    {
        if (strategy == "budget-forcing")
            return; // budget forcing calls no reward model.
        var options = StepSearchTestKit.Options(strategy) ?? [];
        if (strategy == "revisions")
            options["selection"] = "verifier";
        var flaky = new FlakyRewardModel(5);
        var (result, ledger) = await StepSearchTestKit.RunAsync(strategy, new ArithStepPolicy(0.1), ComputeBudget.Samples(8), Level4, options: options, reward: flaky);

        Assert.True(flaky.Failures > 0);
        Assert.Equal(flaky.Failures, result.Failures.Count(f => f.Stage == FailureStage.Scoring));
        Assert.NotNull(result.Answer);
        Assert.Equal(ledger.Total, result.Usage);
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task RunAsync_Cancelled_Throws(string strategy)
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        var s = StrategyCatalog.Default.Create(strategy, StepSearchTestKit.Options(strategy));
        var context = StepSearchTestKit.Context(new ArithStepPolicy(), ComputeBudget.Samples(8), Level4, new ArithStepRewardModel());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await s.RunAsync(context, cts.Token));
    }

    [Theory]
    [InlineData("beam-search", "beam-width", "9", "BeamWidth")]
    [InlineData("dvts", "subtree-width", "9", "SubtreeWidth")]
    [InlineData("lookahead", "beam-width", "9", "BeamWidth")]
    [InlineData("rebase", "width", "9", "Width")]
    [InlineData("mcts", "simulations", "9", "Simulations")]
    [InlineData("particle-filter", "particles", "9", "Particles")]
    [InlineData("entropic-particle-filter", "particles", "9", "Particles")]
    [InlineData("budget-forcing", "traces", "9", "Traces")]
    [InlineData("revisions", "chain-length", "9", "ChainLength")]
    public void Create_WidthLargerThanBudget_ThrowsNamingOption(string strategy, string option, string value, string property)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => StrategyCatalog.Default.Create(strategy, new Dictionary<string, string> { [option] = value }, ComputeBudget.Samples(8)));
        Assert.Contains(property, ex.Message + ex.ParamName, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Create_NegativeTemperature_ThrowsNamingOption(string strategy)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => StrategyCatalog.Default.Create(strategy, new Dictionary<string, string> { ["temperature"] = "-0.5" }));
        Assert.Contains("Temperature", ex.Message + ex.ParamName, StringComparison.Ordinal);
    }

    [Fact]
    public void ComputeBudget_Zero_ThrowsZeroBudget()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ComputeBudget.Samples(0));
        Assert.Contains("zero budget", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rebase", "balance-temperature", "-1", "BalanceTemperature")]
    [InlineData("particle-filter", "resample-temperature", "0", "ResampleTemperature")]
    [InlineData("entropic-particle-filter", "annealing-factor", "0.5", "AnnealingFactor")]
    [InlineData("mcts", "exploration-constant", "-1", "ExplorationConstant")]
    [InlineData("budget-forcing", "min-thinking-tokens", "9999", "MinThinkingTokens")]
    [InlineData("beam-search", "max-rounds", "0", "MaxRounds")]
    public void Create_InvalidOption_ThrowsNamingOption(string strategy, string option, string value, string property)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => StrategyCatalog.Default.Create(strategy, new Dictionary<string, string> { [option] = value }));
        Assert.Contains(property, ex.Message + ex.ParamName, StringComparison.Ordinal);
    }
}
