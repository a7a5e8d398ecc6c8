using InferScale.Backends;
using InferScale.Backends.OpenAI;
using InferScale.Tests.Support;

namespace InferScale.Tests.Backends.OpenAI;

/// <summary>Generators wired to test servers with fast retries.</summary>
internal static class TestGenerators
{
    public static HttpResilienceOptions FastRetries { get; } = new()
    {
        MaxRetries = 4,
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        MaxRetryDelay = TimeSpan.FromMilliseconds(20),
        JitterSeed = 1,
        AttemptTimeout = TimeSpan.FromSeconds(5),
    };

    public static OpenAiCompatibleOptions Options(params OpenAiTestServer[] servers) => new()
    {
        Endpoints = [.. servers.Select(s => s.BaseAddress)],
        Model = "test-model",
        Resilience = FastRetries,
    };

    public static OpenAiCompatibleGenerator Create(OpenAiTestServer server, Func<OpenAiCompatibleOptions, OpenAiCompatibleOptions>? configure = null) =>
        new(configure is null ? Options(server) : configure(Options(server)));
}
