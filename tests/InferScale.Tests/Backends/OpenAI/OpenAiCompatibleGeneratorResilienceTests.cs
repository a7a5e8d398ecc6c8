using InferScale.Backends;
using InferScale.Backends.OpenAI;
using InferScale.Generation;
using InferScale.Tests.Support;

namespace InferScale.Tests.Backends.OpenAI;

public sealed class OpenAiCompatibleGeneratorResilienceTests
{
    private static readonly HttpResilienceOptions ShortTimeout = TestGenerators.FastRetries with { AttemptTimeout = TimeSpan.FromMilliseconds(1500) }; // long enough that a healthy first request on a loaded CI machine does not also time out

    [Theory]
    [InlineData(OpenAiTestServerFault.RateLimit)]
    [InlineData(OpenAiTestServerFault.ServerError)]
    [InlineData(OpenAiTestServerFault.Hang)]
    [InlineData(OpenAiTestServerFault.TruncatedJson)]
    [InlineData(OpenAiTestServerFault.ConnectionReset)]
    public async Task GenerateAsync_TransientFault_RetriesUntilItSucceeds(OpenAiTestServerFault fault)
    {
        await using var server = await OpenAiTestServer.StartAsync();
        // Only the hang needs a short attempt timeout; a long one elsewhere keeps slow CI machines from adding retries.
        var resilience = fault == OpenAiTestServerFault.Hang ? ShortTimeout : TestGenerators.FastRetries;
        using var generator = TestGenerators.Create(server, o => o with { Resilience = resilience, FailureThreshold = 10 });
        server.EnqueueFaults(fault, fault);

        var result = await generator.GenerateAsync(new GenerationRequest("P") { Sampling = SamplingOptions.Greedy });

        var sample = Assert.Single(result.Samples);
        Assert.Equal(FinishReason.Stop, sample.FinishReason);
        Assert.StartsWith("greedy ", sample.Text);
        Assert.Equal(3, result.Usage.Calls);
        Assert.Equal(2, generator.Statistics.Retries);
        Assert.Equal(3, server.Received);
    }

    [Fact]
    public async Task GenerateAsync_RateLimitWithRetryAfter_WaitsAsAsked()
    {
        await using var server = await OpenAiTestServer.StartAsync(new OpenAiTestServerOptions { RetryAfterSeconds = 1 });
        using var generator = TestGenerators.Create(server, o => o with
        {
            Resilience = TestGenerators.FastRetries with { MaxRetryDelay = TimeSpan.FromSeconds(5) },
        });
        server.EnqueueFaults(OpenAiTestServerFault.RateLimit);

        var result = await generator.GenerateAsync(new GenerationRequest("P"));

        Assert.Equal(FinishReason.Stop, result.Samples[0].FinishReason);
        Assert.Equal(TimeSpan.FromSeconds(1), generator.Statistics.RetryDelay);
    }

    [Fact]
    public async Task GenerateAsync_RetriesExhausted_ReturnsErrorSamplesAndCountsCalls()
    {
        await using var server = await OpenAiTestServer.StartAsync(new OpenAiTestServerOptions
        {
            FaultRate = 1, FaultKinds = [OpenAiTestServerFault.ServerError],
        });
        using var generator = TestGenerators.Create(server, o => o with { SupportsN = false, Resilience = TestGenerators.FastRetries with { MaxRetries = 2 } });

        var result = await generator.GenerateAsync(new GenerationRequest("P") { Count = 2, FirstIndex = 7 });

        Assert.Equal([7, 8], result.Samples.Select(s => s.Index));
        Assert.All(result.Samples, s =>
        {
            Assert.Equal(FinishReason.Error, s.FinishReason);
            Assert.Contains("HTTP 500", s.Error);
            Assert.Contains("after 3 attempt(s)", s.Error);
            Assert.Equal("", s.Text);
        });
        Assert.Equal(6, result.Usage.Calls);
        Assert.Equal(2, generator.Statistics.FailedCalls);
    }

    [Fact]
    public async Task GenerateAsync_AttemptTimeout_ReportsTimedOutSample()
    {
        await using var server = await OpenAiTestServer.StartAsync();
        using var generator = TestGenerators.Create(server, o => o with { Resilience = ShortTimeout with { MaxRetries = 0 } });
        server.EnqueueFaults(OpenAiTestServerFault.Hang);

        var result = await generator.GenerateAsync(new GenerationRequest("P"));

        var sample = Assert.Single(result.Samples);
        Assert.Equal(FinishReason.Error, sample.FinishReason);
        Assert.Contains("timed out", sample.Error);
        await WaitUntil(() => server.Aborted == 1);
    }

    [Fact]
    public async Task GenerateAsync_Cancelled_ThrowsAndAbortsInFlightRequests()
    {
        await using var server = await OpenAiTestServer.StartAsync();
        using var generator = TestGenerators.Create(server, o => o with { SupportsN = false });
        server.EnqueueFaults(OpenAiTestServerFault.Hang, OpenAiTestServerFault.Hang, OpenAiTestServerFault.Hang);
        using var cts = new CancellationTokenSource();

        var task = generator.GenerateAsync(new GenerationRequest("P") { Count = 3 }, cts.Token).AsTask();
        await WaitUntil(() => server.Received == 3);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
        await WaitUntil(() => server.Aborted == 3);
        Assert.Equal(0, generator.Statistics.Retries);
    }

