using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InferScale.Tests.Support;

/// <summary>
/// A real OpenAI-compatible HTTP server (Kestrel on 127.0.0.1, random port) for tests: <c>/v1/completions</c>,
/// <c>/v1/chat/completions</c>, <c>/v1/models</c>, <c>/pooling</c> (and <c>/v1/pooling</c>) and a generic
/// <c>/score_steps</c>, with deterministic outputs (<see cref="OpenAiTestServerText"/>), request recording, an
/// in-flight counter, and seeded fault injection.
/// </summary>
public sealed class OpenAiTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<JsonObject> _requests = new();
    private readonly ConcurrentQueue<string> _paths = new();
    private readonly ConcurrentQueue<OpenAiTestServerFault> _queuedFaults = new();
    private readonly Lock _faultGate = new();
    private Random _faultRandom;
    private int _faultSeed;
    private int _inFlight;
    private int _maxInFlight;
    private int _aborted;
    private int _received;

    private OpenAiTestServer(WebApplication app, OpenAiTestServerOptions options)
    {
        _app = app;
        Options = options;
        _faultSeed = options.FaultSeed;
        _faultRandom = new Random(options.FaultSeed);
    }

    /// <summary>Behaviour; may be changed while running.</summary>
    public OpenAiTestServerOptions Options { get; }

    /// <summary>The server root, for example <c>http://127.0.0.1:5123/</c>.</summary>
    public Uri RootAddress { get; private set; } = null!;

    /// <summary>The OpenAI base address, <c>{root}/v1</c>.</summary>
    public Uri BaseAddress => new(RootAddress, "v1");

    /// <summary>Every request body received by the POST endpoints, in arrival order (including faulted ones).</summary>
    public IReadOnlyList<JsonObject> Requests => [.. _requests];

    /// <summary>The request path of each entry of <see cref="Requests"/>, same order.</summary>
    public IReadOnlyList<string> Paths => [.. _paths];

    /// <summary>Requests received by the POST endpoints.</summary>
    public int Received => Volatile.Read(ref _received);

    /// <summary>The most requests that were being processed at once.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>Requests the client abandoned while the server was still working on them.</summary>
    public int Aborted => Volatile.Read(ref _aborted);

    /// <summary>Starts a server.</summary>
    public static async Task<OpenAiTestServer> StartAsync(OpenAiTestServerOptions? options = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new OpenAiTestServer(app, options ?? new OpenAiTestServerOptions());
        app.MapPost("/v1/completions", ctx => server.HandleGenerationAsync(ctx, chat: false));
        app.MapPost("/v1/chat/completions", ctx => server.HandleGenerationAsync(ctx, chat: true));
        app.MapGet("/v1/models", ctx => WriteJsonAsync(ctx, new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray(server.Options.OwnedBy is { } owner
                ? new JsonObject { ["id"] = server.Options.ModelId, ["object"] = "model", ["owned_by"] = owner }
                : new JsonObject { ["id"] = server.Options.ModelId, ["object"] = "model" }),
        }));
        app.MapGet("/props", ctx =>
        {
            if (server.Options.TotalSlots is not { } slots)
            {
                ctx.Response.StatusCode = 404;
                return Task.CompletedTask;
            }
            return WriteJsonAsync(ctx, new JsonObject { ["total_slots"] = slots });
        });
        app.MapPost("/pooling", server.HandlePoolingAsync);
        app.MapPost("/v1/pooling", server.HandlePoolingAsync);
        app.MapPost("/score_steps", server.HandleScoreStepsAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.RootAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }

    /// <summary>Makes the next requests fail with these faults, in order, before any random faults.</summary>
    public void EnqueueFaults(params OpenAiTestServerFault[] faults)
    {
        foreach (var f in faults)
            _queuedFaults.Enqueue(f);
    }

    /// <summary>An address on 127.0.0.1 where nothing listens (connections are refused).</summary>
    public static Uri ClosedAddress()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/v1");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void Record(HttpContext ctx, JsonObject body)
    {
        lock (_faultGate)
        {
            _requests.Enqueue(body);
            _paths.Enqueue(ctx.Request.Path.Value ?? "");
        }
    }

    private OpenAiTestServerFault NextFault()
    {
        if (_queuedFaults.TryDequeue(out var queued))
            return queued;
        if (Options.FaultRate <= 0)
            return OpenAiTestServerFault.None;
        lock (_faultGate)
        {
            if (_faultSeed != Options.FaultSeed)
            {
                _faultSeed = Options.FaultSeed;
                _faultRandom = new Random(_faultSeed);
            }
            return _faultRandom.NextDouble() < Options.FaultRate
                ? Options.FaultKinds[_faultRandom.Next(Options.FaultKinds.Count)]
                : OpenAiTestServerFault.None;
        }
    }

    private async Task HandleGenerationAsync(HttpContext ctx, bool chat)
    {
        var inFlight = Interlocked.Increment(ref _inFlight);
        int seen;
        while ((seen = Volatile.Read(ref _maxInFlight)) < inFlight && Interlocked.CompareExchange(ref _maxInFlight, inFlight, seen) != seen)
        {
        }
        try
        {
            Interlocked.Increment(ref _received);
            var body = (JsonObject)(await JsonNode.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted))!;
            Record(ctx, body);
            var fault = NextFault();
            if (Options.ResponseDelay > TimeSpan.Zero || fault == OpenAiTestServerFault.Hang)
            {
                try
                {
                    await Task.Delay(fault == OpenAiTestServerFault.Hang ? Timeout.InfiniteTimeSpan : Options.ResponseDelay, ctx.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    Interlocked.Increment(ref _aborted);
                    return;
                }
            }
            switch (fault)
            {
                case OpenAiTestServerFault.RateLimit:
                    ctx.Response.StatusCode = 429;
                    ctx.Response.Headers.RetryAfter = Options.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    await WriteJsonAsync(ctx, Error("rate limited", "rate_limit_exceeded"));
                    return;
                case OpenAiTestServerFault.ServerError:
                    ctx.Response.StatusCode = 500;
                    await WriteJsonAsync(ctx, Error("internal error", "server_error"));
                    return;
                case OpenAiTestServerFault.ConnectionReset:
                    ctx.Abort();
                    return;
            }
            var n = body["n"]?.GetValue<int>() ?? 1;
            if (n > 1 && !Options.AcceptN)
            {
                ctx.Response.StatusCode = 400;
                await WriteJsonAsync(ctx, Error("Only one completion choice is allowed", "invalid_request_error"));
                return;
            }
            var response = Generate(body, chat, n);
            if (fault == OpenAiTestServerFault.TruncatedJson)
            {
                var bytes = Encoding.UTF8.GetBytes(response.ToJsonString());
                ctx.Response.ContentType = "application/json";
                ctx.Response.ContentLength = bytes.Length / 2;
                await ctx.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
                return;
            }
            await WriteJsonAsync(ctx, response);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private JsonObject Generate(JsonObject body, bool chat, int n)
    {
        string prompt;
        if (chat)
        {
            var messages = body["messages"]!.AsArray();
            prompt = string.Join("\n", messages.Select(m => m!["role"]!.GetValue<string>() + ": " + m["content"]!.GetValue<string>()));
        }
        else
        {
            prompt = body["prompt"]!.GetValue<string>();
        }
        var temperature = body["temperature"]?.GetValue<double>() ?? 1.0;
        var seed = body["seed"]?.GetValue<long>() ?? -1;
        var maxTokens = body["max_tokens"]?.GetValue<int>() ?? 16;
        var stops = body["stop"] is JsonArray a ? a.Select(s => s!.GetValue<string>()).ToArray() : [];
        int? topLogprobs = chat
            ? (body["logprobs"]?.GetValue<bool>() == true ? body["top_logprobs"]?.GetValue<int>() ?? 0 : null)
            : body["logprobs"]?.GetValue<int>();

        var choices = new JsonArray();
        var completionTokens = 0;
        for (var j = 0; j < n; j++)
        {
            var all = OpenAiTestServerText.Tokens(prompt, temperature, seed, j, Options.NaturalLength);
            var tokens = all.Take(maxTokens).ToList();
            var finish = tokens.Count < all.Count ? "length" : "stop";
            var text = string.Concat(tokens);
            var cut = stops.Select(s => text.IndexOf(s, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(-1).Min();
            if (cut >= 0)
            {
                text = text[..cut];
                var kept = new List<string>();
                var length = 0;
                foreach (var t in tokens)
                {
                    if (length >= cut)
                        break;
                    kept.Add(t);
                    length += t.Length;
                }
                tokens = kept;
                finish = "stop";
            }
            if (j == 0 || !Options.CountUsageForFirstChoiceOnly)
                completionTokens += tokens.Count;
            var choice = new JsonObject { ["index"] = j, ["finish_reason"] = finish };
            if (chat)
                choice["message"] = new JsonObject { ["role"] = "assistant", ["content"] = text };
            else
                choice["text"] = text;
            if (topLogprobs is { } k)
                choice["logprobs"] = chat ? ChatLogprobs(tokens, k) : CompletionLogprobs(tokens, k);
            choices.Add(choice);
        }
        var promptTokens = OpenAiTestServerText.CountWords(prompt);
        var response = new JsonObject
        {
            ["id"] = "cmpl-test",
            ["object"] = chat ? "chat.completion" : "text_completion",
            ["model"] = body["model"]?.GetValue<string>(),
            ["choices"] = choices,
        };
        if (!Options.OmitUsage)
        {
            var usage = new JsonObject
            {
                ["prompt_tokens"] = promptTokens,
                ["completion_tokens"] = completionTokens,
                ["total_tokens"] = promptTokens + completionTokens,
            };
            if (Options.ReportCachedTokens)
                usage["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = Math.Min(promptTokens, Options.CachedTokens) };
            response["usage"] = usage;
        }
        return response;
    }

    private static JsonObject CompletionLogprobs(List<string> tokens, int k)
    {
        var tops = new JsonArray();
        foreach (var t in tokens)
        {
            var top = new JsonObject();
            foreach (var (token, lp) in Alternatives(t, k))
                top[token] = lp;
            tops.Add(top);
        }
        return new JsonObject
        {
            ["tokens"] = new JsonArray([.. tokens.Select(t => (JsonNode?)t)]),
            ["token_logprobs"] = new JsonArray([.. tokens.Select(t => (JsonNode?)OpenAiTestServerText.Logprob(t))]),
            ["top_logprobs"] = tops,
            ["text_offset"] = new JsonArray(),
        };
    }

    private static JsonObject ChatLogprobs(List<string> tokens, int k) => new()
    {
        ["content"] = new JsonArray([.. tokens.Select(t => (JsonNode?)new JsonObject
        {
            ["token"] = t,
            ["logprob"] = OpenAiTestServerText.Logprob(t),
            ["bytes"] = null,
            ["top_logprobs"] = new JsonArray([.. Alternatives(t, k).Select(a => (JsonNode?)new JsonObject { ["token"] = a.Token, ["logprob"] = a.Logprob })]),
        })]),
    };

    private static IEnumerable<(string Token, float Logprob)> Alternatives(string token, int k)
    {
        var lp = OpenAiTestServerText.Logprob(token);
        for (var i = 0; i < k; i++)
            yield return i == 0 ? (token, lp) : ($"alt{i}", lp - i);
    }

    private async Task HandlePoolingAsync(HttpContext ctx)
    {
        Interlocked.Increment(ref _received);
        var body = (JsonObject)(await JsonNode.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted))!;
        Record(ctx, body);
        var fault = NextFault();
        if (fault == OpenAiTestServerFault.ServerError)
        {
            ctx.Response.StatusCode = 500;
            await WriteJsonAsync(ctx, Error("internal error", "server_error"));
            return;
        }
        var input = body["input"]!.GetValue<string>();
        var parts = input.Split(Options.PoolingStepTag);
        var steps = parts.Take(parts.Length - 1).ToArray();
        JsonNode data = Options.PoolingOutput switch
        {
            "pairs" => new JsonArray([.. steps.Select(s => (JsonNode?)new JsonArray(1 - StepScore(s), StepScore(s)))]),
            "floats" => new JsonArray([.. steps.Select(s => (JsonNode?)StepScore(s))]),
            "number" => JsonValue.Create(StepScore(input)),
            _ => JsonValue.Create("not a number"),
        };
        var words = OpenAiTestServerText.CountWords(input);
        await WriteJsonAsync(ctx, new JsonObject
        {
            ["id"] = "pool-test",
            ["object"] = "list",
            ["data"] = new JsonArray(new JsonObject { ["index"] = 0, ["object"] = "pooling", ["data"] = data }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = words, ["total_tokens"] = words, ["completion_tokens"] = 0 },
        });
    }

    private async Task HandleScoreStepsAsync(HttpContext ctx)
    {
        Interlocked.Increment(ref _received);
        var body = (JsonObject)(await JsonNode.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted))!;
        Record(ctx, body);
        var steps = body["steps"]!.AsArray().Select(s => s!.GetValue<string>()).ToArray();
        var scores = steps.Select(StepScore).ToArray();
        await WriteJsonAsync(ctx, new JsonObject
        {
            ["result"] = new JsonObject
            {
                ["step_scores"] = new JsonArray([.. scores.Select(s => (JsonNode?)s)]),
                ["final"] = scores.Length == 0 ? 0 : scores.Min(),
            },
        });
    }

    /// <summary>The test reward of a step: 0.1 when it contains "wrong", else 0.9.</summary>
    public static double StepScore(string step) => step.Contains("wrong", StringComparison.Ordinal) ? 0.1 : 0.9;

    private static JsonObject Error(string message, string type) =>
        new() { ["error"] = new JsonObject { ["message"] = message, ["type"] = type } };

    private static async Task WriteJsonAsync(HttpContext ctx, JsonObject json)
    {
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(json.ToJsonString(), ctx.RequestAborted);
    }
}
