using System.Globalization;
using InferScale.Compute;
using InferScale.Generation;
using InferScale.Strategies;
using InferScale.Tasks.Arith;
using InferScale.Tests.Strategies.StepSearch;
using InferScale.Verification;
using InferScale.Verification.Reward;

namespace InferScale.Tests.Peer;

/// <summary>
/// Strategies from <see cref="StrategyCatalog"/> over a real llama-server: whole-sample voting, best-of-n scored by our
/// PRMs (rule-based and learned), step-level search by prefix continuation over <c>/v1/completions</c>, and budget
/// forcing. Each run's accounting is exact (every call checked against our tokenizer; the run's usage equals an
/// independent ledger), its budget is kept, and its answers are sane.
/// </summary>
[Collection(LlamaServerCollection.Name)]
public sealed class LlamaServerStrategyTests(LlamaServerFixture server)
{
    /// <summary>A level-1 and a level-2 problem (the policy answers these well).</summary>
    private static readonly IReadOnlyList<ArithProblem> Problems = Pick();

    private static readonly Lazy<IRewardModel> LearnedPrm = new(() => EngineRewardModel.Open(Path.Combine(Support.RepoPaths.Root, "models", "arith-prm.gguf")));

    public static TheoryData<string, string, int> Cases => new()
    {
        { "majority", "", 8 },
        { "best-of-n", "aggregation=min", 8 },
        { "best-of-n", "aggregation=last;prm=learned", 8 },
        { "beam-search", "beam-width=2;aggregation=min", 4 },
        { "rebase", "aggregation=min", 4 },
        { "budget-forcing", "thinking-budget=64;min-thinking-tokens=40;waits=2", 1 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task RunAsync_OverLlamaServer_ExactAccountingWithinBudgetAndSaneAnswers(string strategy, string options, int budget)
    {
        var parsed = options.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(o => o.Split('=')).ToDictionary(kv => kv[0], kv => kv[1]);
        var learned = parsed.Remove("prm");
        using var generator = server.CreateGenerator();
        using var checkedGenerator = server.Check(generator);
        var correct = 0;
        foreach (var problem in Problems)
        {
            var ledger = new ComputeLedger();
            var accounted = new AccountingGenerator(checkedGenerator, ledger); // not disposed: it would dispose the shared generator
            var reward = new LedgerRewardModel(learned ? LearnedPrm.Value : new ArithStepRewardModel(), ledger);
            var run = StrategyCatalog.Default.Create(strategy, parsed, ComputeBudget.Samples(budget));
            var context = new StrategyContext(ToProblem(problem), accounted, new MarkedAnswerExtractor(), MathAnswerChecker.Default, ComputeBudget.Samples(budget))
            {
                RewardModel = reward,
                Seed = 1,
                StepDelimiter = ArithFormat.StepDelimiter,
                Sampling = new SamplingOptions { Temperature = 0.8, MaxTokens = 200 },
            };

            var result = await run.RunAsync(context);

            Assert.Empty(result.Failures);
            Assert.False(result.BudgetOverrun);
            Assert.InRange(result.BudgetSpent, 1, budget);
            Assert.Equal(ledger.Total, result.Usage);
            Assert.True(result.Usage.CompletionTokens > 0);
            Assert.NotNull(result.Answer);
            if (result.IsCorrect == true)
                correct++;
            if (learned)
            {
                // The learned PRM was trained on arith-0.3m's solutions and barely separates the served 3m policy's
                // (last-step scores 0.953–0.966 on these 16 samples; models/README.md measures best-of-k with it falling
                // with k), so its pick is checked as a pick: the answer of a top-scoring candidate, scored by our PRM.
                var top = result.Candidates.Where(c => c.Score is not null).MaxBy(c => c.Score!.Value);
                Assert.NotNull(top);
                Assert.Equal(top.Answer, result.Answer);
            }
        }
        Assert.Empty(checkedGenerator.Problems);
        if (!learned)
            Assert.True(correct >= 1, $"{strategy}: {correct} of {Problems.Count} easy problems right");
    }

    private static Problem ToProblem(ArithProblem p) =>
        new(p.Id, p.Prompt) { Gold = p.Answer.ToString(CultureInfo.InvariantCulture), Level = p.Level.ToString(CultureInfo.InvariantCulture), Dataset = ArithDataset.Name };

    private static List<ArithProblem> Pick()
    {
        var set = new ArithGenerator().TestSet(2);
        return [set.First(p => p.Level == 1), set.First(p => p.Level == 2)];
    }
}
