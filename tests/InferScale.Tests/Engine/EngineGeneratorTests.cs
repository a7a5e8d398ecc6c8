using InferScale.Engine;
using InferScale.Generation;

namespace InferScale.Tests.Engine;

public sealed class EngineGeneratorTests
{
    private const string Prompt = "the cat sat on the mat.\n";

    private static EngineGenerator Create(TestTokenizer? tokenizer = null, int maxBatch = 64, int threads = 1, int cache = 32) =>
        new(TinyModels.Config, TinyModels.Weights, tokenizer ?? new TestTokenizer(),
            new EngineOptions { ModelName = "tiny", Threads = threads, MaxBatchSize = maxBatch, MaxBatchRows = Math.Max(maxBatch, 64), PrefixCacheEntries = cache });

    private static SamplingOptions Sampling(ulong seed = 1, int maxTokens = 12) =>
        new() { Temperature = 1.0, Seed = seed, MaxTokens = maxTokens, TopLogprobs = 3 };

    /// <summary>Everything a sample carries, logprobs included, as one comparable string (bit patterns for floats).</summary>
    private static string Key(Sample s) =>
        $"{s.Index}|{s.Text}|{s.CompletionTokens}|{s.FinishReason}|{s.PromptTokens}|" +
        string.Join(",", (s.Logprobs ?? []).Select(l => $"{l.Token}:{BitConverter.SingleToInt32Bits(l.Logprob)}:{string.Join(";", l.Top.Select(t => $"{t.Token}={BitConverter.SingleToInt32Bits(t.Logprob)}"))}"));

    [Fact]
    public async Task GenerateAsync_SameSeed_IdenticalSamples_OtherSeedDiffers()
    {
        using var g1 = Create();
        using var g2 = Create(threads: 2, maxBatch: 3);
        var request = new GenerationRequest(Prompt) { Count = 5, Sampling = Sampling(seed: 42) };
        var a = await g1.GenerateAsync(request);
        var b = await g2.GenerateAsync(request);
        Assert.Equal(a.Samples.Select(Key), b.Samples.Select(Key));
        var c = await g1.GenerateAsync(request with { Sampling = Sampling(seed: 43) });
        Assert.NotEqual(a.Samples.Select(s => s.Text), c.Samples.Select(s => s.Text));
        Assert.Equal([0, 1, 2, 3, 4], a.Samples.Select(s => s.Index));
    }

    [Fact]
    public async Task GenerateAsync_NestedBudgets_FirstSamplesAreTheSmallerRequestsSamples()
    {
        using var g = Create();
        var small = await g.GenerateAsync(new GenerationRequest(Prompt) { Count = 3, Sampling = Sampling() });
        var large = await g.GenerateAsync(new GenerationRequest(Prompt) { Count = 6, Sampling = Sampling() });
        var tail = await g.GenerateAsync(new GenerationRequest(Prompt) { Count = 3, FirstIndex = 3, Sampling = Sampling() });
        Assert.Equal(small.Samples.Select(Key), large.Samples.Take(3).Select(Key));
        Assert.Equal(tail.Samples.Select(Key), large.Samples.Skip(3).Select(Key));
    }

    [Fact]
    public async Task GenerateAsync_StopStringAcrossTokens_EndsBeforeTheStopWithStop()
    {
        using var g = Create(new TestTokenizer(hasEos: false));
        var greedy = SamplingOptions.Greedy with { MaxTokens = 30 };
        var full = (await g.GenerateAsync(new GenerationRequest(Prompt) { Sampling = greedy })).Samples[0];
        Assert.True(full.Text.Length >= 12, full.Text);
        var stop = full.Text.Substring(6, 3);
        var cut = full.Text.IndexOf(stop, StringComparison.Ordinal);
        var stopped = (await g.GenerateAsync(new GenerationRequest(Prompt) { Sampling = greedy with { Stop = ["zzzz", stop] } })).Samples[0];
        Assert.Equal(full.Text[..cut], stopped.Text);
        Assert.Equal(FinishReason.Stop, stopped.FinishReason);
        var tokenizer = new TestTokenizer();
        var tokensThroughStop = tokenizer.Encode(full.Text, addBos: false);
        Assert.True(stopped.CompletionTokens < full.CompletionTokens);
        Assert.True(stopped.CompletionTokens <= tokensThroughStop.Length);
    }

