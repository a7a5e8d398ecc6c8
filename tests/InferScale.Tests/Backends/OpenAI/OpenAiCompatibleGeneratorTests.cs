using System.Text.Json.Nodes;
using InferScale.Backends;
using InferScale.Backends.OpenAI;
using InferScale.Generation;
using InferScale.Tests.Support;

namespace InferScale.Tests.Backends.OpenAI;

public sealed class OpenAiCompatibleGeneratorTests
{
    private static string Expected(string prompt, double temperature, long seed, int choice, int tokens, int length = 10) =>
        string.Concat(OpenAiTestServerText.Tokens(prompt, temperature, seed, choice, length).Take(tokens));

    [Fact]
    public async Task GenerateAsync_Completions_SendsEverySamplingParameterExactly()
    {
        await using var server = await OpenAiTestServer.StartAsync();
        using var generator = TestGenerators.Create(server);
        var sampling = new SamplingOptions
        {
            Temperature = 0.7, TopP = 0.9, TopK = 0, MinP = 0, Seed = 42, MaxTokens = 7, Stop = ["x1", "x2"], TopLogprobs = 3,
        };

        await generator.GenerateAsync(new GenerationRequest("Q: 2+2?") { Prefix = "Step 1:", FirstIndex = 5, Sampling = sampling });

        var body = Assert.Single(server.Requests);
        Assert.Equal("/v1/completions", Assert.Single(server.Paths));
        Assert.Equal("test-model", (string?)body["model"]);
        Assert.Equal("Q: 2+2?Step 1:", (string?)body["prompt"]);
        Assert.Equal(0.7, (double?)body["temperature"]);
        Assert.Equal(0.9, (double?)body["top_p"]);
        Assert.Equal(0, (int?)body["top_k"]);
        Assert.Equal(0.0, (double?)body["min_p"]);
        Assert.Equal(SampleSeeds.Derive(42, 5), (long?)body["seed"]);
        Assert.Equal(7, (int?)body["max_tokens"]);
        Assert.Equal(["x1", "x2"], body["stop"]!.AsArray().Select(s => (string)s!));
        Assert.Equal(3, (int?)body["logprobs"]);
        Assert.False(body.ContainsKey("n"));
        Assert.False((bool)body["stream"]!);
    }

    [Fact]
    public async Task GenerateAsync_ChatWithPrefix_SendsPartialAssistantMessageToContinue()
    {
        await using var server = await OpenAiTestServer.StartAsync();
        using var generator = TestGenerators.Create(server, o => o with { Mode = OpenAiApiMode.Chat, SystemPrompt = "Be brief." });
        var sampling = new SamplingOptions { Temperature = 0, TopK = 20, MinP = 0.05, Logprobs = true, Seed = 3 };

        var result = await generator.GenerateAsync(new GenerationRequest("Q") { Prefix = "Step 1: think.\n\n", Sampling = sampling });

        var body = Assert.Single(server.Requests);
        Assert.Equal("/v1/chat/completions", Assert.Single(server.Paths));
        var messages = body["messages"]!.AsArray();
        Assert.Equal(["system", "user", "assistant"], messages.Select(m => (string)m!["role"]!));
        Assert.Equal(["Be brief.", "Q", "Step 1: think.\n\n"], messages.Select(m => (string)m!["content"]!));
        Assert.True((bool)body["continue_final_message"]!);
        Assert.False((bool)body["add_generation_prompt"]!);
        Assert.True((bool)body["logprobs"]!);
        Assert.Equal(0, (int?)body["top_logprobs"]);
        Assert.Equal(20, (int?)body["top_k"]);
        Assert.Equal(0.05, (double?)body["min_p"]);
        Assert.Equal(0.0, (double?)body["temperature"]);
        Assert.Equal(1.0, (double?)body["top_p"]);
        var sample = Assert.Single(result.Samples);
        Assert.StartsWith("greedy ", sample.Text);
        Assert.Equal(10, sample.Logprobs!.Count);
    }

