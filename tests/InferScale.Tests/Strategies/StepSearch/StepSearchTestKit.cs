using System.Globalization;
using InferScale.Compute;
using InferScale.Generation;
using InferScale.Strategies;
using InferScale.Tasks.Arith;
using InferScale.Tests.Strategies.Support;
using InferScale.Verification.Reward;

namespace InferScale.Tests.Strategies.StepSearch;

/// <summary>Contexts for the step-level strategies on arith problems, with an independent ledger around both models.</summary>
internal static class StepSearchTestKit
{
    /// <summary>The step-level and sequential strategies this folder tests.</summary>
    public static readonly string[] Strategies =
        ["beam-search", "dvts", "lookahead", "rebase", "mcts", "particle-filter", "entropic-particle-filter", "budget-forcing", "revisions"];

    /// <summary>Strategies that grow solutions step by step (width-limited per depth).</summary>
    public static readonly string[] WidthLimited = ["beam-search", "dvts", "rebase", "particle-filter", "entropic-particle-filter"];

    public static readonly ModelShape Shape = new(1_000_000, 4, 128, 4, 4);

    /// <summary>50 problems, 10 of each level.</summary>
    public static IReadOnlyList<ArithProblem> Problems { get; } = new ArithGenerator().TestSet(10);

    public static Problem ToProblem(ArithProblem p) =>
        new(p.Id, p.Prompt) { Gold = p.Answer.ToString(CultureInfo.InvariantCulture), Level = p.Level.ToString(CultureInfo.InvariantCulture), Dataset = ArithDataset.Name };

    public static StrategyContext Context(IGenerator generator, ComputeBudget budget, ArithProblem problem, IRewardModel? reward, ulong seed = 1) =>
        new(ToProblem(problem), generator, new TestExtractor(), new TestEquivalence(), budget)
        {
            RewardModel = reward,
            Seed = seed,
            StepDelimiter = ArithFormat.StepDelimiter,
            Sampling = new SamplingOptions { MaxTokens = 96 },
        };

    /// <summary>Options that make each strategy fit small test budgets.</summary>
    public static Dictionary<string, string>? Options(string strategy) => strategy switch
    {
        "beam-search" or "lookahead" => new() { ["beam-width"] = "2", ["aggregation"] = "min" },
        "dvts" => new() { ["subtree-width"] = "2", ["aggregation"] = "min" },
        "rebase" or "particle-filter" or "entropic-particle-filter" => new() { ["aggregation"] = "min" },
        "mcts" => new() { ["expansion-width"] = "2", ["aggregation"] = "min" },
        "revisions" => new() { ["chain-length"] = "2" },
        "budget-forcing" => new() { ["thinking-budget"] = "64", ["min-thinking-tokens"] = "40", ["waits"] = "2" },
        _ => null,
    };

    /// <summary>Runs <paramref name="strategy"/> on <paramref name="problem"/> with a ledger of its own around the policy and reward model.</summary>
    public static async Task<(StrategyResult Result, ComputeLedger Ledger)> RunAsync(
        string strategy, IGenerator policy, ComputeBudget budget, ArithProblem problem, ulong seed = 1,
        IReadOnlyDictionary<string, string>? options = null, IRewardModel? reward = null)
    {
        var ledger = new ComputeLedger();
        using var accounted = new AccountingGenerator(policy, ledger);
        var s = StrategyCatalog.Default.Create(strategy, options ?? Options(strategy), budget);
        var result = await s.RunAsync(Context(accounted, budget, problem, new LedgerRewardModel(reward ?? new ArithStepRewardModel(), ledger), seed));
        return (result, ledger);
    }
}
