using InferScale.Backends;
using InferScale.Compute;
using InferScale.Generation;
using InferScale.Strategies;
using InferScale.Tasks.Arith;
using InferScale.Tests.Strategies.StepSearch;
using InferScale.Tests.Support;

namespace InferScale.Tests.Strategies.ComputeOptimal;

/// <summary>compute-optimal on the embedded engine (models/arith-0.3m.gguf) with the rule-based arith PRM.</summary>
public sealed class ComputeOptimalStrategyTests : IDisposable
{
    private static readonly Lazy<IGenerator> Engine = new(() => Generators.Open(new GeneratorSpec(Path.Combine(RepoPaths.Root, "models", "arith-0.3m.gguf"))));

    /// <summary>Two problems of level 1 and two of level 4.</summary>
    private static readonly ArithProblem[] Problems =
        [.. StepSearchTestKit.Problems.Where(p => p.Level == 1).Take(2), .. StepSearchTestKit.Problems.Where(p => p.Level == 4).Take(2)];

    private readonly List<string> _files = [];

    public void Dispose()
    {
        foreach (var f in _files)
            File.Delete(f);
    }

    /// <summary>A table of two bins split at <paramref name="bound"/>: the easy bin votes over 4 samples, the hard one over <paramref name="hardBudget"/>.</summary>
    private string Table(double bound, string easy = "majority", int easyBudget = 4, string hard = "weighted-majority", int hardBudget = 8,
        IReadOnlyDictionary<string, string>? hardParams = null, DifficultyEstimate difficulty = DifficultyEstimate.Predicted)
    {
        var path = Path.Combine(Path.GetTempPath(), $"copt-table-{Guid.NewGuid():N}.json");
        _files.Add(path);
        ComputeOptimalPolicyFile.Save(new ComputeOptimalPolicy
        {
            Difficulty = difficulty,
            Bins =
            [
                new ComputeOptimalPolicyBin { Bin = 0, LowerBound = bound, Strategy = easy, Budget = easyBudget },
                new ComputeOptimalPolicyBin { Bin = 1, Strategy = hard, Budget = hardBudget, Params = hardParams ?? new Dictionary<string, string> { ["aggregation"] = "min" } },
            ],
        }, path);
        return path;
    }

    private static async Task<(StrategyResult Result, RecordingGenerator Policy, ComputeLedger Ledger)> RunAsync(
        ArithProblem problem, ComputeBudget budget, Dictionary<string, string> options, ulong seed = 1)
    {
        var ledger = new ComputeLedger();
        var policy = new RecordingGenerator(Engine.Value, ledger);
        var strategy = StrategyCatalog.Default.Create("compute-optimal", options, budget);
        var result = await strategy.RunAsync(StepSearchTestKit.Context(policy, budget, problem, new LedgerRewardModel(new ArithStepRewardModel(), ledger), seed));
        return (result, policy, ledger);
    }

    [Fact]
    public async Task RunAsync_SamplesBudget_NeverExceededEachSampleDrawnOnceUsageEqualsLedger()
    {
        var table = Table(bound: 0.5);
        foreach (var problem in Problems)
        {
            var (result, policy, ledger) = await RunAsync(problem, ComputeBudget.Samples(8), new() { ["table"] = table });

            var fresh = policy.Drawn.Where(d => d.Prefix.Length == 0).ToList();
            Assert.Equal(fresh.Count, fresh.Distinct().Count());
            Assert.True(fresh.Count <= 8, $"{problem.Id}: {fresh.Count} samples on a budget of 8");
            Assert.Equal(fresh.Count, result.BudgetSpent);
            Assert.Equal(ledger.Total, result.Usage);
            Assert.False(result.BudgetOverrun);
            Assert.Equal(4, result.Metrics["probe-samples"]);
            Assert.Equal(4, result.Metrics["reused-samples"]);
        }
    }

