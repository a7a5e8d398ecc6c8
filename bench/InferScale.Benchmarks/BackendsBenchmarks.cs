using BenchmarkDotNet.Attributes;
using InferScale.Backends.OpenAI;
using InferScale.Generation;

namespace InferScale.Benchmarks;

/// <summary>
/// Throughput of <see cref="OpenAiCompatibleGenerator"/> against a loopback server that answers instantly: 256 single
/// calls per invocation (parallel singles, per-sample seeds), at 1, 16 and 64 requests in flight. The reported time is
/// per request (requests/s = 1 / mean). Run:
/// <c>dotnet run -c Release --project bench/InferScale.Benchmarks -- --filter '*Backends*'</c>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class BackendsBenchmarks
{
    private const int Requests = 256;
    private BackendsLoopbackServer _server = null!;
    private OpenAiCompatibleGenerator _generator = null!;

    /// <summary>Requests in flight (the per-endpoint concurrency limit).</summary>
    [Params(1, 16, 64)]
    public int Concurrency { get; set; }

    /// <summary>Starts the loopback server and the generator.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _server = new BackendsLoopbackServer();
        _generator = new OpenAiCompatibleGenerator(new OpenAiCompatibleOptions
        {
            Endpoints = [_server.BaseAddress],
            Model = "bench",
            SupportsN = false,
            MaxConcurrencyPerEndpoint = Concurrency,
        });
    }

    /// <summary>Stops both.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _generator.Dispose();
        _server.Dispose();
    }

    /// <summary>256 samples as 256 single calls.</summary>
    [Benchmark(OperationsPerInvoke = Requests)]
    public async Task<int> SingleCalls()
    {
        var result = await _generator.GenerateAsync(new GenerationRequest("prompt") { Count = Requests, Sampling = new SamplingOptions { MaxTokens = 8 } });
        return result.Samples.Count;
    }
}
