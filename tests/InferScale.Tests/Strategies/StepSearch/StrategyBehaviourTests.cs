using InferScale.Generation;
using InferScale.Strategies;
using InferScale.Tasks.Arith;

namespace InferScale.Tests.Strategies.StepSearch;

/// <summary>What each step-level and sequential strategy does beyond the shared invariants.</summary>
public sealed class StrategyBehaviourTests
{
    private static ArithProblem Level5 => StepSearchTestKit.Problems[45];

    [Fact]
    public async Task BeamSearch_EachRound_ContinuesOnlyTheKeptBeams()
    {
        var policy = new ArithStepPolicy(0.3);
        await StepSearchTestKit.RunAsync("beam-search", policy, ComputeBudget.Samples(8), Level5,
            options: new Dictionary<string, string> { ["beam-width"] = "4", ["aggregation"] = "min" });

        var later = policy.Requests.Where(r => r.Prefix.Length > 0).GroupBy(r => r.Prefix.Count(c => c == '\n'));
        Assert.All(later, depth => Assert.All(depth, r => Assert.Equal(4, r.Count)));
        Assert.All(later, depth => Assert.True(depth.Count() <= 2, "more than N/M = 2 beams kept"));
        Assert.Equal(8, policy.Requests[0].Count);
    }

    [Fact]
    public async Task Rebase_ChildrenPerDepth_EqualRemainingWidth()
    {
        var policy = new ArithStepPolicy(0.3);
        var (result, _) = await StepSearchTestKit.RunAsync("rebase", policy, ComputeBudget.Samples(8), Level5);

        Assert.Contains(result.Trace, e => e.Kind == TraceEventKind.Decision && e.Message.Contains("children over", StringComparison.Ordinal));
        var perDepth = policy.Requests.GroupBy(r => r.Prefix.Count(c => c == '\n')).Select(g => g.Sum(r => r.Count)).ToList();
        Assert.Equal(8, perDepth[0]);
        Assert.All(perDepth, n => Assert.True(n <= 8));
    }