    [Fact]
    public async Task RunAsync_BinsRoutedToTheTablesChoices()
    {
        var everythingEasy = Table(bound: -1);
        var everythingHard = Table(bound: 2);
        var split = Table(bound: 0.5);
        foreach (var problem in Problems)
        {
            var (easy, easyPolicy, _) = await RunAsync(problem, ComputeBudget.Samples(8), new() { ["table"] = everythingEasy });
            var (hard, hardPolicy, _) = await RunAsync(problem, ComputeBudget.Samples(8), new() { ["table"] = everythingHard });
            var (both, _, _) = await RunAsync(problem, ComputeBudget.Samples(8), new() { ["table"] = split });

            Assert.Equal(0, easy.Metrics["bin"]);
            Assert.Contains(easy.Trace, e => e.Kind == TraceEventKind.Decision && e.Message.Contains("→ bin 0 of 2", StringComparison.Ordinal) && e.Message.Contains("→ majority@4samples", StringComparison.Ordinal));
            Assert.Equal(4, easyPolicy.Drawn.Count); // majority@4 votes over the probe alone
            Assert.Equal(4, easy.Candidates.Count);

            Assert.Equal(1, hard.Metrics["bin"]);
            Assert.Contains(hard.Trace, e => e.Kind == TraceEventKind.Decision && e.Message.Contains("→ weighted-majority(aggregation=min)@8samples", StringComparison.Ordinal));
            Assert.Equal(8, hardPolicy.Drawn.Count);
            Assert.Equal(Enumerable.Range(0, 8), hard.Candidates.Select(c => c.Index));

            Assert.Equal(both.Metrics["difficulty"] >= 0.5 ? 0 : 1, both.Metrics["bin"]);
            Assert.InRange(both.Metrics["difficulty"], 0, 1);
        }
    }

    [Fact]
    public async Task RunAsync_ProbeReusedByTheInnerStrategy_SameSamplesAsAPlainRunChargedOnce()
    {
        var table = Table(bound: 2, hardParams: new Dictionary<string, string> { ["aggregation"] = "min" });
        var problem = Problems[2];
        var (result, policy, ledger) = await RunAsync(problem, ComputeBudget.Samples(8), new() { ["table"] = table }, seed: 5);

        var plainLedger = new ComputeLedger();
        var plain = await StrategyCatalog.Default.Create("weighted-majority", new Dictionary<string, string> { ["aggregation"] = "min" })
            .RunAsync(StepSearchTestKit.Context(new RecordingGenerator(Engine.Value, plainLedger), ComputeBudget.Samples(8), problem, new LedgerRewardModel(new ArithStepRewardModel(), plainLedger), 5));

        // The probe's 4 samples are the inner strategy's first 4: 8 samples drawn and 8 scored, exactly as the plain run.
        Assert.Equal(Enumerable.Range(0, 8), policy.Drawn.Select(d => d.Index).Order());
        Assert.Equal(8, ledger.Entries.Count(e => e.Kind == LedgerEntryKind.RewardModel));
        Assert.Equal(plain.Candidates.Select(c => c.Sample.Text), result.Candidates.Select(c => c.Sample.Text));
        Assert.Equal(plain.Candidates.Select(c => c.Score), result.Candidates.Select(c => c.Score));
        Assert.Equal(plain.Answer, result.Answer);
        Assert.Equal(plain.SelectedIndex, result.SelectedIndex);
        Assert.Equal(plainLedger.TotalOf(LedgerEntryKind.Generation).CompletionTokens, ledger.TotalOf(LedgerEntryKind.Generation).CompletionTokens);
        Assert.Equal(8, result.BudgetSpent);
    }

    [Fact]
    public async Task RunAsync_SameSeed_SameResult()
    {
        var options = new Dictionary<string, string> { ["table"] = Table(bound: 0.5) };
        var (a, _, _) = await RunAsync(Problems[3], ComputeBudget.Samples(8), options, seed: 11);
        var (b, _, _) = await RunAsync(Problems[3], ComputeBudget.Samples(8), options, seed: 11);

        Assert.Equal(a.Answer, b.Answer);
        Assert.Equal(a.Metrics, b.Metrics);
        Assert.Equal(a.Candidates.Select(c => c.Sample.Text), b.Candidates.Select(c => c.Sample.Text));
        Assert.Equal(a.Trace.Select(e => e.Message), b.Trace.Select(e => e.Message));
    }

