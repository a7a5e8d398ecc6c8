using InferScale.Strategies;
using Xunit.Abstractions;

namespace InferScale.Tests.Strategies.StepSearch;

/// <summary>On 50 arith problems, PRM-guided step search beats single samples (the policy errs on 20% of steps).</summary>
public sealed class StepSearchAccuracyTests(ITestOutputHelper output)
{
    private static async Task<double> AccuracyAsync(string strategy, int budget, IReadOnlyDictionary<string, string>? options = null)
    {
        var correct = 0;
        foreach (var problem in StepSearchTestKit.Problems)
        {
            var (result, _) = await StepSearchTestKit.RunAsync(strategy, new ArithStepPolicy(0.2), ComputeBudget.Samples(budget), problem, seed: 3, options: options);
            if (result.IsCorrect == true)
                correct++;
        }
        return correct / (double)StepSearchTestKit.Problems.Count;
    }

    [Fact]
    public async Task RunAsync_ArithWithStepRewardModel_SearchBeatsSingleSamples()
    {
        var single = await AccuracyAsync("majority", 1, new Dictionary<string, string>());
        var bestOf8 = await AccuracyAsync("best-of-n", 8, new Dictionary<string, string> { ["aggregation"] = "min" });
        var beam = await AccuracyAsync("beam-search", 8);
        var particles = await AccuracyAsync("particle-filter", 8);
        output.WriteLine($"accuracy on 50 arith problems, step error rate 0.2: single sample {single:P0}, best-of-8 {bestOf8:P0}, beam-search@8 {beam:P0}, particle-filter@8 {particles:P0}");
        foreach (var other in new[] { "dvts", "lookahead", "rebase", "mcts", "entropic-particle-filter" })
            output.WriteLine($"{other}@8: {await AccuracyAsync(other, 8):P0}");

        Assert.True(beam >= single + 0.3, $"beam search {beam:P0} vs single sample {single:P0}");
        Assert.True(particles >= single + 0.3, $"particle filter {particles:P0} vs single sample {single:P0}");
        Assert.True(beam >= 0.9, $"beam search reached only {beam:P0}");
    }
}
