using System.Text.Json.Nodes;
using InferScale.Gateway;
using InferScale.Generation;
using InferScale.Strategies;
using InferScale.Tasks.Arith;
using InferScale.Verification;

namespace InferScale.Tests.Gateway;

[Collection(GatewayCollection.Name)]
public sealed class GenerationEndpointTests(GatewayFixture fixture)
{
    [Fact]
    public async Task ChatCompletions_MajorityPrefix_AnswerAndUsageEqualTheStrategyRunInProcess()
    {
        using var client = GatewayTestHost.Client(fixture.Server);
        var (status, body, _) = await GatewayTestHost.PostAsync(client, "/v1/chat/completions", GatewayTestHost.Chat("majority@4/arith-0.3m", seed: 11));
        Assert.Equal(200, status);
        Assert.Equal("chat.completion", (string?)body["object"]);
        Assert.Equal("majority@4/arith-0.3m", (string?)body["model"]);
        var choice = body["choices"]![0]!;
        Assert.Equal("assistant", (string?)choice["message"]!["role"]);

        var expected = await RunInProcessAsync("majority", ComputeBudget.Samples(4), ArithFormat.Prompt(GatewayTestHost.Problem), seed: 11, maxTokens: 48);
        Assert.Equal(expected.Text, (string?)choice["message"]!["content"]);
        Assert.Equal(expected.Answer, (string?)body["inferscale"]!["answer"]);

        var usage = body["usage"]!;
        var u = expected.Usage;
        Assert.True(usage["completion_tokens"]!.GetValue<long>() > 0);
        Assert.Equal(u.CompletionTokens, usage["completion_tokens"]!.GetValue<long>());
        Assert.Equal(u.PromptTokens + u.CachedPromptTokens + u.VerifierTokens, usage["prompt_tokens"]!.GetValue<long>());
        Assert.Equal(usage["prompt_tokens"]!.GetValue<long>() + usage["completion_tokens"]!.GetValue<long>(), usage["total_tokens"]!.GetValue<long>());
        var trace = body["inferscale"]!.AsObject();
        Assert.Equal(usage["prompt_tokens_details"]!["cached_tokens"]!.GetValue<long>(), trace["usage"]!["cached_prompt_tokens"]!.GetValue<long>());
        Assert.Equal("majority", (string?)trace["strategy"]);
        Assert.Equal("4samples", (string?)trace["budget"]);
        Assert.Equal(4.0, trace["budget_spent"]!.GetValue<double>());
        Assert.True(trace.ContainsKey("correct"));
        Assert.Null(trace["correct"]);
        Assert.Equal(4, trace["candidates"]!.AsArray().Count);
        Assert.Equal(expected.Candidates.Select(c => c.Answer), trace["candidates"]!.AsArray().Select(c => (string?)c!["answer"]));
        Assert.Empty(trace["failures"]!.AsArray());
    }

    [Fact]
    public async Task ChatCompletions_BodyObject_SameRunAsThePrefix()
    {
        using var client = GatewayTestHost.Client(fixture.Server);
        var prefixed = await GatewayTestHost.PostAsync(client, "/v1/chat/completions", GatewayTestHost.Chat("majority@4/arith-0.3m", seed: 2));
        var request = GatewayTestHost.Chat("arith-0.3m", seed: 2);
        request["inferscale"] = new JsonObject { ["strategy"] = "majority", ["budget"] = 4, ["budget_kind"] = "samples" };
        var object_ = await GatewayTestHost.PostAsync(client, "/v1/chat/completions", request);
        Assert.Equal(200, object_.Status);
        Assert.Equal((string?)prefixed.Body["choices"]![0]!["message"]!["content"], (string?)object_.Body["choices"]![0]!["message"]!["content"]);
        Assert.Equal(prefixed.Body["usage"]!["completion_tokens"]!.GetValue<long>(), object_.Body["usage"]!["completion_tokens"]!.GetValue<long>());
        Assert.Equal("majority", (string?)object_.Body["inferscale"]!["strategy"]);
    }

    [Fact]
    public async Task Completions_BestOfNTokenBudget_StaysWithinBudgetWithRewardScores()
    {
        using var client = GatewayTestHost.Client(fixture.Server);
        var request = new JsonObject
        {
            ["model"] = "best-of-n@400tok/arith-0.3m",
            ["prompt"] = ArithFormat.Prompt(GatewayTestHost.Problem),
            ["max_tokens"] = 48,
            ["seed"] = 1,
        };
        var (status, body, _) = await GatewayTestHost.PostAsync(client, "/v1/completions", request);
        Assert.Equal(200, status);
        Assert.Equal("text_completion", (string?)body["object"]);
        Assert.False(string.IsNullOrEmpty((string?)body["choices"]![0]!["text"]));
        var trace = body["inferscale"]!;
        Assert.Equal("tokens", (string?)trace["budget_kind"]);
        Assert.InRange(trace["budget_spent"]!.GetValue<double>(), 1, 400);
        Assert.Contains(trace["candidates"]!.AsArray(), c => c!["score"] is not null);
        Assert.True(body["usage"]!["completion_tokens"]!.GetValue<long>() > 0);
    }

