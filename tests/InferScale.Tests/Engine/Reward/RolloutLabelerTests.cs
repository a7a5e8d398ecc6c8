using InferScale.Backends;
using InferScale.Engine;
using InferScale.Engine.Gguf;
using InferScale.Engine.Reward;
using InferScale.Generation;
using InferScale.Tasks.Arith;
using InferScale.Tests.Support;
using InferScale.Verification;

namespace InferScale.Tests.Engine.Reward;

public sealed class RolloutLabelerTests
{
    private static readonly string PolicyPath = Path.Combine(RepoPaths.Root, "models", "arith-0.3m.gguf");
    private static readonly RewardLabelOptions Options = new() { Problems = 3, SamplesPerProblem = 2, Rollouts = 2, Seed = 5 };

    [Fact]
    public async Task Label_SolutionsAndRollouts_AreTheEngineGeneratorsSamplesForTheSameSeeds()
    {
        var policy = LlamaGguf.Load(PolicyPath);
        using var labeler = new RolloutLabeler(policy.Config, policy.Weights, policy.Tokenizer, Options, threads: 2);
        var labels = labeler.Label([1]);
        using var generator = (EngineGenerator)Generators.Open(new GeneratorSpec(PolicyPath) { Threads = 1 });
        var problem = labeler.Problem(1);
        var index = Options.FirstProblem + 1;
        var sampling = new SamplingOptions { Temperature = 0.8, Seed = RolloutLabeler.ProblemSeed(Options.Seed, index) };

        var samples = await generator.GenerateAsync(new GenerationRequest(problem.Prompt) { Count = 2, Sampling = sampling });

        Assert.Equal(samples.Samples.Select(s => s.Text), labels.Select(l => l.Solution));
        foreach (var label in labels)
        {
            Assert.Equal(index, label.ProblemIndex);
            await AssertLabelsAreRolloutsAsync(generator, policy.Tokenizer, Options, index, label);
        }
        Assert.True(labeler.Cost.RolloutTokens > 0);
        Assert.Equal(labels.Sum(l => l.RolloutTokens), labeler.Cost.RolloutTokens);
    }

    [Fact]
    public async Task Label_Corrupted_ContinuesACorruptedSampleWithTheGeneratorsSampleAndLabelsItByRollouts()
    {
        var policy = LlamaGguf.Load(PolicyPath);
        var options = Options with { CorruptedPerProblem = 2 };
        using var labeler = new RolloutLabeler(policy.Config, policy.Weights, policy.Tokenizer, options, threads: 2);
        var labels = labeler.Label([1]);
        using var generator = (EngineGenerator)Generators.Open(new GeneratorSpec(PolicyPath) { Threads = 1 });
        var problem = labeler.Problem(1);
        var index = options.FirstProblem + 1;
        var plain = new RolloutLabeler(policy.Config, policy.Weights, policy.Tokenizer, Options, threads: 1);
        var samples = plain.Label([1]);
        plain.Dispose();

        Assert.Equal([0, 1, 2, 3], labels.Select(l => l.Sample));
        Assert.Equal(samples.Select(RewardLabelFile.Line), labels.Take(2).Select(RewardLabelFile.Line));
        for (var j = 0; j < 2; j++)
        {
            var label = labels[2 + j];
            var random = new Randomness.SplitMix64(RolloutLabeler.CorruptionSeed(options.Seed, index, j));
            var (prefix, step) = StepCorruption.Corrupt(samples[j].Solution, ref random)!.Value;
            Assert.Equal(step, label.CorruptedStep);
            Assert.StartsWith(prefix, label.Solution, StringComparison.Ordinal);
            Assert.NotEqual(RewardDocument.Prefix(samples[j].Solution, step + 1), prefix);
            var continuation = await generator.GenerateAsync(new GenerationRequest(problem.Prompt)
            {
                Prefix = prefix,
                Count = 1,
                Sampling = new SamplingOptions { Temperature = 0.8, Seed = RolloutLabeler.CorruptionSeed(options.Seed, index, j) },
            });
            Assert.Equal(prefix + continuation.Samples[0].Text, label.Solution);
            await AssertLabelsAreRolloutsAsync(generator, policy.Tokenizer, options, index, label);
        }
    }

    /// <summary>Each step's label is the share of the generator's seeded rollouts from that step's prefix that reach the gold answer; the last is the outcome.</summary>
    private static async Task AssertLabelsAreRolloutsAsync(EngineGenerator generator, ITokenizer tokenizer, RewardLabelOptions options, long index, LabelledSolution label)
    {
        var checker = MathAnswerChecker.Default;
        var steps = RewardDocument.Create(tokenizer, label.Prompt, label.Solution).Steps.Count;
        Assert.Equal(steps, label.StepValues.Count);
        Assert.Equal(label.Correct ? 1.0 : 0.0, label.StepValues[^1]);
        for (var step = 0; step < steps - 1; step++)
        {
            var prefix = RewardDocument.Prefix(label.Solution, step + 1);
            var rollouts = await generator.GenerateAsync(new GenerationRequest(label.Prompt)
            {
                Prefix = prefix,
                Count = options.Rollouts,
                Sampling = new SamplingOptions { Temperature = options.Temperature, Seed = RolloutLabeler.PrefixSeed(options.Seed, index, label.Sample, step) },
            });
            var hits = rollouts.Samples.Count(s => checker.Extract(prefix + s.Text) is { } a && checker.AreEquivalent(label.Gold, a));
            Assert.Equal((double)hits / options.Rollouts, label.StepValues[step]);
        }
    }

    [Fact]
    public void Label_ChunkedDifferently_GivesTheSameLabels()
    {
        var policy = LlamaGguf.Load(PolicyPath);
        var options = Options with { SamplesPerProblem = 1 };
        using var together = new RolloutLabeler(policy.Config, policy.Weights, policy.Tokenizer, options with { MaxActive = 64 }, threads: 1);
        using var apart = new RolloutLabeler(policy.Config, policy.Weights, policy.Tokenizer, options with { MaxActive = 3 }, threads: 2);

        var a = together.Label([0, 2]);
        var b = apart.Label([0]).Concat(apart.Label([2])).ToList();

        Assert.Equal(a.Select(RewardLabelFile.Line), b.Select(RewardLabelFile.Line));
    }

    [Fact]
    public void Problem_LabelledBlock_NeverHoldsATestProblem()
    {
        var test = ArithDataset.Load(Path.Combine(RepoPaths.Root, "data", "benchmarks", "arith-test.jsonl")).Select(p => p.Prompt).ToHashSet(StringComparer.Ordinal);
        var policy = LlamaGguf.Load(PolicyPath);
        using var labeler = new RolloutLabeler(policy.Config, policy.Weights, policy.Tokenizer, new RewardLabelOptions(), threads: 1);

        var prompts = Enumerable.Range(0, 1000).Select(i => labeler.Problem(i)).ToList();

        Assert.Equal(500, test.Count);
        Assert.DoesNotContain(prompts, p => test.Contains(p.Prompt));
        Assert.All(prompts, p => Assert.StartsWith("arith-train/", p.Id, StringComparison.Ordinal));
    }
}
