using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using InferScale.Gateway;
using InferScale.Tests.Support;

namespace InferScale.Tests.Gateway;

/// <summary>Starts real gateways on 127.0.0.1 (port 0) over the embedded arith-0.3m model, and talks to them.</summary>
internal static class GatewayTestHost
{
    public const string Key = "test-key";
    public const string Model = "arith-0.3m";
    public const string Problem = "a = 7. b = a + 5. c = b * 3. What is c?";

    public static string ModelPath => Path.Combine(RepoPaths.Root, "models", Model + ".gguf");

    /// <summary>A gateway over arith-0.3m with key <see cref="Key"/> (unless <paramref name="options"/> says otherwise), listening on a free loopback port.</summary>
    public static Task<GatewayServer> StartAsync(GatewayOptions? options = null)
    {
        var o = options ?? new GatewayOptions { ApiKeys = [Key] };
        if (o.Urls.SequenceEqual(new GatewayOptions().Urls))
            o = o with { Urls = ["http://127.0.0.1:0"] };
        return GatewayServer.StartAsync([GatewayModels.OpenEmbeddedFile(ModelPath)], o);
    }

    public static HttpClient Client(GatewayServer server, string? key = Key)
    {
        var client = new HttpClient { BaseAddress = server.Addresses[0], Timeout = TimeSpan.FromSeconds(60) };
        if (key is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Json(JsonObject body) => Json(body.ToJsonString());

    public static JsonObject Chat(string model, int maxTokens = 48, ulong seed = 5, bool stream = false) => new()
    {
        ["model"] = model,
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = Problem }),
        ["max_tokens"] = maxTokens,
        ["seed"] = seed,
        ["stream"] = stream,
    };

    public static async Task<(int Status, JsonObject Body, HttpResponseMessage Response)> PostAsync(HttpClient client, string path, JsonObject body)
    {
        var response = await client.PostAsync(path, Json(body));
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, (JsonObject)JsonNode.Parse(text)!, response);
    }

    /// <summary>Asserts an OpenAI-style error body and returns its message.</summary>
    public static string AssertError(JsonObject body, string? code = null)
    {
        var error = Assert.IsType<JsonObject>(body["error"]);
        var message = (string)error["message"]!;
        Assert.False(string.IsNullOrWhiteSpace(message));
        Assert.False(string.IsNullOrWhiteSpace((string?)error["type"]));
        Assert.True(error.ContainsKey("code"));
        if (code is not null)
            Assert.Equal(code, (string?)error["code"]);
        return message;
    }

    /// <summary>The data payloads of a server-sent event stream, in order.</summary>
    public static List<string> SseData(string body) =>
        body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Trim())
            .Where(e => e.Length > 0)
            .Select(e =>
            {
                Assert.StartsWith("data: ", e);
                return e["data: ".Length..];
            })
            .ToList();
}
