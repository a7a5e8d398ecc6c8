using InferScale.Backends;
using InferScale.Backends.OpenAI;
using InferScale.Generation;
using InferScale.Tests.Support;

namespace InferScale.Tests.Backends.OpenAI;

/// <summary>What each <see cref="OpenAiServerKind"/> sends and how it counts (against the fake server; the real llama-server is in Peer/).</summary>
public sealed class OpenAiServerKindTests
{
    private static OpenAiCompatibleGenerator Create(OpenAiTestServer server, OpenAiServerKind kind, bool supportsN = true) =>
        TestGenerators.Create(server, o => o with { ServerKind = kind, SupportsN = supportsN });

    [Fact]
    public async Task GenerateAsync_OpenAI_SendsOnlyDocumentedSamplingFields()
    {
        await using var server = await OpenAiTestServer.StartAsync();
        using var generator = Create(server, OpenAiServerKind.OpenAI);

        await generator.GenerateAsync(new GenerationRequest("Q") { Sampling = new SamplingOptions { Temperature = 0.5, TopP = 0.9, Seed = 1 } });

        var body = Assert.Single(server.Requests);
        Assert.Equal(0.9, (double?)body["top_p"]);
        Assert.False(body.ContainsKey("top_k"));
        Assert.False(body.ContainsKey("min_p"));
        Assert.False(body.ContainsKey("samplers"));
    }

