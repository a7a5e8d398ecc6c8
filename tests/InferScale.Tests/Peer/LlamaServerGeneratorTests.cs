using InferScale.Backends.OpenAI;
using InferScale.Generation;
using InferScale.Tasks.Arith;

namespace InferScale.Tests.Peer;

/// <summary>
/// The OpenAI-compatible generator against a real llama-server (llama.cpp 0.5.0) serving our policy: sampling, stop
/// strings, max tokens, logprobs, seeds and token accounting checked exactly against our tokenizer.
/// </summary>
[Collection(LlamaServerCollection.Name)]
public sealed class LlamaServerGeneratorTests(LlamaServerFixture server)
{
    private static readonly IReadOnlyList<ArithProblem> Problems = new ArithGenerator().TestSet(2);

    /// <summary>A level-3 problem: hard enough that samples at temperature 1 disagree, short enough to be quick.</summary>
    private static string HardPrompt => Problems.First(p => p.Level == 3).Prompt;

    private static string EasyPrompt => Problems.First(p => p.Level == 1).Prompt;

    [Fact]
    public async Task GetServerKindAsync_Auto_DetectsLlamaCpp()
    {
        using var generator = server.CreateGenerator();

        Assert.Equal(OpenAiServerKind.LlamaCpp, await generator.GetServerKindAsync());
    }

    [Fact]
    public async Task GenerateAsync_SixteenSamples_IndependentExactlyCountedAndSplitBySlots()
    {
        using var generator = server.CreateGenerator();
        using var checkedGenerator = server.Check(generator);

        var result = await checkedGenerator.GenerateAsync(new GenerationRequest(HardPrompt)
        {
            Count = 16,
            Sampling = new SamplingOptions { Temperature = 1, MaxTokens = 200, Seed = 7 },
        });

        Assert.Empty(checkedGenerator.Problems);
        Assert.Equal(Enumerable.Range(0, 16), result.Samples.Select(s => s.Index));
        Assert.All(result.Samples, s => Assert.Null(s.Logprobs)); // asked for none (the counting logprobs are dropped)
        Assert.True(result.Samples.Select(s => s.Text).Distinct().Count() >= 4,
            $"16 samples at T = 1 gave only {result.Samples.Select(s => s.Text).Distinct().Count()} distinct texts");
        // n is capped by the server's 4 slots (it answers 400 above): 4 calls of 4, all with consecutive seeds.
        var statistics = generator.Statistics;
        Assert.Equal(4, statistics.Calls);
        Assert.Equal(0, statistics.FailedCalls);
        Assert.Equal(0, statistics.SharedSeedCalls);
    }

    [Fact]
    public async Task GenerateAsync_SameSeedTwice_SameTexts_OtherSeedDiffers()
    {
        using var generator = server.CreateGenerator();
        var request = new GenerationRequest(HardPrompt) { Count = 4, Sampling = new SamplingOptions { Temperature = 1, MaxTokens = 200, Seed = 11 } };

        var first = await generator.GenerateAsync(request);
        var second = await generator.GenerateAsync(request);
        var other = await generator.GenerateAsync(request with { Sampling = request.Sampling with { Seed = 12 } });

        Assert.Equal(first.Samples.Select(s => s.Text), second.Samples.Select(s => s.Text));
        Assert.NotEqual(first.Samples.Select(s => s.Text), other.Samples.Select(s => s.Text));
    }