    [Theory]
    [InlineData(LoadBalancingPolicy.RoundRobin)]
    [InlineData(LoadBalancingPolicy.LeastOutstandingRequests)]
    public async Task GenerateAsync_ThreeEndpoints_SpreadsTheLoad(LoadBalancingPolicy policy)
    {
        var options = new OpenAiTestServerOptions { ResponseDelay = TimeSpan.FromMilliseconds(20) };
        await using var a = await OpenAiTestServer.StartAsync(options);
        await using var b = await OpenAiTestServer.StartAsync(options);
        await using var c = await OpenAiTestServer.StartAsync(options);
        using var generator = new OpenAiCompatibleGenerator(TestGenerators.Options(a, b, c) with { SupportsN = false, LoadBalancing = policy });

        var result = await generator.GenerateAsync(new GenerationRequest("P") { Count = 30 });

        Assert.All(result.Samples, s => Assert.Equal(FinishReason.Stop, s.FinishReason));
        if (policy == LoadBalancingPolicy.RoundRobin)
            Assert.Equal([10, 10, 10], new[] { a, b, c }.Select(s => s.Received));
        else
            Assert.All(new[] { a, b, c }, s => Assert.InRange(s.Received, 5, 15));
        Assert.Equal(30, generator.Statistics.Endpoints.Sum(e => e.Attempts));
    }

    [Fact]
    public async Task GenerateAsync_OneEndpointDown_FailsOverAndCoolsItDown()
    {
        await using var server = await OpenAiTestServer.StartAsync();
        var down = OpenAiTestServer.ClosedAddress();
        using var generator = new OpenAiCompatibleGenerator(TestGenerators.Options(server) with
        {
            Endpoints = [down, server.BaseAddress], SupportsN = false, FailureThreshold = 1, MaxConcurrencyPerEndpoint = 2,
        });

        var result = await generator.GenerateAsync(new GenerationRequest("P") { Count = 10 });

        Assert.All(result.Samples, s => Assert.Equal(FinishReason.Stop, s.FinishReason));
        Assert.Equal(10, server.Received);
        var stats = generator.Statistics.Endpoints;
        Assert.True(stats[0].TimesCooledDown >= 1);
        Assert.Equal(stats[0].Attempts, stats[0].Failures);
        Assert.True(stats[0].Attempts < 10, $"the closed endpoint should leave rotation, got {stats[0].Attempts} attempts");
    }

    [Fact]
    public async Task GenerateAsync_ConcurrencyLimit_IsNeverExceeded()
    {
        await using var server = await OpenAiTestServer.StartAsync(new OpenAiTestServerOptions { ResponseDelay = TimeSpan.FromMilliseconds(30) });
        using var generator = TestGenerators.Create(server, o => o with { SupportsN = false, MaxConcurrencyPerEndpoint = 3 });

        var result = await generator.GenerateAsync(new GenerationRequest("P") { Count = 15 });

        Assert.Equal(15, result.Samples.Count(s => s.FinishReason == FinishReason.Stop));
        Assert.InRange(server.MaxInFlight, 2, 3);
        Assert.InRange(generator.Statistics.Endpoints[0].MaxInFlight, 2, 3);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GenerateAsync_TwentyPercentFaults_Returns200SamplesExactlyOnce(bool supportsN)
    {
        await using var server = await OpenAiTestServer.StartAsync(new OpenAiTestServerOptions { FaultRate = 0.2, FaultSeed = 7 });
        using var generator = TestGenerators.Create(server, o => o with
        {
            SupportsN = supportsN, MaxSamplesPerCall = 4, MaxConcurrencyPerEndpoint = 32, FailureThreshold = 1000,
            Resilience = ShortTimeout with { MaxRetries = 6 },
        });
        var sampling = new SamplingOptions { Seed = 5, MaxTokens = 4 };

        var result = await generator.GenerateAsync(new GenerationRequest("P") { Count = 200, Sampling = sampling });

        Assert.Equal(Enumerable.Range(0, 200), result.Samples.Select(s => s.Index));
        Assert.All(result.Samples, s =>
        {
            if (s.FinishReason == FinishReason.Error)
            {
                Assert.NotNull(s.Error);
                return;
            }
            var seed = supportsN ? SampleSeeds.Derive(5, s.Index - (s.Index % 4)) : SampleSeeds.Derive(5, s.Index);
            var choice = supportsN ? s.Index % 4 : 0;
            Assert.StartsWith($"s{seed}c{choice} ", s.Text);
        });
        Assert.True(generator.Statistics.Retries > 0);
        Assert.Equal(generator.Statistics.Attempts, result.Usage.Calls);
        Assert.Equal(server.Received, result.Usage.Calls);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
            await Task.Delay(10);
        Assert.True(condition());
    }
}
