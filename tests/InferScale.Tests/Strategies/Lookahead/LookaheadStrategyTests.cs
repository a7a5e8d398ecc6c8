using InferScale.Backends;
using InferScale.Generation;
using InferScale.Strategies;
using InferScale.Tasks.Arith;
using InferScale.Tests.Strategies.StepSearch;
using InferScale.Tests.Support;

namespace InferScale.Tests.Strategies.Lookahead;

/// <summary><c>lookahead</c>'s rollouts (one greedy call, cut after k steps) and step search at the end of the engine's context.</summary>
public sealed class LookaheadStrategyTests
{
    private static readonly Lazy<IGenerator> Engine = new(() => Generators.Open(new GeneratorSpec(Path.Combine(RepoPaths.Root, "models", "arith-0.3m.gguf")) { Threads = 1 }));

    [Fact]
    public async Task RunAsync_EachRollout_IsOneGreedyCallWithoutTheStepStop()
    {
        var policy = new ArithStepPolicy(0.3);
        await StepSearchTestKit.RunAsync("lookahead", policy, ComputeBudget.Samples(4), StepSearchTestKit.Problems[35],
            options: new Dictionary<string, string> { ["beam-width"] = "2", ["aggregation"] = "min", ["lookahead"] = "3" });

        var rollouts = policy.Requests.Where(r => r.Sampling.Temperature == 0).ToList();
        Assert.NotEmpty(rollouts);
        Assert.All(rollouts, r => Assert.Equal(1, r.Count));
        Assert.All(rollouts, r => Assert.DoesNotContain(ArithFormat.StepDelimiter, r.Sampling.Stop));
        Assert.All(rollouts, r => Assert.EndsWith(ArithFormat.StepDelimiter, r.Prefix, StringComparison.Ordinal));
        Assert.All(policy.Requests.Where(r => r.Sampling.Temperature != 0), r => Assert.Contains(ArithFormat.StepDelimiter, r.Sampling.Stop));
    }

    [Fact]
    public async Task Engine_GreedyContinuation_EqualsStepByStepGreedySteps()
    {
        var problem = StepSearchTestKit.Problems[35];
        var greedy = new SamplingOptions { Temperature = 0, MaxTokens = 256, Seed = 1 };
        var whole = await Engine.Value.GenerateAsync(new GenerationRequest(problem.Prompt) { Sampling = greedy });

        var prefix = "";
        for (var i = 0; i < 3; i++)
        {
            var step = await Engine.Value.GenerateAsync(new GenerationRequest(problem.Prompt)
            {
                Prefix = prefix,
                Sampling = greedy with { Stop = [ArithFormat.StepDelimiter] },
            });
            prefix += step.Samples[0].Text + ArithFormat.StepDelimiter;
        }

        Assert.StartsWith(prefix, whole.Samples[0].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lookahead")]
    [InlineData("beam-search")]
    public async Task RunAsync_EngineLongSolutions_NoStepFailsForTheContext(string strategy)
    {
        foreach (var problem in StepSearchTestKit.Problems.Where(p => p.Level == 5).Take(4))
        {
            var s = StrategyCatalog.Default.Create(strategy, new Dictionary<string, string> { ["aggregation"] = "min" }, ComputeBudget.Samples(4));
            var context = StepSearchTestKit.Context(Engine.Value, ComputeBudget.Samples(4), problem, new ArithStepRewardModel()) with
            {
                Sampling = new SamplingOptions { Temperature = 0.8, MaxTokens = 256 },
            };

            var result = await s.RunAsync(context);

            Assert.DoesNotContain(result.Failures, f => f.Message.Contains("context", StringComparison.Ordinal));
        }
    }
}