    [Fact]
    public async Task EntropicParticleFilter_CollapsedWeights_AnnealsTemperature()
    {
        var options = new Dictionary<string, string> { ["aggregation"] = "min", ["resample-temperature"] = "0.02", ["entropy-threshold"] = "0.8" };
        var (entropic, _) = await StepSearchTestKit.RunAsync("entropic-particle-filter", new ArithStepPolicy(0.3), ComputeBudget.Samples(8), Level5, options: options);
        var (plain, _) = await StepSearchTestKit.RunAsync("particle-filter", new ArithStepPolicy(0.3), ComputeBudget.Samples(8), Level5,
            options: new Dictionary<string, string> { ["aggregation"] = "min", ["resample-temperature"] = "0.02" });

        Assert.Contains(entropic.Trace, e => e.Message.Contains("annealed T 0.02 ->", StringComparison.Ordinal));
        Assert.DoesNotContain(plain.Trace, e => e.Message.Contains("annealed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EntropicParticleFilter_DefaultOptions_AnnealsWhenFewParticlesAreRight()
    {
        // With log-odds weights a wrong step (score 0) weighs ~e^-32 against a right one, so the weights collapse onto the
        // right particles and the default threshold (0.5) triggers annealing; the plain filter keeps T = 1.
        var options = new Dictionary<string, string> { ["aggregation"] = "min" };
        var (entropic, _) = await StepSearchTestKit.RunAsync("entropic-particle-filter", new ArithStepPolicy(0.8), ComputeBudget.Samples(8), Level5, options: options);
        var (plain, _) = await StepSearchTestKit.RunAsync("particle-filter", new ArithStepPolicy(0.8), ComputeBudget.Samples(8), Level5, options: options);

        Assert.Contains(entropic.Trace, e => e.Message.Contains("annealed T 1 ->", StringComparison.Ordinal));
        Assert.Contains(plain.Trace, e => e.Message.Contains("T = 1,", StringComparison.Ordinal));
        Assert.DoesNotContain(plain.Trace, e => e.Message.Contains("annealed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Mcts_Decision_IsAFinishedSolution()
    {
        var (result, _) = await StepSearchTestKit.RunAsync("mcts", new ArithStepPolicy(0.2), ComputeBudget.Samples(8), Level5);

        var chosen = Assert.Single(result.Candidates, c => c.Selected);
        Assert.Contains("\\boxed{", chosen.Sample.Text, StringComparison.Ordinal);
        Assert.Contains(result.Trace, e => e.Message.Contains("simulations", StringComparison.Ordinal));
        Assert.True(result.IsCorrect);
    }

    [Fact]
    public async Task BudgetForcing_EndsThinkingEarly_AppendsWaitUntilMinimum()
    {
        var options = new Dictionary<string, string> { ["thinking-budget"] = "200", ["min-thinking-tokens"] = "200", ["waits"] = "2" };
        var (result, _) = await StepSearchTestKit.RunAsync("budget-forcing", new ArithStepPolicy(0.2), ComputeBudget.Samples(1), Level5, options: options);

        var text = Assert.Single(result.Candidates).Sample.Text;
        Assert.Equal(2, text.Split("\nWait,").Length - 1);
        Assert.Contains("</think>\nThe answer is \\boxed{", text, StringComparison.Ordinal);
        Assert.Equal(2, result.Metrics["waits"]);
        Assert.Equal(0, result.Metrics["within-bounds"]);
        Assert.True(result.Metrics["thinking-tokens"] < 200);
    }

    [Fact]
    public async Task BudgetForcing_ThinkingBudgetReached_ClosesThinkingAndAnswers()
    {
        var options = new Dictionary<string, string> { ["thinking-budget"] = "12" };
        var (result, _) = await StepSearchTestKit.RunAsync("budget-forcing", new ArithStepPolicy(0), ComputeBudget.Samples(1), Level5, options: options);

        var text = Assert.Single(result.Candidates).Sample.Text;
        Assert.Contains("\n</think>\nThe answer is \\boxed{", text, StringComparison.Ordinal);
        Assert.Equal(1, result.Metrics["capped"]);
        Assert.Equal(1, result.Metrics["within-bounds"]);
        Assert.True(result.Metrics["thinking-tokens"] <= 12);
        Assert.NotNull(result.Answer);
    }

    [Fact]
    public async Task BudgetForcing_WaitsOnArith_CorrectMoreAnswersThanNoWaits()
    {
        var with = 0;
        var without = 0;
        foreach (var problem in StepSearchTestKit.Problems)
        {
            var forced = new Dictionary<string, string> { ["thinking-budget"] = "400", ["min-thinking-tokens"] = "400", ["waits"] = "2" };
            var (a, _) = await StepSearchTestKit.RunAsync("budget-forcing", new ArithStepPolicy(0.25), ComputeBudget.Samples(1), problem, options: forced);
            var (b, _) = await StepSearchTestKit.RunAsync("budget-forcing", new ArithStepPolicy(0.25), ComputeBudget.Samples(1), problem,
                options: new Dictionary<string, string> { ["thinking-budget"] = "400" });
            with += a.IsCorrect == true ? 1 : 0;
            without += b.IsCorrect == true ? 1 : 0;
        }
        Assert.True(with >= without + 5, $"with 2 waits {with}/50, without {without}/50");
    }

    [Fact]
    public async Task Revisions_LaterAttempts_SeeTheChainsEarlierAttempts()
    {
        var policy = new ArithStepPolicy(0.3);
        var (result, _) = await StepSearchTestKit.RunAsync("revisions", policy, ComputeBudget.Samples(6), Level5,
            options: new Dictionary<string, string> { ["chain-length"] = "3", ["context-attempts"] = "1" });

        Assert.Equal(6, result.Candidates.Count);
        Assert.Equal(6, result.BudgetSpent);
        var byIndex = result.Candidates.ToDictionary(c => c.Index);
        var third = policy.Requests.Single(r => r.FirstIndex == 2);
        Assert.StartsWith(RevisionPrompt.Header, third.Prompt, StringComparison.Ordinal);
        Assert.Contains(byIndex[1].Sample.Text.TrimEnd('\n'), third.Prompt, StringComparison.Ordinal);
        Assert.DoesNotContain("Attempt 2:", third.Prompt, StringComparison.Ordinal);
        Assert.EndsWith(Level5.Prompt, third.Prompt, StringComparison.Ordinal);
        Assert.Equal(Level5.Prompt, policy.Requests.Single(r => r.FirstIndex == 3).Prompt);
    }

    [Fact]
    public void RevisionPrompt_Build_ListsAttemptsBeforeThePrompt()
    {
        var prompt = RevisionPrompt.Build("P:\n", ["a1\n", "a2"]);

        Assert.Equal("Previous attempts at this problem (they may contain mistakes):\nAttempt 1:\na1\n\nAttempt 2:\na2\n\nSolve the problem again, correcting any mistakes.\n\nP:\n", prompt);
        Assert.Equal("P:\n", RevisionPrompt.Build("P:\n", []));
    }

    [Fact]
    public async Task Revisions_VerifierSelection_ChoosesAHighestScoredAttempt()
    {
        var (result, _) = await StepSearchTestKit.RunAsync("revisions", new ArithStepPolicy(0.3), ComputeBudget.Samples(8), Level5,
            options: new Dictionary<string, string> { ["chain-length"] = "2", ["selection"] = "verifier", ["aggregation"] = "min" });

        var chosen = Assert.Single(result.Candidates, c => c.Selected);
        Assert.Equal(result.Candidates.Max(c => c.Score), chosen.Score);
        Assert.Equal(FinishReason.Stop, chosen.Sample.FinishReason);
    }
}