    [Fact]
    public async Task GenerateAsync_ChatPrefixWithoutContinueSupport_FallsBackToCompletionsWithTemplate()
    {
        await using var server = await OpenAiTestServer.StartAsync();
        using var generator = TestGenerators.Create(server, o => o with
        {
            Mode = OpenAiApiMode.Chat, SupportsContinueFinalMessage = false, ChatTemplate = "<u>{prompt}</u><a>",
        });

        await generator.GenerateAsync(new GenerationRequest("Q") { Prefix = "Step 1:" });
        await generator.GenerateAsync(new GenerationRequest("Q"));

        Assert.Equal(["/v1/completions", "/v1/chat/completions"], server.Paths);
        Assert.Equal("<u>Q</u><a>Step 1:", (string?)server.Requests[0]["prompt"]);
    }

    [Fact]
    public async Task GenerateAsync_SingleCalls_GiveEachSampleItsOwnSeedRegardlessOfBatching()
    {
        await using var server = await OpenAiTestServer.StartAsync(new OpenAiTestServerOptions { AcceptN = false });
        using var generator = TestGenerators.Create(server, o => o with { SupportsN = false });
        var sampling = new SamplingOptions { Seed = 9 };

        var all = await generator.GenerateAsync(new GenerationRequest("P") { Count = 6, Sampling = sampling });
        var first = await generator.GenerateAsync(new GenerationRequest("P") { Count = 3, Sampling = sampling });
        var second = await generator.GenerateAsync(new GenerationRequest("P") { Count = 3, FirstIndex = 3, Sampling = sampling });

        Assert.Equal(all.Samples.Select(s => (s.Index, s.Text)), first.Samples.Concat(second.Samples).Select(s => (s.Index, s.Text)));
        Assert.Equal(Enumerable.Range(0, 6), all.Samples.Select(s => s.Index));
        for (var i = 0; i < 6; i++)
            Assert.Equal(Expected("P", 1.0, SampleSeeds.Derive(9, i), 0, 10), all.Samples[i].Text);
        Assert.Equal(6, all.Samples.Select(s => s.Text).Distinct().Count());
        Assert.All(server.Requests, r => Assert.False(r.ContainsKey("n")));
        Assert.Equal(0, generator.Statistics.SharedSeedCalls);
    }

    [Fact]
    public async Task GenerateAsync_Greedy_NAndParallelSinglesGiveTheSameSamples()
    {
        await using var server = await OpenAiTestServer.StartAsync();
        using var batched = TestGenerators.Create(server);
        using var singles = TestGenerators.Create(server, o => o with { SupportsN = false });
        var request = new GenerationRequest("P") { Count = 4, FirstIndex = 2, Sampling = SamplingOptions.Greedy };

        var a = await batched.GenerateAsync(request);
        var b = await singles.GenerateAsync(request);

        Assert.Equal(a.Samples.Select(s => (s.Index, s.Text, s.FinishReason)), b.Samples.Select(s => (s.Index, s.Text, s.FinishReason)));
        Assert.Equal([2, 3, 4, 5], a.Samples.Select(s => s.Index));
        Assert.Equal(5, server.Requests.Count);
        Assert.Equal(4, (int?)server.Requests[0]["n"]);
        Assert.Equal(0, batched.Statistics.SharedSeedCalls);
    }

    [Fact]
    public async Task GenerateAsync_NWithTemperature_SendsOneSeedPerCallSplitsAndRecordsSharedSeeds()
    {
        await using var server = await OpenAiTestServer.StartAsync();
        using var generator = TestGenerators.Create(server, o => o with { MaxSamplesPerCall = 2 });

        var result = await generator.GenerateAsync(new GenerationRequest("P") { Count = 5, FirstIndex = 10, Sampling = new SamplingOptions { Seed = 4 } });

        Assert.Equal([10, 11, 12, 13, 14], result.Samples.Select(s => s.Index));
        var calls = server.Requests.OrderBy(r => (long)r["seed"]!).ToArray();
        Assert.Equal(3, calls.Length);
        var seeds = new[] { 10, 12, 14 }.ToDictionary(i => i, i => SampleSeeds.Derive(4, i));
        Assert.Equal(seeds.Values.Order(), server.Requests.Select(r => (int)(long)r["seed"]!).Order());
        Assert.Equal(Expected("P", 1.0, seeds[12], 1, 10), result.Samples[3].Text);
        Assert.Equal(Expected("P", 1.0, seeds[14], 0, 10), result.Samples[4].Text);
        Assert.Equal(2, generator.Statistics.SharedSeedCalls);
        Assert.Equal(3, result.Usage.Calls);
    }

