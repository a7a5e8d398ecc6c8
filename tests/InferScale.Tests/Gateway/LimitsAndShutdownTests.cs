using InferScale.Gateway;
using InferScale.Strategies;

namespace InferScale.Tests.Gateway;

[Collection(GatewayCollection.Name)]
public sealed class LimitsAndShutdownTests
{
    [Fact]
    public async Task ChatCompletions_CapHeldBySlowRun_Returns429WithRetryAfter_ThenServesAgain()
    {
        await using var server = await GatewayTestHost.StartAsync(new GatewayOptions
        {
            ApiKeys = [GatewayTestHost.Key],
            MaxConcurrentRuns = 1,
            RetryAfterSeconds = 2,
            MaxBudgets = [ComputeBudget.Samples(1_000_000)],
        });
        using var client = GatewayTestHost.Client(server);
        using var slowCancel = new CancellationTokenSource();
        var slow = GatewayTestHost.Chat("majority@200000/arith-0.3m", maxTokens: 64, stream: true);
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = GatewayTestHost.Json(slow) };
        using (var slowResponse = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, slowCancel.Token))
        {
            // The stream starts once the run holds its slot and calls the model.
            using var reader = new StreamReader(await slowResponse.Content.ReadAsStreamAsync(slowCancel.Token));
            string? line;
            while ((line = await reader.ReadLineAsync(slowCancel.Token)) is not null && !line.Contains("\"started\"", StringComparison.Ordinal))
            {
            }
            Assert.NotNull(line);
            Assert.Equal(1, server.ActiveRuns);

            var (status, body, response) = await GatewayTestHost.PostAsync(client, "/v1/chat/completions", GatewayTestHost.Chat("greedy@1/arith-0.3m"));
            Assert.Equal(429, status);
            Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter!.Delta);
            Assert.Contains("--max-concurrent", GatewayTestHost.AssertError(body, "concurrency_limit_exceeded"));
            await slowCancel.CancelAsync();
        }
        // The client left: the run is cancelled and its slot freed.
        var waited = 0;
        while (server.ActiveRuns > 0 && waited < 200)
        {
            await Task.Delay(50);
            waited++;
        }
        Assert.Equal(0, server.ActiveRuns);
        var (again, _, _) = await GatewayTestHost.PostAsync(client, "/v1/chat/completions", GatewayTestHost.Chat("greedy@1/arith-0.3m"));
        Assert.Equal(200, again);
    }

    [Fact]
    public async Task StopAsync_RequestInFlight_FinishesThenNewConnectionsRefused()
    {
        var server = await GatewayTestHost.StartAsync(new GatewayOptions { ApiKeys = [GatewayTestHost.Key], ShutdownGracePeriod = TimeSpan.FromSeconds(30), MaxBudgets = [InferScale.Strategies.ComputeBudget.Samples(1024)] });
        await using (server)
        {
            using var client = GatewayTestHost.Client(server);
            // Long enough (256 samples, a few seconds) that the run is still going when observed.
            var inFlight = GatewayTestHost.PostAsync(client, "/v1/chat/completions", GatewayTestHost.Chat("majority@256/arith-0.3m", maxTokens: 128));
            // Watch for the run and stop the server from a dedicated thread: on a loaded 2-core machine a
            // thread-pool continuation can be delayed for seconds, long enough to miss the whole run (CI did).
            var stopping = await Task.Factory.StartNew(
                () =>
                {
                    var deadline = Environment.TickCount64 + 30_000;
                    while (server.ActiveRuns == 0 && !inFlight.IsCompleted && Environment.TickCount64 < deadline)
                        Thread.Sleep(1);
                    return server.ActiveRuns == 1 ? server.StopAsync() : null;
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
            Assert.True(stopping is not null, inFlight.IsCompleted ? $"the request ended before it was seen running: {(await inFlight).Item1} {(await inFlight).Item2}" : "the run never started");
            var (status, body, _) = await inFlight;
            await stopping;
            Assert.Equal(200, status);
            Assert.Equal(256.0, body["inferscale"]!["budget_spent"]!.GetValue<double>());
            using var fresh = GatewayTestHost.Client(server);
            await Assert.ThrowsAsync<HttpRequestException>(() => fresh.GetAsync("/v1/models"));
        }
    }

    [Fact]
    public async Task Options_Invalid_RejectedNamingTheOption()
    {
        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => GatewayServer.StartAsync([], new GatewayOptions { MaxConcurrentRuns = 0 }));
        Assert.Contains("MaxConcurrentRuns", ex.Message);
        var none = await Assert.ThrowsAsync<ArgumentException>(() => GatewayServer.StartAsync([], new GatewayOptions()));
        Assert.Contains("at least one model", none.Message);
    }
}
