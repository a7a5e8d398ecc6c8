using InferScale.Engine.Sampling;
using InferScale.Generation;

namespace InferScale.Tests.Engine.Sampling;

public sealed class SamplerChainTests
{
    private static readonly float[] Logits = [0f, 3f, 1f, 3f, -2f, 2.5f];

    [Fact]
    public void SampleRandom_SameSeedAndIndex_SameStream_OtherIndexDiffers()
    {
        var a = new SampleRandom(5, 3);
        var b = new SampleRandom(5, 3);
        var c = new SampleRandom(5, 4);
        var xs = Enumerable.Range(0, 8).Select(_ => a.NextDouble()).ToArray();
        Assert.Equal(xs, Enumerable.Range(0, 8).Select(_ => b.NextDouble()));
        Assert.NotEqual(xs, Enumerable.Range(0, 8).Select(_ => c.NextDouble()));
        Assert.All(xs, x => Assert.InRange(x, 0, 1 - 1e-17));
    }

    [Fact]
    public void Sample_Greedy_TakesTheFirstArgMaxWithoutDrawing()
    {
        var chain = SamplerChain.FromOptions(SamplingOptions.Greedy, Logits.Length);
        var random = new SampleRandom(1, 0);
        Assert.Equal(1, chain.Sample(Logits, ref random));
        Assert.Equal(0UL, random.Draws);
    }

    [Fact]
    public void Sample_TopK2_OnlyEverDrawsTheTwoBest()
    {
        var chain = SamplerChain.FromOptions(new SamplingOptions { TopK = 2 }, Logits.Length);
        var seen = new HashSet<int>();
        for (var i = 0; i < 200; i++)
        {
            var random = new SampleRandom(9, i);
            seen.Add(chain.Sample(Logits, ref random));
        }
        Assert.Equal([1, 3], seen.Order());
    }

    [Fact]
    public void Sample_TopPAndMinP_DropTheUnlikelyTail()
    {
        var topP = SamplerChain.FromOptions(new SamplingOptions { TopP = 0.7 }, Logits.Length);
        var minP = SamplerChain.FromOptions(new SamplingOptions { MinP = 0.5 }, Logits.Length);
        var seenP = new HashSet<int>();
        var seenMin = new HashSet<int>();
        for (var i = 0; i < 300; i++)
        {
            var r1 = new SampleRandom(2, i);
            var r2 = new SampleRandom(2, i);
            seenP.Add(topP.Sample(Logits, ref r1));
            seenMin.Add(minP.Sample(Logits, ref r2));
        }
        // Probabilities ≈ [.02 .35 .05 .35 .00 .21]: the top two reach 0.7; min-p 0.5 keeps logits ≥ 3 + ln 0.5 ≈ 2.31.
        Assert.Equal([1, 3], seenP.Order());
        Assert.Equal([1, 3, 5], seenMin.Order());
    }

    [Fact]
    public void Sample_Temperature_FollowsTheSoftmaxFrequencies()
    {
        var chain = SamplerChain.FromOptions(new SamplingOptions { Temperature = 2 }, 2);
        float[] logits = [0f, 2f];
        var ones = 0;
        for (var i = 0; i < 4000; i++)
        {
            var random = new SampleRandom(3, i);
            ones += chain.Sample(logits, ref random);
        }
        var expected = 1 / (1 + Math.Exp(-1));
        Assert.InRange(ones / 4000.0, expected - 0.03, expected + 0.03);
    }

    [Fact]
    public void SortDescending_Ties_KeepLowerIdFirst()
    {
        var candidates = new SamplerCandidates(6);
        candidates.Load(Logits);
        candidates.SortDescending();
        Assert.Equal([1, 3, 5, 2, 0, 4], candidates.Ids.ToArray());
        Assert.Equal([3f, 3f, 2.5f, 1f, 0f, -2f], candidates.Values.ToArray());
    }
}
