using InferScale.Analysis;
using InferScale.Backends;
using InferScale.Backends.OpenAI;
using InferScale.Gateway;
using InferScale.Generation;
using InferScale.Tasks;
using InferScale.Verification;

namespace InferScale.Tests.Gateway;

/// <summary>The gateway over the engine is a real OpenAI-compatible server: the HTTP generator gets the engine's samples through it.</summary>
[Collection(GatewayCollection.Name)]
public sealed class GatewayAsUpstreamTests(GatewayFixture fixture)
{
    private static readonly SamplingOptions Sampling = new() { Temperature = 0.8, MaxTokens = 40, Seed = 77 };

    [Fact]
    public async Task OpenAiGenerator_BatchedN_SameSamplesAsTheEngineInProcess()
    {
        var prompt = DatasetCatalog.Default.Load("arith").First().Prompt;
        using var http = Generator(fixture.Server.BaseAddress, preferPerSampleSeeds: false);
        var remote = await http.GenerateAsync(new GenerationRequest(prompt) { Count = 6, Sampling = Sampling });

        // One call with n = 6 carries the seed of sample 0; the gateway generates engine samples 0…5 with that seed.
        using var engine = GatewayModels.OpenEmbeddedFile(GatewayTestHost.ModelPath).Generator;
        var local = await engine.GenerateAsync(new GenerationRequest(prompt) { Count = 6, Sampling = Sampling with { Seed = (ulong)SampleSeeds.Derive(Sampling.Seed, 0) } });

        Assert.Equal(local.Samples.Select(s => s.Text), remote.Samples.Select(s => s.Text));
        Assert.Equal(Enumerable.Range(0, 6), remote.Samples.Select(s => s.Index));
        Assert.Equal(local.Usage.CompletionTokens, remote.Usage.CompletionTokens);
        Assert.Equal(local.Usage.PromptTokens + local.Usage.CachedPromptTokens, remote.Usage.PromptTokens + remote.Usage.CachedPromptTokens);
        Assert.Equal(1, remote.Usage.Calls);
    }

    [Fact]
    public async Task OpenAiGenerator_PerSampleSeeds_SampleIIsTheEngineSampleOfSeedI()
    {
        var prompt = DatasetCatalog.Default.Load("arith").Skip(1).First().Prompt;
        using var http = Generator(fixture.Server.BaseAddress, preferPerSampleSeeds: true);
        var remote = await http.GenerateAsync(new GenerationRequest(prompt) { Count = 3, FirstIndex = 2, Sampling = Sampling });
        using var engine = GatewayModels.OpenEmbeddedFile(GatewayTestHost.ModelPath).Generator;
        for (var i = 0; i < 3; i++)
        {
            var seed = (ulong)SampleSeeds.Derive(Sampling.Seed, 2 + i);
            var local = await engine.GenerateAsync(new GenerationRequest(prompt) { Sampling = Sampling with { Seed = seed } });
            Assert.Equal(2 + i, remote.Samples[i].Index);
            Assert.Equal(local.Samples[0].Text, remote.Samples[i].Text);
        }
    }

    [Fact]
    public async Task PoolSampler_AgainstFaultyGateway_EverySampleOnceAndCorrectOrAnError()
    {
        await using var faulty = await GatewayTestHost.StartAsync(new GatewayOptions
        {
            ApiKeys = [GatewayTestHost.Key],
            Faults = new GatewayFaultOptions { Rate = 0.2, Seed = 3, HangTime = TimeSpan.FromSeconds(30), RetryAfterSeconds = 0 },
        });
        var problems = DatasetCatalog.Default.Load("arith").Take(5).ToList();
        var pool = Path.Combine(Path.GetTempPath(), $"inferscale-gateway-faults-{Environment.ProcessId}-{Guid.NewGuid():N}.jsonl");
        try
        {
            using var http = Generator(faulty.BaseAddress, preferPerSampleSeeds: true, attemptTimeout: TimeSpan.FromSeconds(1.5));
            var options = new PoolSamplerOptions { SamplesPerProblem = 4, SamplesPerCall = 4, Sampling = Sampling };
            var outcome = await new PoolSampler(http, MathAnswerChecker.Default, MathAnswerChecker.Default).RunAsync(problems, pool, options);
            Assert.Equal(20, outcome.Generated);
            Assert.True(faulty.FaultsInjected > 0, "the faulty gateway injected no fault");
            var stats = http.Statistics;
            Assert.True(stats.Retries > 0);

            var entries = SamplePoolReader.ReadEntries(pool).ToList();
            Assert.Equal(20, entries.Count);
            var keys = entries.Select(e => (e.ProblemId, e.Sample.Index)).ToList();
            Assert.Equal(keys.Count, keys.Distinct().Count());
            Assert.Equal(problems.SelectMany(p => Enumerable.Range(0, 4).Select(i => (p.Id, i))).Order(), keys.Order());

            // Every sample that came back equals the fault-free one; any other is recorded as an error.
            using var engine = GatewayModels.OpenEmbeddedFile(GatewayTestHost.ModelPath).Generator;
            foreach (var entry in entries)
            {
                if (entry.Sample.FinishReason == FinishReason.Error)
                    continue; // recorded as a failed sample (the pool format keeps the finish reason, not the message)
                var prompt = problems.Single(p => p.Id == entry.ProblemId).Prompt;
                var seed = (ulong)SampleSeeds.Derive(Sampling.Seed, entry.Sample.Index);
                var expected = await engine.GenerateAsync(new GenerationRequest(prompt) { Sampling = Sampling with { Seed = seed } });
                Assert.Equal(expected.Samples[0].Text, entry.Sample.Text);
            }
        }
        finally
        {
            File.Delete(pool);
        }
    }

    private static OpenAiCompatibleGenerator Generator(Uri baseAddress, bool preferPerSampleSeeds, TimeSpan? attemptTimeout = null) => new(new OpenAiCompatibleOptions
    {
        Endpoints = [baseAddress],
        Model = GatewayTestHost.Model,
        ApiKey = GatewayTestHost.Key,
        PreferPerSampleSeeds = preferPerSampleSeeds,
        Resilience = new HttpResilienceOptions
        {
            MaxRetries = 6,
            RetryBaseDelay = TimeSpan.FromMilliseconds(5),
            MaxRetryDelay = TimeSpan.FromMilliseconds(50),
            AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(60),
        },
        FailureThreshold = 1000,
    });
}