    [Fact]
    public async Task GenerateAsync_MaxTokens_FinishesWithLength()
    {
        using var g = Create(new TestTokenizer(hasEos: false));
        var result = await g.GenerateAsync(new GenerationRequest(Prompt) { Count = 4, Sampling = Sampling(maxTokens: 7) });
        Assert.All(result.Samples, s =>
        {
            Assert.Equal(FinishReason.Length, s.FinishReason);
            Assert.Equal(7, s.CompletionTokens);
            Assert.Equal(7, s.Logprobs!.Count);
            Assert.All(s.Logprobs!, l => Assert.True(l.Logprob <= 0 && l.Top.Count == 3 && l.Top[0].Logprob >= l.Logprob));
        });
        Assert.Equal(28, result.Usage.CompletionTokens);
    }

    [Fact]
    public async Task GenerateAsync_Usage_PromptComputedOnceThenServedFromPrefixCache()
    {
        var tokenizer = new TestTokenizer(hasEos: false);
        using var g = Create(tokenizer);
        var promptLength = tokenizer.Encode(Prompt, addBos: true).Length;
        var request = new GenerationRequest(Prompt) { Count = 4, Sampling = Sampling(maxTokens: 5) };
        var first = await g.GenerateAsync(request);
        Assert.Equal(promptLength, first.Usage.PromptTokens);
        Assert.Equal(3L * promptLength, first.Usage.CachedPromptTokens);
        Assert.Equal(20, first.Usage.CompletionTokens);
        Assert.Equal(1, first.Usage.Calls);
        var c = TinyModels.Config;
        var expectedFlops = Enumerable.Range(0, promptLength).Sum(p => EngineFlops.PerToken(c, p, p == promptLength - 1))
            + 4 * Enumerable.Range(promptLength, 4).Sum(p => EngineFlops.PerToken(c, p, true));
        Assert.Equal(expectedFlops, first.Usage.Flops, 3);

        var second = await g.GenerateAsync(request);
        Assert.Equal(0, second.Usage.PromptTokens);
        Assert.Equal(4L * promptLength, second.Usage.CachedPromptTokens);
        Assert.Equal(first.Samples.Select(Key), second.Samples.Select(Key));

        var prefix = "the ";
        var extended = await g.GenerateAsync(request with { Prefix = prefix, Count = 2 });
        var prefixLength = tokenizer.Encode(prefix, addBos: false).Length;
        Assert.Equal(prefixLength, extended.Usage.PromptTokens);
        Assert.Equal(2L * (promptLength + prefixLength) - prefixLength, extended.Usage.CachedPromptTokens);
        Assert.All(extended.Samples, s => Assert.Equal(promptLength + prefixLength, s.PromptTokens));
    }

    [Fact]
    public async Task GenerateAsync_PrefixCacheDisabled_SameSamplesAndNoBlocksLeak()
    {
        using var cached = Create();
        using var uncached = Create(cache: 0);
        var request = new GenerationRequest(Prompt) { Count = 3, Prefix = "an", Sampling = Sampling() };
        await cached.GenerateAsync(new GenerationRequest(Prompt) { Sampling = Sampling() });
        var a = await cached.GenerateAsync(request);
        var b = await uncached.GenerateAsync(request);
        Assert.Equal(a.Samples.Select(Key), b.Samples.Select(Key));
        Assert.Equal(0, uncached.Session.Cache.BlocksInUse);
    }

    [Fact]
    public async Task GenerateAsync_CancelledBetweenSteps_ThrowsAndReleasesSequences()
    {
        var tokenizer = new TestTokenizer(hasEos: false);
        using var g = Create(tokenizer, cache: 0);
        using var cts = new CancellationTokenSource();
        var decodes = 0;
        tokenizer.OnDecode = () =>
        {
            if (++decodes == 6)
                cts.Cancel();
        };
        var request = new GenerationRequest(Prompt) { Count = 2, Sampling = Sampling(maxTokens: 50) with { Stop = ["qqqq"] } };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await g.GenerateAsync(request, cts.Token));
        Assert.InRange(decodes, 6, 12);
        Assert.Equal(0, g.Session.Cache.BlocksInUse);
    }

    [Fact]
    public void Metadata_DescribesTheModel()
    {
        using var g = Create();
        Assert.Equal("engine", g.Metadata.ProviderName);
        Assert.Equal("tiny", g.Metadata.ModelId);
        Assert.Equal(TinyModels.Config.ParameterCount, g.Metadata.Parameters);
        Assert.Same(g.Session, g.GetService(typeof(EngineSession)));
    }
}
