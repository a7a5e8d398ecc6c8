using InferScale.Backends;
using InferScale.Backends.ChatClient;
using InferScale.Generation;
using InferScale.Tests.Backends.OpenAI;
using InferScale.Tests.Support;
using Microsoft.Extensions.AI;

namespace InferScale.Tests.Backends.ChatClient;

public sealed class ChatClientAdapterTests
{
    private static readonly Func<IGenerator, string, CancellationToken, ValueTask<(string Answer, Usage Usage)>> FirstSample =
        async (generator, prompt, ct) =>
        {
            var result = await generator.GenerateAsync(new GenerationRequest(prompt) { Sampling = new SamplingOptions { Seed = 0 } }, ct);
            return (result.Samples[0].Text, result.Usage);
        };

    [Fact]
    public async Task AsChatClient_MajorityVote_AnswersWithTheMostFrequentExtractedAnswer()
    {
        await using var server = await OpenAiTestServer.StartAsync();
        using var direct = TestGenerators.Create(server);
        var sampling = new SamplingOptions { Seed = 21 };
        var extractor = new ParityAnswerExtractor();
        var samples = (await direct.GenerateAsync(new GenerationRequest("Q?") { Count = 9, Sampling = sampling })).Samples;
        var votes = samples.Select(s => extractor.Extract(s.Text)!.Trim()).ToList();
        var expected = votes.Count(v => v == "even") > votes.Count(v => v == "odd") ? "even" : "odd";
        using var client = TestGenerators.Create(server).AsChatClient(extractor, samples: 9, sampling);

        var response = await client.GetResponseAsync("Q?");

        Assert.Equal(expected, response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(90, response.Usage!.OutputTokenCount);
        Assert.Equal(1, response.Usage.AdditionalCounts!["calls"]);
        Assert.Equal("test-model", response.ModelId);
    }

    [Fact]
    public void Vote_TiesAndErrors_LowestIndexWinsAndErrorsDoNotVote()
    {
        var extractor = new ParityAnswerExtractor();
        Sample S(int index, string text, FinishReason finish = FinishReason.Stop) => new(text) { Index = index, FinishReason = finish };

        Assert.Equal("odd", ScalingFunctions.Vote([S(0, "t1-3"), S(1, "t1-2"), S(2, "t1-4", FinishReason.Error), S(3, "t1-5"), S(4, "t1-8")], extractor));
        Assert.Equal("even", ScalingFunctions.Vote([S(1, "t1-3"), S(0, "t1-2")], extractor));
        Assert.Equal("no answer here", ScalingFunctions.Vote([S(0, "", FinishReason.Error), S(1, "no answer here")], extractor));
        Assert.Equal("", ScalingFunctions.Vote([S(0, "t1-1", FinishReason.Error)], extractor));
    }

    [Fact]
    public async Task ScalingChatClient_ChatOptions_OverrideTheProcedureSampling()
    {
        await using var server = await OpenAiTestServer.StartAsync();
        using var client = new ScalingChatClient(TestGenerators.Create(server), FirstSample);

        var response = await client.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "S"), new ChatMessage(ChatRole.User, "Q")],
            new ChatOptions { Temperature = 0, MaxOutputTokens = 3, Seed = 77, TopK = 5, StopSequences = ["never"] });

        var body = Assert.Single(server.Requests);
        Assert.Equal("system: S\n\nuser: Q", (string?)body["prompt"]);
        Assert.Equal(0.0, (double?)body["temperature"]);
        Assert.Equal(3, (int?)body["max_tokens"]);
        Assert.Equal(5, (int?)body["top_k"]);
        Assert.Equal(SampleSeeds.Derive(77, 0), (long?)body["seed"]);
        Assert.Equal(["never"], body["stop"]!.AsArray().Select(s => (string)s!));
        Assert.Equal(string.Concat(OpenAiTestServerText.Tokens("system: S\n\nuser: Q", 0, 0, 0, 3)), response.Text);
    }

    [Fact]
    public async Task ScalingChatClient_Streaming_YieldsTheAnswer()
    {
        await using var server = await OpenAiTestServer.StartAsync();
        using var client = TestGenerators.Create(server).AsChatClient(FirstSample);

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync("Q", new ChatOptions { Temperature = 0 }))
            updates.Add(update);

        Assert.Equal(string.Concat(OpenAiTestServerText.Tokens("Q", 0, 0, 0, 10)), string.Concat(updates.Select(u => u.Text)));
        Assert.NotNull(client.GetService<ChatClientMetadata>());
    }

    [Fact]
    public async Task AsGenerator_OverRealServerRoundTrip_GivesPerSampleSeedsAndUsage()
    {
        await using var server = await OpenAiTestServer.StartAsync();
        using var generator = TestGenerators.Create(server).AsChatClient(FirstSample).AsGenerator();

        var result = await generator.GenerateAsync(new GenerationRequest("Q") { Count = 3, FirstIndex = 4, Sampling = new SamplingOptions { Seed = 11 } });

        Assert.Equal([4, 5, 6], result.Samples.Select(s => s.Index));
        foreach (var sample in result.Samples)
        {
            var serverSeed = SampleSeeds.Derive((ulong)SampleSeeds.Derive(11, sample.Index), 0);
            Assert.Equal(string.Concat(OpenAiTestServerText.Tokens("Q", 1.0, serverSeed, 0, 10)), sample.Text);
            Assert.Equal(10, sample.CompletionTokens);
        }
        Assert.Equal(3, result.Usage.Calls);
        Assert.Equal(30, result.Usage.CompletionTokens);
        Assert.Equal(3, result.Usage.PromptTokens);
    }

    [Fact]
    public async Task ChatClientGenerator_SendsSamplingInChatOptionsAndMapsResponses()
    {
        var client = new RecordingChatClient((messages, options) => options!.Seed == SampleSeeds.Derive(5, 1)
            ? throw new HttpRequestException("boom")
            : new ChatResponse(new ChatMessage(ChatRole.Assistant, "abc STOP def"))
            {
                FinishReason = options.Seed == SampleSeeds.Derive(5, 2) ? ChatFinishReason.Length : ChatFinishReason.Stop,
                Usage = new UsageDetails { InputTokenCount = 7, CachedInputTokenCount = 2, OutputTokenCount = 4 },
            });
        using var generator = new ChatClientGenerator(client, new ChatClientGeneratorOptions { SystemPrompt = "sys" });
        var sampling = new SamplingOptions { Temperature = 0.5, TopP = 0.8, TopK = 0, MinP = 0.1, Seed = 5, MaxTokens = 9 };

        var result = await generator.GenerateAsync(new GenerationRequest("Q") { Prefix = "P", Count = 3, Sampling = sampling });
        var stopped = await generator.GenerateAsync(new GenerationRequest("Q") { Sampling = sampling with { Stop = ["STOP"] } });

        var first = client.Calls.First(c => c.Options!.Seed == SampleSeeds.Derive(5, 0));
        Assert.Equal([ChatRole.System, ChatRole.User, ChatRole.Assistant], first.Messages.Select(m => m.Role));
        Assert.Equal(["sys", "Q", "P"], first.Messages.Select(m => m.Text));
        Assert.Equal(((float?)0.5f, (float?)0.8f, (int?)0, (int?)9), (first.Options!.Temperature, first.Options.TopP, first.Options.TopK, first.Options.MaxOutputTokens));
        Assert.Equal(0.1, first.Options.AdditionalProperties!["min_p"]);
        Assert.Equal(["abc STOP def", "", "abc STOP def"], result.Samples.Select(s => s.Text));
        Assert.Equal([FinishReason.Stop, FinishReason.Error, FinishReason.Length], result.Samples.Select(s => s.FinishReason));
        Assert.Contains("boom", result.Samples[1].Error);
        Assert.Equal((3, 10, 4, 8), (result.Usage.Calls, result.Usage.PromptTokens, result.Usage.CachedPromptTokens, result.Usage.CompletionTokens));
        Assert.Equal("abc ", stopped.Samples[0].Text);
        Assert.Equal(["STOP"], client.Calls[^1].Options!.StopSequences!);
        Assert.Equal("rec-model", generator.Metadata.ModelId);
    }
}
