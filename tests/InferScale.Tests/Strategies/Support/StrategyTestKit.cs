using InferScale.Compute;
using InferScale.Generation;
using InferScale.Strategies;
using InferScale.Verification.Reward;

namespace InferScale.Tests.Strategies.Support;

/// <summary>Builds contexts around the test doubles, with an independent ledger wrapped around the generator.</summary>
internal static class StrategyTestKit
{
    public static Problem Problem(string? gold = "7") => new("t/1", "Problem: a = 3. b = a + 4. What is b?\nSolution:\n") { Gold = gold };

    public static StrategyContext Context(IGenerator generator, ComputeBudget budget, IRewardModel? reward = null, string? gold = "7", ulong seed = 1) =>
        new(Problem(gold), generator, new TestExtractor(), new TestEquivalence(), budget)
        {
            RewardModel = reward,
            Seed = seed,
            Sampling = new SamplingOptions { MaxTokens = 64 },
        };

    /// <summary>Runs a catalog strategy with a ledger of its own around the generator (and reward model).</summary>
    public static async Task<(StrategyResult Result, ComputeLedger Ledger)> RunAsync(
        string strategy, ScriptedGenerator generator, ComputeBudget budget, IReadOnlyDictionary<string, string>? options = null,
        Func<ComputeLedger, IRewardModel?>? reward = null, string? gold = "7", ulong seed = 1)
    {
        var ledger = new ComputeLedger();
        using var accounted = new AccountingGenerator(generator, ledger);
        var s = StrategyCatalog.Default.Create(strategy, options, budget);
        var result = await s.RunAsync(Context(accounted, budget, reward?.Invoke(ledger), gold, seed));
        return (result, ledger);
    }

    public static Dictionary<string, string> Options(params (string Key, string Value)[] pairs) => pairs.ToDictionary(p => p.Key, p => p.Value);
}
