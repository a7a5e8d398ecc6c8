using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using InferScale.Backends;
using InferScale.Backends.OpenAI;
using InferScale.Gateway;
using InferScale.Generation;
using InferScale.Tasks;

namespace InferScale.Cli.Commands;

/// <summary>
/// Measures the gateway on loopback: (1) a sampling job (problems × n samples, one call each) through the HTTP generator
/// and a gateway over the engine, against the same job on the engine in-process, alternating rounds so that both see
/// the same machine load, with the same seeds so both do the same work; (2) a load test of one cheap request at several
/// concurrency levels, each bounded by a request count and a time limit.
/// </summary>
internal sealed class BenchGatewayRunner(BenchGatewaySettings settings)
{
    public async Task<BenchGatewayReport> RunAsync(Action<string> progress, CancellationToken cancellationToken)
    {
        var problems = DatasetCatalog.Default.Load("arith").Take(settings.Problems).Select(p => p.Prompt).ToList();
        using var local = GatewayModels.OpenEmbeddedFile(settings.Model).Generator;
        var gatewayModel = GatewayModels.OpenEmbeddedFile(settings.Model);
        await using var server = await GatewayServer.StartAsync([gatewayModel], new GatewayOptions
        {
            Urls = ["http://127.0.0.1:0"],
            MaxConcurrentRuns = settings.MaxConcurrent,
            MaxTokensLimit = Math.Max(8192, settings.MaxTokens),
        }, cancellationToken).ConfigureAwait(false);
        using var remote = new OpenAiCompatibleGenerator(new OpenAiCompatibleOptions
        {
            Endpoints = [server.BaseAddress],
            Model = gatewayModel.Name,
            MaxSamplesPerCall = settings.Samples,
        });

        var sampling = new SamplingOptions { Temperature = 0.8, MaxTokens = settings.MaxTokens, Seed = 1 };
        // The HTTP generator sends the seed of the call's first sample; the in-process job uses that seed, so both generate the same samples.
        var localSampling = sampling with { Seed = (ulong)SampleSeeds.Derive(sampling.Seed, 0) };
        // One warm-up pass over the whole job on both sides (not counted), so tiered JIT and the connection pool are in
        // their steady state before the measured rounds.
        foreach (var problem in problems)
        {
            await CallAsync(local, problem, localSampling, cancellationToken).ConfigureAwait(false);
            await CallAsync(remote, problem, sampling, cancellationToken).ConfigureAwait(false);
        }
        double localSeconds = 0, remoteSeconds = 0;
        long localTokens = 0, remoteTokens = 0;
        for (var round = 0; round < settings.Rounds; round++)
        {
            double roundLocal = 0, roundRemote = 0;
            for (var i = 0; i < problems.Count; i++)
            {
                // Interleaved per problem, alternating which side goes first, so load swings on a shared machine hit both alike.
                var localFirst = (round + i) % 2 == 0;
                var first = await CallAsync(localFirst ? local : remote, problems[i], localFirst ? localSampling : sampling, cancellationToken).ConfigureAwait(false);
                var second = await CallAsync(localFirst ? remote : local, problems[i], localFirst ? sampling : localSampling, cancellationToken).ConfigureAwait(false);
                var (l, r) = localFirst ? (first, second) : (second, first);
                roundLocal += l.Seconds;
                roundRemote += r.Seconds;
                localTokens += l.Tokens;
                remoteTokens += r.Tokens;
            }
            localSeconds += roundLocal;
            remoteSeconds += roundRemote;
            progress($"round {round + 1}/{settings.Rounds}: in-process {problems.Count * settings.Samples / roundLocal:0.0} samples/s, gateway {problems.Count * settings.Samples / roundRemote:0.0} samples/s");
        }
        var total = settings.Rounds * problems.Count * settings.Samples;

        var levels = new List<BenchGatewayLoad>();
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024 }) { BaseAddress = server.Addresses[0], Timeout = TimeSpan.FromMinutes(5) };
        await LoadAsync(client, 1, Math.Min(10, settings.Requests), cancellationToken).ConfigureAwait(false);
        foreach (var clients in settings.Concurrency)
        {
            var level = await LoadAsync(client, clients, settings.Requests, cancellationToken).ConfigureAwait(false);
            progress($"{clients} clients: {level.RequestsPerSecond:0.0} req/s, p50 {level.P50Ms:0.0} ms, p99 {level.P99Ms:0.0} ms, {level.RateLimited} × 429, {level.Errors} errors");
            levels.Add(level);
        }
        return new BenchGatewayReport(problems.Count, settings.Samples, total / localSeconds, total / remoteSeconds, localTokens == remoteTokens, levels);
    }

    private async Task<(double Seconds, long Tokens)> CallAsync(IGenerator generator, string prompt, SamplingOptions sampling, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await generator.GenerateAsync(new GenerationRequest(prompt) { Count = settings.Samples, Sampling = sampling }, cancellationToken).ConfigureAwait(false);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (result.Samples.FirstOrDefault(s => s.FinishReason == FinishReason.Error) is { } failed)
            throw new CliException($"bench gateway: a sample failed: {failed.Error}", 1);
        return (seconds, result.Usage.CompletionTokens);
    }

    private async Task<BenchGatewayLoad> LoadAsync(HttpClient client, int clients, int requests, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["model"] = settings.LoadModel,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "a = 7. b = a + 5. What is b?" }),
            ["max_tokens"] = settings.LoadMaxTokens,
        }.ToJsonString();
        var latencies = new List<double>();
        int issued = 0, ok = 0, limited = 0, errors = 0;
        var gate = new Lock();
        var deadline = TimeSpan.FromSeconds(settings.SecondsPerLevel);
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, clients).Select(async _ =>
        {
            while (Interlocked.Increment(ref issued) <= requests && Stopwatch.GetElapsedTime(started) < deadline)
            {
                var t0 = Stopwatch.GetTimestamp();
                using var response = await client.PostAsync("/v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"), cancellationToken).ConfigureAwait(false);
                await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                var ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    Interlocked.Increment(ref limited);
                    await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
                }
                else if (response.StatusCode == HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref ok);
                    lock (gate)
                        latencies.Add(ms);
                }
                else
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }).ToList();
        await Task.WhenAll(workers).ConfigureAwait(false);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        latencies.Sort();
        return new BenchGatewayLoad(clients, ok, limited, errors, seconds, Percentile(latencies, 0.50), Percentile(latencies, 0.99));
    }

    private static double Percentile(List<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
}
