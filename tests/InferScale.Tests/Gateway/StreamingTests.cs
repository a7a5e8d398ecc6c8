using System.Text.Json.Nodes;

namespace InferScale.Tests.Gateway;

[Collection(GatewayCollection.Name)]
public sealed class StreamingTests(GatewayFixture fixture)
{
    [Fact]
    public async Task ChatCompletions_Stream_ProgressThenChunksThenFinishUsageAndDone()
    {
        using var client = GatewayTestHost.Client(fixture.Server);
        var plain = await GatewayTestHost.PostAsync(client, "/v1/chat/completions", GatewayTestHost.Chat("majority@4/arith-0.3m", seed: 21));
        var request = GatewayTestHost.Chat("majority@4/arith-0.3m", seed: 21, stream: true);
        request["stream_options"] = new JsonObject { ["include_usage"] = true };
        var response = await client.PostAsync("/v1/chat/completions", GatewayTestHost.Json(request));
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var data = GatewayTestHost.SseData(await response.Content.ReadAsStringAsync());

        Assert.Equal("[DONE]", data[^1]);
        var chunks = data[..^1].Select(d => JsonNode.Parse(d)!.AsObject()).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", (string?)c["object"]));
        Assert.Equal("assistant", (string?)chunks[0]["choices"]![0]!["delta"]!["role"]);
        var progress = chunks.Where(c => c.ContainsKey("inferscale_progress")).ToList();
        Assert.Contains(progress, p => (string?)p["inferscale_progress"]!["event"] == "started");
        Assert.Contains(progress, p => (string?)p["inferscale_progress"]!["event"] == "call" && p["inferscale_progress"]!["samples"]!.GetValue<int>() == 4);
        Assert.All(progress, p => Assert.Equal("", (string?)p["choices"]![0]!["delta"]!["content"]));

        var content = chunks.Where(c => c["choices"]!.AsArray().Count == 1 && !c.ContainsKey("inferscale_progress"))
            .Select(c => (string?)c["choices"]![0]!["delta"]!["content"])
            .Where(t => !string.IsNullOrEmpty(t))
            .ToList();
        Assert.True(content.Count >= 2, $"expected the answer in several chunks, got {content.Count}");
        Assert.Equal((string?)plain.Body["choices"]![0]!["message"]!["content"], string.Concat(content));

        var finish = Assert.Single(chunks, c => c["choices"]!.AsArray().Count == 1 && c["choices"]![0]!["finish_reason"] is not null);
        Assert.Equal((string?)plain.Body["choices"]![0]!["finish_reason"], (string?)finish["choices"]![0]!["finish_reason"]);
        Assert.Equal("majority", (string?)finish["inferscale"]!["strategy"]);
        var usageChunk = chunks[^1];
        Assert.Empty(usageChunk["choices"]!.AsArray());
        Assert.Equal(plain.Body["usage"]!["completion_tokens"]!.GetValue<long>(), usageChunk["usage"]!["completion_tokens"]!.GetValue<long>());
        Assert.Equal(plain.Body["usage"]!["prompt_tokens"]!.GetValue<long>(), usageChunk["usage"]!["prompt_tokens"]!.GetValue<long>());
    }

    [Fact]
    public async Task Completions_StreamWithoutIncludeUsage_NoUsageChunk()
    {
        using var client = GatewayTestHost.Client(fixture.Server);
        var request = new JsonObject
        {
            ["model"] = "greedy@1/arith-0.3m",
            ["prompt"] = "Problem: a = 3. b = a + 4. What is b?\nSolution:\n<think>\n",
            ["max_tokens"] = 32,
            ["stream"] = true,
        };
        var response = await client.PostAsync("/v1/completions", GatewayTestHost.Json(request));
        var data = GatewayTestHost.SseData(await response.Content.ReadAsStringAsync());
        Assert.Equal("[DONE]", data[^1]);
        var chunks = data[..^1].Select(d => JsonNode.Parse(d)!.AsObject()).ToList();
        Assert.All(chunks, c => Assert.Equal("text_completion", (string?)c["object"]));
        Assert.DoesNotContain(chunks, c => c["choices"]!.AsArray().Count == 0);
        Assert.Contains(chunks, c => (string?)c["choices"]![0]!["finish_reason"] is "stop" or "length");
    }

    [Fact]
    public async Task ChatCompletions_StreamRefusedBeforeRunning_PlainJsonError()
    {
        using var client = GatewayTestHost.Client(fixture.Server);
        var response = await client.PostAsync("/v1/chat/completions", GatewayTestHost.Json(GatewayTestHost.Chat("majority@4/nope", stream: true)));
        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
    }
}