    [Fact]
    public async Task GenerateAsync_ServerRejectsN_ReturnsErrorSamplesWithoutRetrying()
    {
        await using var server = await OpenAiTestServer.StartAsync(new OpenAiTestServerOptions { AcceptN = false });
        using var generator = TestGenerators.Create(server);

        var result = await generator.GenerateAsync(new GenerationRequest("P") { Count = 3 });

        Assert.Equal([0, 1, 2], result.Samples.Select(s => s.Index));
        Assert.All(result.Samples, s =>
        {
            Assert.Equal(FinishReason.Error, s.FinishReason);
            Assert.Contains("400", s.Error);
        });
        Assert.Equal(1, result.Usage.Calls);
        Assert.Equal(1, generator.Statistics.FailedCalls);
    }

    [Fact]
    public async Task GenerateAsync_MoreStopStringsThanTheServerTakes_AppliesTheRestClientSide()
    {
        await using var server = await OpenAiTestServer.StartAsync();
        using var generator = TestGenerators.Create(server, o => o with { MaxStopStrings = 4 });
        var sampling = new SamplingOptions { Temperature = 0, Stop = ["zz1", "zz2", "zz3", "zz4", "t5-", "t3-"], TopLogprobs = 2 };

        var result = await generator.GenerateAsync(new GenerationRequest("P") { Sampling = sampling });

        Assert.Equal(["zz1", "zz2", "zz3", "zz4"], Assert.Single(server.Requests)["stop"]!.AsArray().Select(s => (string)s!));
        var sample = Assert.Single(result.Samples);
        Assert.Equal(Expected("P", 0, 0, 0, 3), sample.Text);
        Assert.Equal(FinishReason.Stop, sample.FinishReason);
        Assert.Equal(3, sample.Logprobs!.Count);
        Assert.Equal(10, sample.CompletionTokens);
        Assert.Equal(1, generator.Statistics.ClientSideStops);
    }

    [Fact]
    public async Task GenerateAsync_ServerSideStopAndMaxTokens_MapFinishReasons()
    {
        await using var server = await OpenAiTestServer.StartAsync();
        using var generator = TestGenerators.Create(server);

        var stopped = await generator.GenerateAsync(new GenerationRequest("P") { Sampling = SamplingOptions.Greedy with { Stop = ["t4-"] } });
        var truncated = await generator.GenerateAsync(new GenerationRequest("P") { Sampling = SamplingOptions.Greedy with { MaxTokens = 6 } });

        Assert.Equal(Expected("P", 0, 0, 0, 4), stopped.Samples[0].Text);
        Assert.Equal(FinishReason.Stop, stopped.Samples[0].FinishReason);
        Assert.Equal(Expected("P", 0, 0, 0, 6), truncated.Samples[0].Text);
        Assert.Equal(FinishReason.Length, truncated.Samples[0].FinishReason);
        Assert.Equal(6, truncated.Samples[0].CompletionTokens);
    }

    [Theory]
    [InlineData(OpenAiApiMode.Completions)]
    [InlineData(OpenAiApiMode.Chat)]
    public async Task GenerateAsync_TopLogprobs_MapsTokensLogprobsAndAlternatives(OpenAiApiMode mode)
    {
        await using var server = await OpenAiTestServer.StartAsync();
        using var generator = TestGenerators.Create(server, o => o with { Mode = mode });

        var result = await generator.GenerateAsync(new GenerationRequest("P") { Sampling = SamplingOptions.Greedy with { TopLogprobs = 3 } });

        var sample = Assert.Single(result.Samples);
        var prompt = mode == OpenAiApiMode.Chat ? "user: P" : "P";
        var tokens = OpenAiTestServerText.Tokens(prompt, 0, 0, 0, 10);
        Assert.Equal(tokens, sample.Logprobs!.Select(t => t.Token));
        Assert.Equal(tokens.Select(OpenAiTestServerText.Logprob), sample.Logprobs!.Select(t => t.Logprob));
        Assert.All(sample.Logprobs!, t =>
        {
            Assert.Equal(3, t.Top.Count);
            Assert.Equal(t.Token, t.Top[0].Token);
            Assert.True(t.Top[0].Logprob > t.Top[1].Logprob && t.Top[1].Logprob > t.Top[2].Logprob);
        });
        Assert.Equal(10, sample.CompletionTokens);
    }

