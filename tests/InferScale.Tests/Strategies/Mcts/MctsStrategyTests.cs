using InferScale.Backends;
using InferScale.Generation;
using InferScale.Strategies;
using InferScale.Tasks.Arith;
using InferScale.Tests.Strategies.StepSearch;
using InferScale.Tests.Support;

namespace InferScale.Tests.Strategies.Mcts;

/// <summary><c>mcts</c>: complete rollouts, the budget rule (one sample per simulation), the decision, and the real engine.</summary>
public sealed class MctsStrategyTests
{
    private static readonly Lazy<IGenerator> Engine = new(() => Generators.Open(new GeneratorSpec(Path.Combine(RepoPaths.Root, "models", "arith-0.3m.gguf")) { Threads = 1 }));

    private static readonly Dictionary<string, string> MinAggregation = new() { ["aggregation"] = "min" };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public async Task RunAsync_AnySamplesBudget_CompletesARolloutAndAnswers(int budget)
    {
        foreach (var problem in StepSearchTestKit.Problems.Where((_, i) => i % 10 == 9))
        {
            var policy = new ArithStepPolicy(0.3);
            var (result, ledger) = await StepSearchTestKit.RunAsync("mcts", policy, ComputeBudget.Samples(budget), problem, options: MinAggregation);

            Assert.NotNull(result.Answer);
            var chosen = Assert.Single(result.Candidates, c => c.Selected);
            Assert.Contains("\\boxed{", chosen.Sample.Text, StringComparison.Ordinal);
            Assert.Equal(budget, result.Candidates.Count);
            Assert.Equal(budget, result.BudgetSpent);
            Assert.Equal(ledger.Total, result.Usage);
        }
    }

    [Fact]
    public async Task RunAsync_SamplesBudget_EachSimulationIsOneSampleRolledOutToTheEnd()
    {
        var policy = new ArithStepPolicy(0.3);
        var (result, _) = await StepSearchTestKit.RunAsync("mcts", policy, ComputeBudget.Samples(8), StepSearchTestKit.Problems[35], options: MinAggregation);

        Assert.Equal(8, policy.Requests.Sum(r => r.Count));
        Assert.Equal(Enumerable.Range(0, 8), policy.Requests.SelectMany(r => Enumerable.Range(r.FirstIndex, r.Count)));
        Assert.Equal(4, policy.Requests[0].Count);
        Assert.All(policy.Requests, r => Assert.InRange(r.Count, 1, 4));
        Assert.All(policy.Requests, r => Assert.DoesNotContain(ArithFormat.StepDelimiter, r.Sampling.Stop));
        Assert.All(result.Candidates, c => Assert.NotEqual(FinishReason.Error, c.Sample.FinishReason));
        Assert.Contains(result.Trace, e => e.Message.StartsWith("simulation 8:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_LaterSimulations_ContinueStepsOfEarlierRollouts()
    {
        var policy = new ArithStepPolicy(0.3);
        var (result, _) = await StepSearchTestKit.RunAsync("mcts", policy, ComputeBudget.Samples(12), StepSearchTestKit.Problems[45], options: MinAggregation);

        var deeper = policy.Requests.Where(r => r.Prefix.Length > 0).ToList();
        Assert.NotEmpty(deeper);
        Assert.Contains(deeper, r => r.Prefix.Count(c => c == '\n') >= 2);
        foreach (var r in deeper)
        {
            Assert.EndsWith(ArithFormat.StepDelimiter, r.Prefix, StringComparison.Ordinal);
            Assert.Contains(result.Candidates, c => c.Index < r.FirstIndex && c.Sample.Text.StartsWith(r.Prefix, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task RunAsync_Decision_IsTheHighestRewardAnsweredSolution()
    {
        var (result, _) = await StepSearchTestKit.RunAsync("mcts", new ArithStepPolicy(0.4), ComputeBudget.Samples(8), StepSearchTestKit.Problems[40], options: MinAggregation);

        var chosen = Assert.Single(result.Candidates, c => c.Selected);
        Assert.Equal(result.Candidates.Where(c => c.Answer is not null).Max(c => c.Score), chosen.Score);
        Assert.Equal(chosen.Answer, result.Answer);
    }

    [Fact]
    public async Task RunAsync_TokensBudget_StopsWithinItAndStillAnswers()
    {
        var (result, ledger) = await StepSearchTestKit.RunAsync("mcts", new ArithStepPolicy(0.3), ComputeBudget.Tokens(400), StepSearchTestKit.Problems[20], options: MinAggregation);

        var policy = ledger.TotalOf(InferScale.Compute.LedgerEntryKind.Generation);
        Assert.True(policy.PromptTokens + policy.CompletionTokens <= 400);
        Assert.False(result.BudgetOverrun);
        Assert.NotNull(result.Answer);
    }

    [Fact]
    public async Task RunAsync_Engine_AnswersEveryProblemWithinBudgetAndIsDeterministic()
    {
        var problems = new[] { StepSearchTestKit.Problems[0], StepSearchTestKit.Problems[20], StepSearchTestKit.Problems[25] };
        var answered = 0;
        foreach (var problem in problems)
        {
            var a = await RunEngineAsync(problem, 4);
            var b = await RunEngineAsync(problem, 4);

            Assert.True(a.BudgetSpent <= 4);
            Assert.False(a.BudgetOverrun);
            Assert.Empty(a.Failures);
            Assert.Equal(4, a.Candidates.Count);
            Assert.Equal(a.Answer, b.Answer);
            Assert.Equal(a.Candidates.Select(c => c.Sample.Text), b.Candidates.Select(c => c.Sample.Text));
            if (a.Candidates.Any(c => c.Answer is not null))
            {
                Assert.NotNull(a.Answer);
                answered++;
            }
        }
        Assert.True(answered >= 2, $"only {answered} of 3 problems had an answered rollout");
    }

    private static async Task<StrategyResult> RunEngineAsync(ArithProblem problem, int budget)
    {
        var strategy = StrategyCatalog.Default.Create("mcts", MinAggregation, ComputeBudget.Samples(budget));
        var context = StepSearchTestKit.Context(Engine.Value, ComputeBudget.Samples(budget), problem, new ArithStepRewardModel()) with
        {
            Sampling = new SamplingOptions { Temperature = 0.8, MaxTokens = 256 },
        };
        return await strategy.RunAsync(context);
    }
}
