using InferScale.Backends.Replay;
using InferScale.Compute;
using InferScale.Generation;

namespace InferScale.Tests.Backends.Replay;

public sealed class ReplayGeneratorTests
{
    private static readonly Problem P = new("p/1", "What is 3 + 4?");

    private static ReplayPool Pool(int n) =>
        new ReplayPool().Add(P, Enumerable.Range(0, n).Select(i => new RecordedSample($"sample {i} \\boxed{{{i}}}") { Answer = $"{i}", PromptTokens = 10, CompletionTokens = 20 + i }));

    private static async Task<IReadOnlyList<Sample>> Draw(ReplayGenerator g, int first, int count, ulong seed, int maxTokens = 512) =>
        (await g.GenerateAsync(new GenerationRequest(P.Prompt) { FirstIndex = first, Count = count, Sampling = new SamplingOptions { Seed = seed, MaxTokens = maxTokens } })).Samples;

    [Fact]
    public async Task GenerateAsync_WholePool_EachRecordedSampleOnceInSeededOrder()
    {
        var g = new ReplayGenerator(Pool(16));
        var all = await Draw(g, 0, 16, seed: 3);

        Assert.Equal(Enumerable.Range(0, 16), all.Select(s => int.Parse(s.Answer!, System.Globalization.CultureInfo.InvariantCulture)).Order());
        Assert.NotEqual(Enumerable.Range(0, 16).Select(i => $"{i}"), all.Select(s => s.Answer)); // shuffled
        Assert.Equal(Enumerable.Range(0, 16), all.Select(s => s.Index));
    }

    [Fact]
    public async Task GenerateAsync_BudgetN_IsPrefixOfBudget2N()
    {
        var g = new ReplayGenerator(Pool(16));
        var eight = await Draw(g, 0, 8, seed: 5);
        var four = await Draw(g, 0, 4, seed: 5);
        var nextFour = await Draw(g, 4, 4, seed: 5);

        Assert.Equal(eight.Select(s => s.Text), four.Concat(nextFour).Select(s => s.Text));
    }

    [Fact]
    public async Task GenerateAsync_OtherSeed_OtherOrder()
    {
        var g = new ReplayGenerator(Pool(16));
        Assert.NotEqual((await Draw(g, 0, 16, seed: 1)).Select(s => s.Text), (await Draw(g, 0, 16, seed: 2)).Select(s => s.Text));
    }

    [Fact]
    public async Task GenerateAsync_NoShuffle_RecordedOrder()
    {
        var g = new ReplayGenerator(Pool(4), new ReplayOptions { Shuffle = false });
        Assert.Equal(["0", "1", "2", "3"], (await Draw(g, 0, 4, seed: 9)).Select(s => s.Answer));
    }

    [Fact]
    public async Task GenerateAsync_BeyondPool_FailsNamingProblemAndSize()
    {
        var g = new ReplayGenerator(Pool(4));
        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Draw(g, 2, 3, seed: 1));
        Assert.Contains("'p/1' has 4 recorded samples", ex.Message, StringComparison.Ordinal);
        Assert.Contains("index 4", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_UnknownPrompt_FailsClearly()
    {
        var g = new ReplayGenerator(Pool(4));
        var ex = await Assert.ThrowsAsync<ArgumentException>(async () => await g.GenerateAsync(new GenerationRequest("other")));
        Assert.Contains("no samples for this prompt", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_Usage_FromRecordedCountsAndKaplanFlops()
    {
        var shape = new ModelShape(1_000_000, 4, 64, 4, 4);
        var g = new ReplayGenerator(Pool(4), new ReplayOptions { Shuffle = false, ModelShape = shape });
        var result = await g.GenerateAsync(new GenerationRequest(P.Prompt) { Count = 3 });

        Assert.Equal(10, result.Usage.PromptTokens);
        Assert.Equal(20 + 21 + 22, result.Usage.CompletionTokens);
        var expected = KaplanFlops.Span(shape, 0, 10) + KaplanFlops.Span(shape, 10, 20) + KaplanFlops.Span(shape, 10, 21) + KaplanFlops.Span(shape, 10, 22);
        Assert.Equal(expected, result.Usage.Flops, 6);
        Assert.Equal(shape.Parameters, g.Metadata.Parameters);
    }

    [Fact]
    public async Task GenerateAsync_MaxTokensBelowLength_TruncatesAndDropsAnswer()
    {
        var g = new ReplayGenerator(Pool(1));
        var s = Assert.Single(await Draw(g, 0, 1, seed: 1, maxTokens: 10));

        Assert.Equal(FinishReason.Length, s.FinishReason);
        Assert.Equal(10, s.CompletionTokens);
        Assert.Null(s.Answer);
        Assert.StartsWith(s.Text, "sample 0 \\boxed{0}", StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_PrefixOfRecordedTokens_ContinuesTheSample()
    {
        var tokens = new[] { "a", " b", " c", " d" }.Select(t => new TokenLogprob(t, -0.5f, [new(t, -0.5f), new("z", -3f)])).ToList();
        var pool = new ReplayPool().Add(P, [new RecordedSample("a b c d") { Logprobs = tokens, PromptTokens = 5 }]);
        var g = new ReplayGenerator(pool);
        var result = await g.GenerateAsync(new GenerationRequest(P.Prompt) { Prefix = "a b", Sampling = new SamplingOptions { TopLogprobs = 1 } });

        var s = Assert.Single(result.Samples);
        Assert.Equal(" c d", s.Text);
        Assert.Equal(2, s.CompletionTokens);
        Assert.Equal(7, s.PromptTokens);
        Assert.All(s.Logprobs!, t => Assert.Single(t.Top));
    }

    [Fact]
    public async Task GenerateAsync_PrefixWithoutRecordedTokens_NotSupported()
    {
        var g = new ReplayGenerator(Pool(2));
        await Assert.ThrowsAsync<NotSupportedException>(async () => await g.GenerateAsync(new GenerationRequest(P.Prompt) { Prefix = "sample" }));
    }

    [Fact]
    public void Add_DuplicatePromptOrEmptySamples_FailsNamingProblem()
    {
        var pool = Pool(2);
        Assert.Contains("p/2", Assert.Throws<ArgumentException>(() => pool.Add("p/2", P.Prompt, [new RecordedSample("x")])).Message, StringComparison.Ordinal);
        Assert.Contains("p/3", Assert.Throws<ArgumentException>(() => pool.Add("p/3", "other", [])).Message, StringComparison.Ordinal);
    }
}
