using InferScale.Backends;
using InferScale.Backends.OpenAI;
using InferScale.Generation;
using InferScale.Tests.Backends.OpenAI;
using InferScale.Tests.Experiments.Running;
using InferScale.Tests.Support;

namespace InferScale.Tests.Backends;

public sealed class SeedProbeTests
{
    private static readonly SamplingOptions Sampling = new() { Temperature = 1, MaxTokens = 24, Seed = 7 };

    [Fact]
    public async Task CheckAsync_EmbeddedEngine_RepeatableAndBatchInvariantWithDistinctSamples()
    {
        using var engine = Generators.Open(new GeneratorSpec(RunFixtures.ModelPath) { Threads = 1 });
        var result = await SeedProbe.CheckAsync(engine, "Problem: a = 3. b = a * 4. What is b?\nSolution:\n<think>\n", Sampling);
        Assert.Equal(new SeedProbeResult(true, true, result.DistinctSamples, null), result);
        Assert.True(result.DistinctSamples > 1, "each sample has its own seed");
    }

    [Fact]
    public async Task CheckAsync_ServerHonouringPerSampleSeeds_RepeatableAndBatchInvariant()
    {
        await using var server = await OpenAiTestServer.StartAsync();
        using var generator = new OpenAiCompatibleGenerator(TestGenerators.Options(server) with { SupportsN = false });
        var result = await SeedProbe.CheckAsync(generator, "P", Sampling);
        Assert.True(result.Repeatable);
        Assert.True(result.BatchInvariant);
    }

    [Fact]
    public async Task CheckAsync_BackendThatIgnoresSeeds_ReportsNotRepeatable()
    {
        using var generator = new CallCountingGenerator();
        var result = await SeedProbe.CheckAsync(generator, "P", Sampling);
        Assert.False(result.Repeatable);
        Assert.False(result.BatchInvariant);
        Assert.Null(result.Error);
    }

    [Fact]
    public async Task CheckAsync_BackendThatFails_ReportsTheErrorInsteadOfThrowing()
    {
        using var generator = new OpenAiCompatibleGenerator(new OpenAiCompatibleOptions
        {
            Endpoints = [OpenAiTestServer.ClosedAddress()],
            Model = "m",
            Resilience = TestGenerators.FastRetries with { MaxRetries = 0 },
        });
        var result = await SeedProbe.CheckAsync(generator, "P", Sampling);
        Assert.Null(result.Repeatable);
        Assert.NotNull(result.Error);
    }

    /// <summary>A backend whose output depends on how many calls it has served, like a server whose seed handling varies with batching.</summary>
    private sealed class CallCountingGenerator : IGenerator
    {
        private int _calls;

        public GeneratorMetadata Metadata { get; } = new("test", "call-counting");

        public ValueTask<GenerationResult> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken = default)
        {
            var call = Interlocked.Increment(ref _calls);
            var samples = Enumerable.Range(request.FirstIndex, request.Count).Select(i => new Sample($"call {call} sample {i}") { Index = i }).ToList();
            return ValueTask.FromResult(new GenerationResult(samples, new Usage { Calls = 1 }));
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
