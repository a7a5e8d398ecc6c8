using InferScale.Compute;
using InferScale.Generation;
using InferScale.Strategies;
using InferScale.Tests.Strategies.Support;

namespace InferScale.Tests.Strategies.DeepConf;

public sealed class DeepConfStrategyTests
{
    [Fact]
    public void LowestGroup_SlidingWindow_TakesTheWorstWindow()
    {
        static TokenLogprob T(float lp) => new("x", lp, [new("x", lp)]);
        var tokens = new[] { T(-5), T(-5), T(-1), T(-1), T(-5) }; // token confidences 5 5 1 1 5

        Assert.Equal(1.0, TraceConfidence.LowestGroup(tokens, 2, 20)!.Value, 6); // windows: 5 3 1 3
        Assert.Equal(7.0 / 3, TraceConfidence.LowestGroup(tokens, 3, 20)!.Value, 6); // windows: 11/3 7/3 7/3
        Assert.Equal(17.0 / 5, TraceConfidence.LowestGroup(tokens, 10, 20)!.Value, 6); // shorter than a window: the mean
        Assert.Null(TraceConfidence.LowestGroup([], 2, 20));
    }

    [Fact]
    public void Token_TopK_MeansTheFirstKAlternatives()
    {
        var token = new TokenLogprob("a", -0.1f, [new("a", -0.1f), new("b", -3f), new("c", -9f)]);

        Assert.Equal((0.1 + 3) / 2, TraceConfidence.Token(token, 2), 5);
        Assert.Equal((0.1 + 3 + 9) / 3, TraceConfidence.Token(token, 20), 5);
    }

    private static ScriptedGenerator Pool() => new()
    {
        // The majority answer 8 comes with low confidence; 7 is rarer but confident.
        Answers = new Dictionary<int, string> { [0] = "8", [1] = "7", [2] = "8", [3] = "8", [4] = "7", [5] = "8" },
        Confidence = new Dictionary<string, double> { ["7"] = 9, ["8"] = 2 },
    };

    [Fact]
    public async Task Offline_LowConfidenceMajority_FilteredOut()
    {
        var majority = await StrategyTestKit.RunAsync("majority", Pool(), ComputeBudget.Samples(6));
        var (result, _) = await StrategyTestKit.RunAsync("deepconf-offline", Pool(), ComputeBudget.Samples(6), StrategyTestKit.Options(("keep-percent", "40")));

        Assert.Equal("8", majority.Result.Answer);
        Assert.Equal("7", result.Answer);
        // ceil(40% of 6) = 3 kept: both confident traces and the first (lowest index) of the equally unconfident ones.
        Assert.Equal([0, 1, 4], result.Candidates.Where(c => c.Kept).Select(c => c.Index));
        Assert.True(result.Candidates.Single(c => c.Index == 1).Score > result.Candidates.Single(c => c.Index == 0).Score);
    }

    [Fact]
    public async Task Offline_RequestsTopKLogprobs()
    {
        var generator = Pool();
        await StrategyTestKit.RunAsync("deepconf-offline", generator, ComputeBudget.Samples(6), StrategyTestKit.Options(("top-logprobs", "5")));

        Assert.All(generator.Requests, r => Assert.Equal(5, r.Sampling.TopLogprobs));
    }

    [Fact]
    public async Task Online_LowConfidenceTracesStoppedEarlyAndDoNotVote()
    {
        var generator = new ScriptedGenerator
        {
            Answers = new Dictionary<int, string> { [0] = "7", [1] = "8", [2] = "9", [3] = "7", [4] = "8", [5] = "8", [6] = "7" },
            Confidence = new Dictionary<string, double> { ["7"] = 9, ["8"] = 1, ["9"] = 6 },
            StepsByIndex = Enumerable.Range(0, 7).ToDictionary(i => i, _ => 4),
        };
        var options = StrategyTestKit.Options(("warmup-traces", "4"), ("keep-percent", "75"), ("chunk-tokens", "4"), ("consensus-threshold", "1"));
        var (result, ledger) = await StrategyTestKit.RunAsync("deepconf-online", generator, ComputeBudget.Samples(7), options);

        Assert.Equal("7", result.Answer);
        var stopped = result.Candidates.Where(c => c.Index is 4 or 5).ToList();
        Assert.All(stopped, c =>
        {
            Assert.Equal(FinishReason.Cancelled, c.Sample.FinishReason);
            Assert.False(c.Kept);
            Assert.True(c.Sample.CompletionTokens <= 4, $"trace {c.Index} ran {c.Sample.CompletionTokens} tokens before stopping");
        });
        Assert.True(result.Candidates.Single(c => c.Index == 6).Kept);
        Assert.False(result.Candidates.Single(c => c.Index == 1).Kept); // warm-up trace below the threshold
        Assert.True(result.Candidates.Single(c => c.Index == 2).Kept);
        Assert.Equal(ledger.Total, result.Usage);
    }

    [Fact]
    public async Task Online_Consensus_StopsSamplingEarly()
    {
        var generator = new ScriptedGenerator { Distribution = [("7", 1)] };
        var (result, _) = await StrategyTestKit.RunAsync("deepconf-online", generator, ComputeBudget.Samples(32), StrategyTestKit.Options(("warmup-traces", "4")));

        Assert.Equal(4, result.Candidates.Count);
        Assert.Equal("7", result.Answer);
    }

    [Fact]
    public void Build_WarmupLargerThanBudget_FailsNamingWarmupTraces()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => StrategyCatalog.Default.Create("deepconf-online", null, ComputeBudget.Samples(8)));
        Assert.Equal("WarmupTraces", ex.ParamName);
    }
}