    [Fact]
    public async Task GenerateAsync_OpenAIWithTopK_ThrowsNamingTopKAndSendsNothing()
    {
        await using var server = await OpenAiTestServer.StartAsync();
        using var generator = Create(server, OpenAiServerKind.OpenAI);

        var e = await Assert.ThrowsAsync<ArgumentException>(async () =>
            await generator.GenerateAsync(new GenerationRequest("Q") { Sampling = new SamplingOptions { TopK = 20 } }));

        Assert.Contains("top_k", e.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Theory]
    [InlineData(0, -1)]
    [InlineData(20, 20)]
    public async Task GenerateAsync_Vllm_SendsDisabledTopKAsMinusOne(int topK, int sent)
    {
        await using var server = await OpenAiTestServer.StartAsync();
        using var generator = Create(server, OpenAiServerKind.Vllm);

        await generator.GenerateAsync(new GenerationRequest("Q") { Sampling = new SamplingOptions { TopK = topK, MinP = 0.1 } });

        var body = Assert.Single(server.Requests);
        Assert.Equal(sent, (int?)body["top_k"]);
        Assert.Equal(0.1, (double?)body["min_p"]);
        Assert.False(body.ContainsKey("samplers"));
    }

    [Fact]
    public async Task GenerateAsync_LlamaCpp_SendsTheEngineSamplerChainAndNeutralSwitches()
    {
        await using var server = await OpenAiTestServer.StartAsync();
        using var generator = Create(server, OpenAiServerKind.LlamaCpp);

        await generator.GenerateAsync(new GenerationRequest("Q") { Sampling = new SamplingOptions { Temperature = 0.8, Seed = 3 } });

        var body = Assert.Single(server.Requests);
        Assert.Equal(["temperature", "top_k", "top_p", "min_p"], body["samplers"]!.AsArray().Select(s => (string)s!));
        Assert.Equal(0, (int?)body["top_k"]);
        Assert.Equal(1.0, (double?)body["top_p"]);
        Assert.Equal(0.0, (double?)body["min_p"]);
        Assert.Equal(0, (int?)body["mirostat"]);
        Assert.Equal(0.0, (double?)body["dynatemp_range"]);
        Assert.False((bool)body["ignore_eos"]!);
        Assert.Equal(SampleSeeds.Consecutive(3, 0), (long?)body["seed"]);
        Assert.False(body.ContainsKey("logprobs"));
    }

    [Fact]
    public async Task GenerateAsync_LlamaCppBatched_CapsNBySlotsSendsConsecutiveSeedsAndCountsEveryChoice()
    {
        await using var server = await OpenAiTestServer.StartAsync(new OpenAiTestServerOptions { TotalSlots = 4, CountUsageForFirstChoiceOnly = true, NaturalLength = 6 });
        using var generator = Create(server, OpenAiServerKind.LlamaCpp);

        var result = await generator.GenerateAsync(new GenerationRequest("Q") { Count = 6, FirstIndex = 2, Sampling = new SamplingOptions { Seed = 9 } });

        var bodies = server.Requests.OrderBy(b => (long)b["seed"]!).ToList();
        Assert.Equal([4, 2], bodies.Select(b => (int)b["n"]!));
        Assert.Equal([SampleSeeds.Consecutive(9, 2), SampleSeeds.Consecutive(9, 6)], bodies.Select(b => (long)b["seed"]!));
        Assert.All(bodies, b => Assert.Equal(1, (int?)b["logprobs"])); // counting logprobs, dropped from the samples
        Assert.All(result.Samples, s => Assert.Null(s.Logprobs));
        Assert.All(result.Samples, s => Assert.Equal(6, s.CompletionTokens));
        Assert.Equal(36, result.Usage.CompletionTokens);
        Assert.Equal(0, generator.Statistics.SharedSeedCalls);
    }

    [Fact]
    public async Task GenerateAsync_LlamaCppWithStopStrings_OneSamplePerCallAndEveryStopSent()
    {
        await using var server = await OpenAiTestServer.StartAsync(new OpenAiTestServerOptions { TotalSlots = 4, CountUsageForFirstChoiceOnly = true });
        using var generator = Create(server, OpenAiServerKind.LlamaCpp);
        string[] stops = ["s1", "s2", "s3", "s4", "s5", "s6"];

        await generator.GenerateAsync(new GenerationRequest("Q") { Count = 3, Sampling = new SamplingOptions { Seed = 9, Stop = stops } });

        Assert.Equal(3, server.Requests.Count);
        Assert.All(server.Requests, b =>
        {
            Assert.False(b.ContainsKey("n"));
            Assert.Equal(stops, b["stop"]!.AsArray().Select(s => (string)s!));
        });
        Assert.Equal(Enumerable.Range(0, 3).Select(i => (long)SampleSeeds.Consecutive(9, i)), server.Requests.Select(b => (long)b["seed"]!).Order());
    }

    [Fact]
    public async Task GenerateAsync_LlamaCppLogprobsWithoutAlternatives_AsksForOneAndDropsIt()
    {
        await using var server = await OpenAiTestServer.StartAsync();
        using var generator = Create(server, OpenAiServerKind.LlamaCpp);

        var result = await generator.GenerateAsync(new GenerationRequest("Q") { Sampling = new SamplingOptions { Logprobs = true } });

        Assert.Equal(1, (int?)Assert.Single(server.Requests)["logprobs"]);
        var lps = Assert.IsAssignableFrom<IReadOnlyList<TokenLogprob>>(Assert.Single(result.Samples).Logprobs);
        Assert.NotEmpty(lps);
        Assert.All(lps, t => Assert.Empty(t.Top));
    }

    [Theory]
    [InlineData("llamacpp", OpenAiServerKind.LlamaCpp)]
    [InlineData("vllm", OpenAiServerKind.Vllm)]
    [InlineData("openai", OpenAiServerKind.OpenAI)]
    [InlineData("library", OpenAiServerKind.Generic)]
    [InlineData(null, OpenAiServerKind.Generic)]
    public async Task GetServerKindAsync_Auto_ClassifiesOwnedBy(string? ownedBy, OpenAiServerKind expected)
    {
        await using var server = await OpenAiTestServer.StartAsync(new OpenAiTestServerOptions { OwnedBy = ownedBy, TotalSlots = 2 });
        using var generator = Create(server, OpenAiServerKind.Auto);

        Assert.Equal(expected, await generator.GetServerKindAsync());
    }

    [Fact]
    public async Task GenerateAsync_AutoOnLlamaServer_BehavesAsLlamaCpp()
    {
        await using var server = await OpenAiTestServer.StartAsync(new OpenAiTestServerOptions { OwnedBy = "llamacpp", TotalSlots = 2 });
        using var generator = Create(server, OpenAiServerKind.Auto);

        await generator.GenerateAsync(new GenerationRequest("Q") { Count = 3, Sampling = new SamplingOptions { Seed = 1 } });

        Assert.Equal([2, 1], server.Requests.Select(b => (int?)b["n"] ?? 1).OrderDescending());
        Assert.All(server.Requests, b => Assert.True(b.ContainsKey("samplers")));
    }

    [Fact]
    public async Task GetServerKindAsync_AutoUnreachable_GenericUntilTheServerAnswers()
    {
        using var generator = new OpenAiCompatibleGenerator(new OpenAiCompatibleOptions
        {
            Endpoints = [OpenAiTestServer.ClosedAddress()],
            Model = "m",
            ServerKind = OpenAiServerKind.Auto,
            Resilience = TestGenerators.FastRetries,
        });

        Assert.Equal(OpenAiServerKind.Generic, await generator.GetServerKindAsync());
        Assert.Equal(OpenAiServerKind.Generic, await generator.GetServerKindAsync()); // asked again, still unreachable
    }

    [Fact]
    public void Consecutive_IsTheFirstSeedPlusIndexBelow2To31()
    {
        foreach (var seed in new ulong[] { 0, 1, 42, ulong.MaxValue })
        {
            var first = SampleSeeds.Consecutive(seed, 0);
            Assert.Equal(SampleSeeds.Derive(seed, 0) & 0x3FFF_FFFF, first);
            Assert.Equal(first + 1000, SampleSeeds.Consecutive(seed, 1000));
            Assert.InRange(SampleSeeds.Consecutive(seed, (1 << 30) - 1), 0, int.MaxValue);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleSeeds.Consecutive(1, 1 << 30));
    }

    [Theory]
    [InlineData("llama-cpp", OpenAiServerKind.LlamaCpp)]
    [InlineData("llama.cpp", OpenAiServerKind.LlamaCpp)]
    [InlineData("Auto", OpenAiServerKind.Auto)]
    [InlineData("vllm", OpenAiServerKind.Vllm)]
    public void TryParse_KnownNames_Parse(string name, OpenAiServerKind expected)
    {
        Assert.True(OpenAiServerKindNames.TryParse(name, out var kind));
        Assert.Equal(expected, kind);
    }

    [Fact]
    public void TryParse_UnknownName_False() => Assert.False(OpenAiServerKindNames.TryParse("ollama", out _));
}