    [Fact]
    public async Task GenerateAsync_UsageWithCachedTokens_MapsPromptCachedAndCompletion()
    {
        await using var server = await OpenAiTestServer.StartAsync(new OpenAiTestServerOptions { ReportCachedTokens = true, CachedTokens = 3 });
        using var generator = TestGenerators.Create(server);

        var result = await generator.GenerateAsync(new GenerationRequest("one two three four five") { Count = 2, Sampling = SamplingOptions.Greedy });

        Assert.Equal(2, result.Usage.PromptTokens);
        Assert.Equal(3, result.Usage.CachedPromptTokens);
        Assert.Equal(20, result.Usage.CompletionTokens);
        Assert.Equal(1, result.Usage.Calls);
        Assert.All(result.Samples, s => Assert.Equal((5, 10), (s.PromptTokens, s.CompletionTokens)));
    }

    [Theory]
    [InlineData(true, false, 30)] // per-choice counts from logprobs win over the server's one-choice total
    [InlineData(false, true, 10)] // trusted server total (one choice only) split over choices: 3 + 3 + 4
    [InlineData(false, false, -1)] // untrusted: ceil(characters / 4) per choice
    public async Task GenerateAsync_ServerCountingOneChoiceOnly_AccountsPerChoice(bool logprobs, bool trust, long expected)
    {
        await using var server = await OpenAiTestServer.StartAsync(new OpenAiTestServerOptions { CountUsageForFirstChoiceOnly = true, NaturalLength = 10 });
        using var generator = TestGenerators.Create(server, o => o with { TrustServerUsage = trust });

        var result = await generator.GenerateAsync(new GenerationRequest("P")
        {
            Count = 3, Sampling = new SamplingOptions { Seed = 1, Logprobs = logprobs, Stop = [] },
        });

        if (expected < 0)
            Assert.All(result.Samples, s => Assert.Equal((s.Text.Length + 3) / 4, s.CompletionTokens));
        else
            Assert.Equal(expected, result.Usage.CompletionTokens);
        Assert.Equal(result.Usage.CompletionTokens, result.Samples.Sum(s => s.CompletionTokens));
    }

    [Fact]
    public async Task Constructor_InvalidOptions_ThrowsNamingTheOption()
    {
        await using var server = await OpenAiTestServer.StartAsync();
        var good = TestGenerators.Options(server);

        Assert.Contains("Endpoints", Assert.Throws<ArgumentException>(() => new OpenAiCompatibleGenerator(good with { Endpoints = [] })).Message);
        Assert.Contains("ChatTemplate", Assert.Throws<ArgumentException>(() => new OpenAiCompatibleGenerator(good with { ChatTemplate = "no placeholder" })).Message);
        Assert.Equal("MaxRetries", Assert.Throws<ArgumentOutOfRangeException>(() =>
            new OpenAiCompatibleGenerator(good with { Resilience = good.Resilience with { MaxRetries = -1 } })).ParamName);
        Assert.Equal("Model", Assert.Throws<ArgumentException>(() => new OpenAiCompatibleGenerator(good with { Model = " " })).ParamName);
    }

    [Fact]
    public async Task ListModelsAsync_OneEndpointUpOneDown_ListsPerEndpoint()
    {
        await using var server = await OpenAiTestServer.StartAsync(new OpenAiTestServerOptions { ModelId = "qwen-test" });
        using var generator = new OpenAiCompatibleGenerator(TestGenerators.Options(server) with
        {
            Endpoints = [server.BaseAddress, OpenAiTestServer.ClosedAddress()],
        });

        var models = await generator.ListModelsAsync();

        Assert.Equal(["qwen-test"], models[0]);
        Assert.Empty(models[1]);
    }

    [Fact]
    public void SampleSeeds_Derive_IsDeterministicDistinctAndFits31Bits()
    {
        var seeds = Enumerable.Range(0, 10_000).Select(i => SampleSeeds.Derive(123, i)).ToArray();

        Assert.Equal(seeds, Enumerable.Range(0, 10_000).Select(i => SampleSeeds.Derive(123, i)));
        Assert.Equal(seeds.Length, seeds.Distinct().Count());
        Assert.All(seeds, s => Assert.InRange(s, 0, int.MaxValue));
        Assert.NotEqual(SampleSeeds.Derive(124, 0), SampleSeeds.Derive(123, 0));
    }
}
