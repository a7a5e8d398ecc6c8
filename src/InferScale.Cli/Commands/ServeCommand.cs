using System.CommandLine;
using System.Globalization;
using InferScale.Backends;
using InferScale.Backends.OpenAI;
using InferScale.Engine.Gguf;
using InferScale.Gateway;
using InferScale.Strategies;
using InferScale.Verification.Reward;

namespace InferScale.Cli.Commands;

/// <summary>
/// <c>inferscale serve</c>: the OpenAI-compatible scaling gateway over the embedded models (<c>models/*.gguf</c>) and
/// configured upstream servers. Messages go to stderr; it runs until Ctrl+C or SIGTERM, then shuts down gracefully.
/// </summary>
internal static class ServeCommand
{
    /// <summary>The environment variable with comma-separated API keys.</summary>
    public const string KeysVariable = "INFERSCALE_API_KEYS";

    public static Command Create(CliContext context)
    {
        var urls = new Option<string[]>("--urls") { Description = "Addresses to listen on (repeatable, or ';'-separated); port 0 picks a free port.", DefaultValueFactory = _ => ["http://127.0.0.1:8080"] };
        var apiKeys = new Option<string[]>("--api-key") { Description = $"An accepted API key (repeatable; also ${KeysVariable}, comma-separated). With none, only loopback clients are served." };
        var models = new Option<string>("--models") { Description = "Folder of embedded models (*.gguf, named by file stem).", DefaultValueFactory = _ => "models" };
        var upstreams = new Option<string[]>("--upstream") { Description = "An OpenAI-compatible upstream model: NAME=URL[,URL2…] (base URLs with /v1, load-balanced; repeatable)." };
        var upstreamModels = new Option<string[]>("--upstream-model") { Description = "NAME=SERVER_MODEL: the model name sent upstream (default NAME; repeatable)." };
        var upstreamNoN = new Option<string[]>("--upstream-no-n") { Description = "NAME of an upstream that rejects n > 1 (llama.cpp, Ollama): sample by parallel single calls (repeatable)." };
        var upstreamServers = new Option<string[]>("--upstream-server") { Description = "NAME=KIND: the server an upstream runs, for its quirks: auto (default: asked from /v1/models), generic, openai, vllm, llama-cpp (repeatable)." };
        var upstreamKey = new Option<string?>("--upstream-api-key") { Description = "API key sent to upstreams (default: $INFERSCALE_UPSTREAM_API_KEY)." };
        var templates = new Option<string[]>("--template") { Description = "NAME=TEMPLATE: how a chat message becomes the model's prompt ({prompt} is replaced; \\n for newlines; repeatable)." };
        var rewardUrl = new Option<string?>("--reward-url") { Description = "An HTTP reward model for every model (vLLM pooling API, e.g. http://127.0.0.1:8001/pooling); default: the rule-based arith PRM for arith models, none for others." };
        var rewardModel = new Option<string?>("--reward-model") { Description = "The model name sent to --reward-url." };
        var maxBudget = new Option<string[]>("--max-budget") { Description = "Largest budget per kind (repeatable): e.g. 64, 65536tokens, 1e12flops (these are the defaults)." };
        var maxConcurrent = new Option<int>("--max-concurrent") { Description = "Most strategy runs at once; more get 429 with Retry-After.", DefaultValueFactory = _ => 16 };
        var maxN = new Option<int>("--max-n") { Description = "Largest n (choices) with a bare model name.", DefaultValueFactory = _ => 64 };
        var maxTokensLimit = new Option<int>("--max-tokens-limit") { Description = "Largest max_tokens per sample.", DefaultValueFactory = _ => 8192 };
        var defaultMaxTokens = new Option<int>("--default-max-tokens") { Description = "max_tokens of a request that gives none.", DefaultValueFactory = _ => 256 };
        var maxBody = new Option<long>("--max-body-bytes") { Description = "Largest request body; larger ones get 413.", DefaultValueFactory = _ => 1 << 20 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of requests that send none (runs are reproducible).", DefaultValueFactory = _ => 0 };
        var grace = new Option<double>("--shutdown-grace") { Description = "Seconds in-flight requests get to finish at shutdown.", DefaultValueFactory = _ => 30 };
        var threads = new Option<int?>("--threads") { Description = "Engine threads per embedded model." };
        var faultRate = new Option<double>("--fault-rate") { Description = "TEST TOOL: fraction of generation requests that fail on purpose (429, 500, hang, truncated JSON).", DefaultValueFactory = _ => 0 };
        var faultSeed = new Option<ulong>("--fault-seed") { Description = "TEST TOOL: seed of the injected faults.", DefaultValueFactory = _ => 0 };
        var faultKinds = new Option<string[]>("--fault-kinds") { Description = "TEST TOOL: faults to inject: rate-limit, server-error, hang, truncated (default all)." };
        var faultHang = new Option<double>("--fault-hang-seconds") { Description = "TEST TOOL: how long an injected hang lasts before a 504.", DefaultValueFactory = _ => 60 };
        var command = new Command("serve", "Serve an OpenAI-compatible endpoint that applies a scaling strategy to each request: model '<strategy>@<budget>/<model>', e.g. majority@16/arith-0.3m.")
        {
            urls, apiKeys, models, upstreams, upstreamModels, upstreamNoN, upstreamServers, upstreamKey, templates, rewardUrl, rewardModel, maxBudget, maxConcurrent,
            maxN, maxTokensLimit, defaultMaxTokens, maxBody, seed, grace, threads, faultRate, faultSeed, faultKinds, faultHang,
        };
        command.SetAction(async (parse, ct) =>
        {
            var keys = (parse.GetValue(apiKeys) ?? [])
                .Concat((Environment.GetEnvironmentVariable(KeysVariable) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Distinct(StringComparer.Ordinal)
                .ToArray();
            var options = new GatewayOptions
            {
                Urls = [.. parse.GetValue(urls)!.SelectMany(u => u.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
                ApiKeys = keys,
                MaxRequestBodyBytes = parse.GetValue(maxBody),
                MaxBudgets = [.. (parse.GetValue(maxBudget) ?? []).Select(b => ParseBudget(b))],
                MaxConcurrentRuns = parse.GetValue(maxConcurrent),
                MaxChoices = parse.GetValue(maxN),
                MaxTokensLimit = parse.GetValue(maxTokensLimit),
                DefaultMaxTokens = parse.GetValue(defaultMaxTokens),
                DefaultSeed = parse.GetValue(seed),
                ShutdownGracePeriod = Seconds(parse.GetValue(grace), "--shutdown-grace"),
                Faults = parse.GetValue(faultRate) > 0
                    ? new GatewayFaultOptions
                    {
                        Rate = parse.GetValue(faultRate),
                        Seed = parse.GetValue(faultSeed),
                        Kinds = parse.GetValue(faultKinds) is { Length: > 0 } kinds ? [.. kinds.Select(ParseFault)] : new GatewayFaultOptions().Kinds,
                        HangTime = Seconds(parse.GetValue(faultHang), "--fault-hang-seconds"),
                    }
                    : null,
            };
            try
            {
                options.Validate();
            }
            catch (ArgumentException e)
            {
                throw new CliException(e.Message.Split(" (Parameter", 2)[0]);
            }

            IRewardModel? reward = parse.GetValue(rewardUrl) is { } url
                ? new HttpRewardModel(new HttpRewardModelOptions { Endpoint = ParseUri(url, "--reward-url"), Model = parse.GetValue(rewardModel) ?? "" })
                : null;
            var served = OpenModels(parse.GetValue(models)!, parse.GetValue(upstreams) ?? [], parse.GetValue(upstreamModels) ?? [], parse.GetValue(upstreamNoN) ?? [], parse.GetValue(upstreamServers) ?? [],
                parse.GetValue(upstreamKey) ?? Environment.GetEnvironmentVariable("INFERSCALE_UPSTREAM_API_KEY"), parse.GetValue(templates) ?? [], parse.GetValue(threads), reward);
            GatewayServer server;
            try
            {
                server = await GatewayServer.StartAsync(served, options, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or ArgumentException)
            {
                foreach (var m in served)
                {
                    m.Generator.Dispose();
                    m.ChatGenerator?.Dispose();
                }
                throw new CliException($"cannot start the gateway on {string.Join(", ", options.Urls)}: {e.Message}", e);
            }
            await using (server.ConfigureAwait(false))
            {
                var error = context.Error;
                foreach (var address in server.Addresses)
                    await error.WriteLineAsync($"InferScale gateway listening on {address} (OpenAI base URL: {new Uri(address, "v1")})").ConfigureAwait(false);
                await error.WriteLineAsync($"models: {string.Join(", ", served.Select(m => m.Name))}; strategies: <strategy>@<budget>/<model>, e.g. majority@16/{served[0].Name} (see 'inferscale strategies').").ConfigureAwait(false);
                await error.WriteLineAsync(server.RequiresApiKey
                    ? $"API keys required ({keys.Length} configured)."
                    : $"no API key configured: serving loopback clients only (set --api-key or {KeysVariable} to serve other hosts).").ConfigureAwait(false);
                if (options.Faults is { } f)
                    await error.WriteLineAsync($"FAULT INJECTION ON (test tool): {f.Rate:P0} of generation requests fail ({string.Join(", ", f.Kinds)}), seed {f.Seed}.").ConfigureAwait(false);
                await error.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                try
                {
                    using var either = CancellationTokenSource.CreateLinkedTokenSource(ct, server.ShutdownRequested);
                    await Task.Delay(Timeout.Infinite, either.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }
                await error.WriteLineAsync($"shutting down: no new connections; in-flight requests get up to {options.ShutdownGracePeriod.TotalSeconds:0.#} s.").ConfigureAwait(false);
                await server.StopAsync(CancellationToken.None).ConfigureAwait(false);
                await error.WriteLineAsync("stopped.").ConfigureAwait(false);
            }
            return 0;
        });
        return command;
    }

    private static List<GatewayModel> OpenModels(
        string folder, string[] upstreams, string[] upstreamModels, string[] noN, string[] servers, string? upstreamKey, string[] templates, int? threads, IRewardModel? reward)
    {
        var list = new List<GatewayModel>();
        try
        {
            if (Directory.Exists(folder))
                list.AddRange(GatewayModels.OpenEmbedded(folder, threads, reward));
            else if (upstreams.Length == 0)
                throw new CliException($"models folder not found: {Path.GetFullPath(folder)} (run from the repository root, give --models DIR, or add --upstream NAME=URL).");
            var serverModels = Pairs(upstreamModels, "--upstream-model");
            var serverKinds = new Dictionary<string, OpenAiServerKind>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, kind) in Pairs(servers, "--upstream-server"))
            {
                serverKinds[name] = OpenAiServerKindNames.TryParse(kind, out var parsed)
                    ? parsed
                    : throw new CliException($"--upstream-server {name}={kind}: unknown server kind (use {string.Join(", ", OpenAiServerKindNames.All)}).");
            }
            foreach (var (name, value) in Pairs(upstreams, "--upstream"))
            {
                var endpoints = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(u => ParseUri(u, "--upstream")).ToList();
                list.Add(GatewayModels.Upstream(new UpstreamModelOptions(name, endpoints)
                {
                    ServerModel = serverModels.GetValueOrDefault(name),
                    SupportsN = !noN.Contains(name, StringComparer.OrdinalIgnoreCase),
                    ServerKind = serverKinds.GetValueOrDefault(name, OpenAiServerKind.Auto),
                    ApiKey = upstreamKey,
                }, reward));
            }
            if (list.Count == 0)
                throw new CliException($"no models to serve: {Path.GetFullPath(folder)} has no *.gguf files and no --upstream was given.");
            var byTemplate = Pairs(templates, "--template");
            for (var i = 0; i < list.Count; i++)
            {
                if (byTemplate.TryGetValue(list[i].Name, out var template))
                    list[i] = list[i] with { PromptTemplate = template.Replace("\\n", "\n", StringComparison.Ordinal) };
            }
            foreach (var name in byTemplate.Keys.Where(k => !list.Any(m => string.Equals(m.Name, k, StringComparison.OrdinalIgnoreCase))))
                throw new CliException($"--template names '{name}', which is not a served model ({string.Join(", ", list.Select(m => m.Name))}).");
            foreach (var m in list)
                m.Validate();
            return list;
        }
        catch (Exception e) when (e is CliException or GgufFormatException or ArgumentException or FileNotFoundException or DirectoryNotFoundException)
        {
            foreach (var m in list)
            {
                m.Generator.Dispose();
                m.ChatGenerator?.Dispose();
            }
            throw e as CliException ?? new CliException(e.Message.Split(" (Parameter", 2)[0], e);
        }
    }

    private static Dictionary<string, string> Pairs(string[] values, string option)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var v in values)
        {
            var eq = v.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == v.Length - 1)
                throw new CliException($"{option} '{v}' is not NAME=VALUE.");
            if (!result.TryAdd(v[..eq].Trim(), v[(eq + 1)..].Trim()))
                throw new CliException($"{option} gives '{v[..eq].Trim()}' twice.");
        }
        return result;
    }

    private static Uri ParseUri(string text, string option) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new CliException($"{option}: '{text}' is not an http(s) URL.");

    private static ComputeBudget ParseBudget(string text)
    {
        try
        {
            var t = text.Trim();
            return ComputeBudget.Parse(t.EndsWith("tok", StringComparison.OrdinalIgnoreCase) ? t + "ens" : t);
        }
        catch (FormatException e)
        {
            throw new CliException($"--max-budget: {e.Message}");
        }
    }

    private static GatewayFaultKind ParseFault(string text) => text.Trim().ToLowerInvariant() switch
    {
        "rate-limit" or "429" => GatewayFaultKind.RateLimit,
        "server-error" or "500" => GatewayFaultKind.ServerError,
        "hang" or "timeout" => GatewayFaultKind.Hang,
        "truncated" or "truncated-json" => GatewayFaultKind.TruncatedJson,
        _ => throw new CliException($"--fault-kinds: '{text}' is not one of rate-limit, server-error, hang, truncated."),
    };

    private static TimeSpan Seconds(double value, string option) =>
        value >= 0 && double.IsFinite(value) && value < 86_400
            ? TimeSpan.FromSeconds(value)
            : throw new CliException($"{option} must be a number of seconds in [0, 86400); got {value.ToString(CultureInfo.InvariantCulture)}.");
}
