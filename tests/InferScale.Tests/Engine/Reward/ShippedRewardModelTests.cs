using InferScale.Backends;
using InferScale.Engine.Reward;
using InferScale.Generation;
using InferScale.Tasks.Arith;
using InferScale.Tests.Support;
using InferScale.Verification;
using InferScale.Verification.Reward;
using Xunit.Abstractions;

namespace InferScale.Tests.Engine.Reward;

public sealed class ShippedRewardModelTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ShippedModels_TestSetSamples_RankCorrectAboveIncorrectBetterThanChance()
    {
        var prm = EngineRewardModel.Open(Path.Combine(RepoPaths.Root, "models", "arith-prm.gguf"), threads: 2);
        var orm = EngineRewardModel.Open(Path.Combine(RepoPaths.Root, "models", "arith-orm.gguf"), threads: 2);
        var problems = ArithDataset.Load(Path.Combine(RepoPaths.Root, "data", "benchmarks", "arith-test.jsonl"))
            .GroupBy(p => p.Level).SelectMany(g => g.Take(2)).ToList();
        using var policy = (IDisposable)Generators.Open(new GeneratorSpec(Path.Combine(RepoPaths.Root, "models", "arith-0.3m.gguf")) { Threads = 2 });
        var checker = MathAnswerChecker.Default;
        var prmScores = new List<(double Score, bool Correct)>();
        var ormScores = new List<(double Score, bool Correct)>();
        foreach (var problem in problems)
        {
            var samples = await ((IGenerator)policy).GenerateAsync(new GenerationRequest(problem.Prompt) { Count = 4, Sampling = new SamplingOptions { Temperature = 0.8, Seed = 1 } });
            var correct = samples.Samples.Select(s => checker.Extract(s.Text) is { } a && checker.AreEquivalent(problem.Gold!, a)).ToList();
            var items = samples.Samples.Select(s => (problem.Prompt, s.Text)).ToList();
            prmScores.AddRange((await prm.ScoreManyAsync(items)).Zip(correct, (r, c) => (r.Final, c)));
            ormScores.AddRange((await orm.ScoreManyAsync(items)).Zip(correct, (r, c) => (r.Final, c)));
        }

        var prmAuc = RewardMetrics.Auc(prmScores);
        var ormAuc = RewardMetrics.Auc(ormScores);
        output.WriteLine($"AUC over {prmScores.Count} samples ({prmScores.Count(s => s.Correct)} correct): PRM {prmAuc:F3}, ORM {ormAuc:F3}");
        Assert.Equal((RewardModelKind.Process, RewardModelKind.Outcome), (prm.Kind, orm.Kind));
        Assert.Equal(40, prmScores.Count);
        Assert.InRange(prmScores.Count(s => s.Correct), 8, 32);
        Assert.True(prmAuc > 0.6, $"PRM AUC {prmAuc:F3}");
        Assert.True(ormAuc > 0.6, $"ORM AUC {ormAuc:F3}");
    }
}