    [Fact]
    public async Task RunAsync_StepSearchInHardBin_GetsOnlyWhatTheProbeLeft()
    {
        var table = Table(bound: 2, hard: "beam-search", hardBudget: 8, hardParams: new Dictionary<string, string> { ["beam-width"] = "2", ["aggregation"] = "min" });
        var (result, policy, ledger) = await RunAsync(Problems[0], ComputeBudget.Samples(8), new() { ["table"] = table });

        Assert.Contains(result.Trace, e => e.Kind == TraceEventKind.Decision && e.Message.Contains("beam-search(aggregation=min,beam-width=2)@4samples", StringComparison.Ordinal));
        Assert.True(result.BudgetSpent <= 8);
        Assert.False(result.BudgetOverrun);
        Assert.Equal(ledger.Total, result.Usage);
        Assert.Equal(0, result.Metrics["reused-samples"]);
        Assert.Contains(policy.Drawn, d => d.Prefix.Length > 0);
    }

    [Fact]
    public async Task RunAsync_TokensBudgetBuiltInPolicy_NeverExceeded()
    {
        var (result, _, ledger) = await RunAsync(Problems[1], ComputeBudget.Tokens(1500), []);

        var policy = ledger.TotalOf(LedgerEntryKind.Generation);
        Assert.True(policy.PromptTokens + policy.CompletionTokens <= 1500);
        Assert.Equal(policy.PromptTokens + policy.CompletionTokens, result.BudgetSpent);
        Assert.Equal(ledger.Total, result.Usage);
        Assert.Contains(result.Trace, e => e.Kind == TraceEventKind.Decision && e.Message.Contains("built-in policy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_OracleDifficulty_FractionOfProbeCorrectAndNeedsGold()
    {
        var table = Table(bound: 0.5, difficulty: DifficultyEstimate.Oracle);
        var (result, _, _) = await RunAsync(Problems[0], ComputeBudget.Samples(8), new() { ["table"] = table, ["difficulty"] = "oracle" });

        var probe = result.Candidates.Where(c => c.Index < 4).ToList();
        Assert.Equal(probe.Count(c => c.IsCorrect == true) / 4.0, result.Metrics["difficulty"]);

        var strategy = StrategyCatalog.Default.Create("compute-optimal", new Dictionary<string, string> { ["table"] = table, ["difficulty"] = "oracle" });
        var noGold = StepSearchTestKit.Context(Engine.Value, ComputeBudget.Samples(8), Problems[0], new ArithStepRewardModel()) with
        {
            Problem = StepSearchTestKit.ToProblem(Problems[0]) with { Gold = null },
        };
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(async () => await strategy.RunAsync(noGold));
        Assert.Contains("evaluation only", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_BadTable_FailsAtBuildNamingFileAndField()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"copt-missing-{Guid.NewGuid():N}.json");
        Assert.Throws<FileNotFoundException>(() => StrategyCatalog.Default.Create("compute-optimal", new Dictionary<string, string> { ["table"] = missing }));

        var unknown = Table(bound: 0.5, hard: "beem-search");
        var ex = Assert.Throws<FormatException>(() => StrategyCatalog.Default.Create("compute-optimal", new Dictionary<string, string> { ["table"] = unknown }));
        Assert.Contains(unknown, ex.Message, StringComparison.Ordinal);
        Assert.Contains("bins[1]", ex.Message, StringComparison.Ordinal);

        var oracle = Table(bound: 0.5, difficulty: DifficultyEstimate.Oracle);
        var mismatch = Assert.Throws<ArgumentException>(() => StrategyCatalog.Default.Create("compute-optimal", new Dictionary<string, string> { ["table"] = oracle }));
        Assert.Equal("Difficulty", mismatch.ParamName);

        var tooMany = Assert.Throws<ArgumentOutOfRangeException>(() => StrategyCatalog.Default.Create("compute-optimal", new Dictionary<string, string> { ["probe-samples"] = "8" }, ComputeBudget.Samples(8)));
        Assert.Equal("ProbeSamples", tooMany.ParamName);
    }
}
