using System.Text;
using InferScale.Backends;
using InferScale.Generation;
using InferScale.Strategies;
using InferScale.Tasks.Arith;
using InferScale.Tests.Strategies.StepSearch;
using InferScale.Tests.Support;

namespace InferScale.Tests.Strategies.Revisions;

/// <summary><c>revisions</c> within the model's context: recent attempts that fit, the Wait continuation, fresh samples, the real engine.</summary>
public sealed class RevisionsStrategyTests
{
    private static readonly Lazy<IGenerator> Engine = new(() => Generators.Open(new GeneratorSpec(Path.Combine(RepoPaths.Root, "models", "arith-0.3m.gguf")) { Threads = 1 }));

    private static ArithProblem Level5 => StepSearchTestKit.Problems[45];

    private static Dictionary<string, string> Options(params (string Key, string Value)[] extra)
    {
        var options = new Dictionary<string, string> { ["chain-length"] = "3" };
        foreach (var (k, v) in extra)
            options[k] = v;
        return options;
    }

    [Fact]
    public async Task RunAsync_ContextFitsOneAttempt_ShowsOnlyTheLatest()
    {
        var unlimited = new ArithStepPolicy(0.3);
        var (first, _) = await StepSearchTestKit.RunAsync("revisions", unlimited, ComputeBudget.Samples(3), Level5, options: Options(("context-tokens", "100000")));
        Assert.Contains("Attempt 2:", unlimited.Requests.Single(r => r.FirstIndex == 2).Prompt, StringComparison.Ordinal);
        var attempt1 = first.Candidates.Single(c => c.Index == 1).Sample;
        var oneAttempt = RevisionPrompt.Build(Level5.Prompt, [attempt1.Text]);
        var context = Encoding.UTF8.GetByteCount(oneAttempt) + 1 + Math.Min(96, attempt1.CompletionTokens);

        var policy = new ArithStepPolicy(0.3);
        var (result, _) = await StepSearchTestKit.RunAsync("revisions", policy, ComputeBudget.Samples(3), Level5, options: Options(("context-tokens", $"{context}")));

        var third = policy.Requests.Single(r => r.FirstIndex == 2);
        Assert.Equal(oneAttempt, third.Prompt);
        Assert.Contains(result.Trace, e => e.Message.Contains("revision prompt with the last 1 of 2 attempts", StringComparison.Ordinal));
        Assert.All(policy.Requests.Where(r => r.Prompt.StartsWith(RevisionPrompt.Header, StringComparison.Ordinal)),
            r => Assert.True(Encoding.UTF8.GetByteCount(r.Prompt + r.Prefix) + 1 <= context));
    }

    [Fact]
    public async Task RunAsync_ContinuationFormat_RechecksTheLowestScoredStepAfterWait()
    {
        var policy = new ArithStepPolicy(0.5);
        var (result, _) = await StepSearchTestKit.RunAsync("revisions", policy, ComputeBudget.Samples(2), Level5,
            options: new Dictionary<string, string> { ["chain-length"] = "2", ["format"] = "continuation" });

        var attempt0 = result.Candidates.Single(c => c.Index == 0).Sample.Text;
        var revision = policy.Requests.Single(r => r.FirstIndex == 1);
        Assert.Equal(Level5.Prompt, revision.Prompt);
        Assert.EndsWith("\n" + ArithFormat.Wait, revision.Prefix, StringComparison.Ordinal);
        var steps = RevisionContinuation.Steps(attempt0, ArithFormat.StepDelimiter, ArithFormat.ThinkClose);
        var scores = (await new ArithStepRewardModel().ScoreAsync(Level5.Prompt, attempt0)).StepScores.Take(steps.Count).ToList();
        var cut = scores.IndexOf(scores.Min());
        Assert.Equal(RevisionContinuation.Build(steps, cut, ArithFormat.StepDelimiter, ArithFormat.Wait), revision.Prefix);
        Assert.StartsWith(revision.Prefix, result.Candidates.Single(c => c.Index == 1).Sample.Text, StringComparison.Ordinal);
        Assert.Contains(result.Trace, e => e.Message.Contains($"re-checking step {cut + 1} of {steps.Count}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_NothingFitsTheContext_DrawsFreshSamplesAndSaysSo()
    {
        var policy = new ArithStepPolicy(0.3);
        var context = ArithStepPolicy.Tokens(Level5.Prompt) + 50;
        var (result, _) = await StepSearchTestKit.RunAsync("revisions", policy, ComputeBudget.Samples(3), Level5, options: Options(("context-tokens", $"{context}")));

        Assert.All(policy.Requests, r => Assert.Equal(Level5.Prompt, r.Prompt));
        Assert.All(policy.Requests, r => Assert.Equal("", r.Prefix));
        Assert.Equal(2, result.Trace.Count(e => e.Message.Contains("fresh sample: no previous attempt fits the context", StringComparison.Ordinal)));
        Assert.Empty(result.Failures);
        Assert.Equal(3, result.Candidates.Count);
    }

    [Fact]
    public void RevisionContinuation_StepsAndBuild_KeepThinkingUpToTheCutThenWait()
    {
        var attempt = "b = 7 + 5 = 12\nc = 12 * 3 = 35\n</think>\nThe answer is \\boxed{35}.\n";

        var steps = RevisionContinuation.Steps(attempt, "\n", "</think>");

        Assert.Equal(["b = 7 + 5 = 12", "c = 12 * 3 = 35"], steps);
        Assert.Equal("b = 7 + 5 = 12\nWait", RevisionContinuation.Build(steps, 0, "\n", "Wait"));
        Assert.Equal("b = 7 + 5 = 12\nc = 12 * 3 = 35\nWait", RevisionContinuation.Build(steps, 1, "\n", "Wait"));
    }

    [Fact]
    public void Create_ContextTokensBelowTwo_ThrowsNamingOption()
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => StrategyCatalog.Default.Create("revisions", new Dictionary<string, string> { ["context-tokens"] = "1" }));
        Assert.Contains("ContextTokens", ex.Message + ex.ParamName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Engine_NeverFailsForContextAndStaysWithinIt()
    {
        Assert.Equal(256, Engine.Value.Metadata.ContextLength);
        var revised = 0;
        foreach (var problem in new[] { StepSearchTestKit.Problems[25], StepSearchTestKit.Problems[35], StepSearchTestKit.Problems[45] })
        {
            var strategy = StrategyCatalog.Default.Create("revisions", new Dictionary<string, string> { ["aggregation"] = "min" }, ComputeBudget.Samples(4));
            var context = StepSearchTestKit.Context(Engine.Value, ComputeBudget.Samples(4), problem, new ArithStepRewardModel()) with
            {
                Sampling = new SamplingOptions { Temperature = 0.8, MaxTokens = 256 },
            };

            var a = await strategy.RunAsync(context);
            var b = await strategy.RunAsync(context);

            Assert.Empty(a.Failures);
            Assert.Equal(4, a.Candidates.Count);
            Assert.Equal(4, a.BudgetSpent);
            Assert.Equal(a.Candidates.Select(c => c.Sample.Text), b.Candidates.Select(c => c.Sample.Text));
            Assert.Equal(a.Answer, b.Answer);
            revised += a.Trace.Count(e => e.Message.Contains("continuation of attempt", StringComparison.Ordinal) || e.Message.Contains("revision prompt", StringComparison.Ordinal));
        }
        Assert.True(revised > 0, "no attempt was a revision");
    }
}