    [Fact]
    public async Task GenerateAsync_SampleAloneOrInBatch_GetsTheSameSeed()
    {
        using var generator = server.CreateGenerator();
        var sampling = new SamplingOptions { Temperature = 1, MaxTokens = 200, Seed = 5 };

        var batch = await generator.GenerateAsync(new GenerationRequest(HardPrompt) { Count = 8, Sampling = sampling });
        var alone = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            generator.GenerateAsync(new GenerationRequest(HardPrompt) { FirstIndex = i, Sampling = sampling }).AsTask()));

        // Same seed for sample i either way; the server's batched float arithmetic may still flip a rare sample
        // (measured: 159 of 160 identical), so all but one must match.
        var same = alone.Count(r => r.Samples[0].Text == batch.Samples[r.Samples[0].Index].Text);
        Assert.True(same >= 7, $"only {same} of 8 samples drawn alone equal the batched ones");
    }

    [Fact]
    public async Task GenerateAsync_StopStrings_StopBeforeMatchAndCountStopTokens()
    {
        using var generator = server.CreateGenerator();
        using var checkedGenerator = server.Check(generator);
        // Six stop strings: more than OpenAI's four, all sent to the server.
        string[] stops = ["\n", "</think>", "zzz1", "zzz2", "zzz3", "zzz4"];

        var result = await checkedGenerator.GenerateAsync(new GenerationRequest(HardPrompt)
        {
            Count = 6,
            Sampling = new SamplingOptions { Temperature = 1, MaxTokens = 100, Seed = 3, Stop = stops },
        });

        Assert.Empty(checkedGenerator.Problems);
        Assert.All(result.Samples, s =>
        {
            Assert.Equal(FinishReason.Stop, s.FinishReason);
            Assert.DoesNotContain('\n', s.Text);
            Assert.Contains(" = ", s.Text, StringComparison.Ordinal); // one step, e.g. "v = 4 + 5 = 9"
        });
        Assert.Equal(0, generator.Statistics.ClientSideStops);
        Assert.Equal(6, generator.Statistics.Calls); // stop strings: one sample per call, counted exactly by its usage
    }

    [Fact]
    public async Task GenerateAsync_MaxTokens_StopsForLengthAtExactlyMax()
    {
        using var generator = server.CreateGenerator();
        using var checkedGenerator = server.Check(generator);

        var result = await checkedGenerator.GenerateAsync(new GenerationRequest(HardPrompt)
        {
            Count = 4,
            Sampling = new SamplingOptions { Temperature = 1, MaxTokens = 7, Seed = 1 },
        });

        Assert.Empty(checkedGenerator.Problems);
        Assert.All(result.Samples, s =>
        {
            Assert.Equal(FinishReason.Length, s.FinishReason);
            Assert.Equal(7, s.CompletionTokens);
            Assert.Equal(7, server.Tokenizer.Encode(s.Text, addBos: false).Length);
        });
        Assert.Equal(28, result.Usage.CompletionTokens);
    }

    [Fact]
    public async Task GenerateAsync_TopLogprobs_OneEntryPerTokenWithSortedAlternatives()
    {
        using var generator = server.CreateGenerator();
        using var checkedGenerator = server.Check(generator);

        var result = await checkedGenerator.GenerateAsync(new GenerationRequest(EasyPrompt)
        {
            Count = 4,
            Sampling = new SamplingOptions { Temperature = 1, MaxTokens = 200, Seed = 2, TopLogprobs = 3 },
        });

        Assert.Empty(checkedGenerator.Problems);
        Assert.All(result.Samples, s =>
        {
            var lps = Assert.IsAssignableFrom<IReadOnlyList<TokenLogprob>>(s.Logprobs);
            Assert.Equal(s.CompletionTokens, lps.Count); // no stop strings: every token, the final end-of-sequence included
            Assert.Equal(s.Text, string.Concat(lps.Select(t => t.Token)));
            Assert.All(lps, t =>
            {
                Assert.InRange(t.Logprob, float.NegativeInfinity, 0f);
                Assert.Equal(3, t.Top.Count);
                Assert.Equal(t.Top.OrderByDescending(a => a.Logprob).Select(a => a.Logprob), t.Top.Select(a => a.Logprob));
                Assert.True(t.Logprob <= t.Top[0].Logprob + 1e-5f);
            });
        });
    }

    [Fact]
    public async Task GenerateAsync_LogprobsWithoutAlternatives_StillReturnsTokenLogprobs()
    {
        // llama-server returns nothing for logprobs: 0; the generator asks for 1 and drops the alternative.
        using var generator = server.CreateGenerator();

        var result = await generator.GenerateAsync(new GenerationRequest(EasyPrompt)
        {
            Sampling = new SamplingOptions { Temperature = 0, MaxTokens = 200, Logprobs = true },
        });

        var sample = Assert.Single(result.Samples);
        var lps = Assert.IsAssignableFrom<IReadOnlyList<TokenLogprob>>(sample.Logprobs);
        Assert.Equal(sample.CompletionTokens, lps.Count);
        Assert.All(lps, t => Assert.Empty(t.Top));
    }

    [Fact]
    public async Task GenerateAsync_HighTemperature_SamplesTokensTheServerDefaultsWouldCut()
    {
        // llama-server's defaults apply min-p 0.05 (and top-k 40, top-p 0.95) to the temperature-1 distribution before
        // temperature, so no sampled token could have p < 0.05·p_max there. With the full distribution at T = 2 some do.
        using var generator = server.CreateGenerator();

        var result = await generator.GenerateAsync(new GenerationRequest(HardPrompt)
        {
            Count = 8,
            Sampling = new SamplingOptions { Temperature = 2, MaxTokens = 40, Seed = 4, TopLogprobs = 1 },
        });

        var cut = result.Samples.SelectMany(s => s.Logprobs!).Count(t => t.Logprob < t.Top[0].Logprob + Math.Log(0.05));
        Assert.True(cut > 0, "no sampled token had p < 0.05·p_max: the server's default truncation is still on");
    }

    [Fact]
    public async Task GenerateAsync_TopKOne_IsHonouredAsGreedy()
    {
        using var generator = server.CreateGenerator();

        var sampled = await generator.GenerateAsync(new GenerationRequest(HardPrompt)
        {
            Count = 4,
            Sampling = new SamplingOptions { Temperature = 2, TopK = 1, MaxTokens = 200, Seed = 9 },
        });
        var greedy = await generator.GenerateAsync(new GenerationRequest(HardPrompt) { Sampling = SamplingOptions.Greedy with { MaxTokens = 200 } });

        Assert.All(sampled.Samples, s => Assert.Equal(greedy.Samples[0].Text, s.Text));
    }

    [Fact]
    public async Task GenerateAsync_Prefix_ContinuesThePartialSolution()
    {
        using var generator = server.CreateGenerator();
        using var checkedGenerator = server.Check(generator);
        var greedy = await checkedGenerator.GenerateAsync(new GenerationRequest(EasyPrompt) { Sampling = SamplingOptions.Greedy with { MaxTokens = 200 } });
        var full = greedy.Samples[0].Text;
        var prefix = full[..(full.IndexOf('\n', StringComparison.Ordinal) + 1)];

        var continued = await checkedGenerator.GenerateAsync(new GenerationRequest(EasyPrompt)
        {
            Prefix = prefix,
            Sampling = SamplingOptions.Greedy with { MaxTokens = 200 },
        });

        Assert.Empty(checkedGenerator.Problems);
        Assert.Equal(full, prefix + continued.Samples[0].Text);
    }
}