    [Fact]
    public async Task Completions_BareModelWithN_ReturnsNPlainSamplesWithLogprobs()
    {
        using var client = GatewayTestHost.Client(fixture.Server);
        var request = new JsonObject
        {
            ["model"] = "arith-0.3m",
            ["prompt"] = ArithFormat.Prompt(GatewayTestHost.Problem),
            ["max_tokens"] = 16,
            ["n"] = 3,
            ["logprobs"] = 2,
            ["stop"] = "\n",
        };
        var (status, body, _) = await GatewayTestHost.PostAsync(client, "/v1/completions", request);
        Assert.Equal(200, status);
        var choices = body["choices"]!.AsArray();
        Assert.Equal(3, choices.Count);
        foreach (var c in choices)
        {
            Assert.DoesNotContain("\n", (string)c!["text"]!);
            var tokens = c["logprobs"]!["tokens"]!.AsArray();
            Assert.Equal((string)c["text"]!, string.Concat(tokens.Select(t => (string)t!)));
            Assert.All(c["logprobs"]!["top_logprobs"]!.AsArray(), t => Assert.InRange(t!.AsObject().Count, 1, 2));
        }
        Assert.Equal("sample", (string?)body["inferscale"]!["strategy"]);
    }

    [Theory]
    [InlineData("nonsense@4/arith-0.3m", 400, "unknown_strategy", "majority")]
    [InlineData("majority@4/no-such-model", 404, "model_not_found", "arith-0.3m")]
    [InlineData("no-such-model", 404, "model_not_found", "arith-0.3m")]
    [InlineData("majority@65/arith-0.3m", 400, "budget_limit_exceeded", "--max-budget")]
    [InlineData("majority@1e15flops/arith-0.3m", 400, "budget_limit_exceeded", "1000000000000flops")]
    [InlineData("majority(window=3)@4/arith-0.3m", 400, "invalid_strategy_options", "window")]
    public async Task ChatCompletions_BadModelName_RefusedNamingWhatIsKnown(string model, int expectedStatus, string code, string named)
    {
        using var client = GatewayTestHost.Client(fixture.Server);
        var (status, body, _) = await GatewayTestHost.PostAsync(client, "/v1/chat/completions", GatewayTestHost.Chat(model));
        Assert.Equal(expectedStatus, status);
        Assert.Contains(named, GatewayTestHost.AssertError(body, code));
    }

    [Fact]
    public async Task ChatCompletions_BadFields_400NamingTheField()
    {
        using var client = GatewayTestHost.Client(fixture.Server);
        var withN = GatewayTestHost.Chat("majority@4/arith-0.3m");
        withN["n"] = 2;
        var (status, body, _) = await GatewayTestHost.PostAsync(client, "/v1/chat/completions", withN);
        Assert.Equal(400, status);
        Assert.Equal("n", (string?)body["error"]!["param"]);

        var hot = GatewayTestHost.Chat("arith-0.3m");
        hot["temperature"] = -1;
        (status, body, _) = await GatewayTestHost.PostAsync(client, "/v1/chat/completions", hot);
        Assert.Equal(400, status);
        Assert.Equal("temperature", (string?)body["error"]!["param"]);

        var response = await client.PostAsync("/v1/chat/completions", GatewayTestHost.Json("{\"model\": "));
        Assert.Equal(400, (int)response.StatusCode);
        GatewayTestHost.AssertError((JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!, "invalid_json");
    }

    [Fact]
    public async Task ChatCompletions_BodyOverLimit_Returns413NamingTheLimit()
    {
        using var client = GatewayTestHost.Client(fixture.Server);
        var big = GatewayTestHost.Chat("arith-0.3m");
        big["messages"]![0]!["content"] = new string('x', 5000);
        var (status, body, _) = await GatewayTestHost.PostAsync(client, "/v1/chat/completions", big);
        Assert.Equal(413, status);
        Assert.Contains("4096 bytes", GatewayTestHost.AssertError(body, "request_too_large"));
    }

    private static async Task<StrategyResult> RunInProcessAsync(string strategy, ComputeBudget budget, string prompt, ulong seed, int maxTokens)
    {
        using var engine = GatewayModels.OpenEmbeddedFile(GatewayTestHost.ModelPath).Generator;
        var context = new StrategyContext(new Problem("in-process", prompt), engine, MathAnswerChecker.Default, MathAnswerChecker.Default, budget)
        {
            RewardModel = new ArithStepRewardModel(),
            Seed = seed,
            Sampling = new SamplingOptions { MaxTokens = maxTokens, Seed = seed },
            StepDelimiter = ArithFormat.StepDelimiter,
        };
        return await StrategyCatalog.Default.Create(strategy, null, budget).RunAsync(context);
    }
}
