using InferScale.Backends;
using InferScale.Backends.OpenAI;

namespace InferScale.Gateway;

/// <summary>An OpenAI-compatible server (or several replicas) served by the gateway under <see cref="Name"/>.</summary>
/// <param name="Name">The name clients use (the part after <c>/</c> in <c>majority@16/NAME</c>).</param>
/// <param name="Endpoints">Base addresses including <c>/v1</c>, load-balanced with failover (at least one).</param>
public sealed record UpstreamModelOptions(string Name, IReadOnlyList<Uri> Endpoints)
{
    /// <summary>The model name sent upstream; <see langword="null"/> sends <see cref="Name"/>.</summary>
    public string? ServerModel { get; init; }

    /// <summary>Whether the servers accept <c>n</c> &gt; 1 (vLLM, SGLang, OpenAI yes; llama.cpp and Ollama no). Default true.</summary>
    public bool SupportsN { get; init; } = true;

    /// <summary>
    /// Which server the endpoints run, for its quirks (llama-server's default sampler truncation, per-choice token
    /// counts, seeds; see <see cref="OpenAiServerKind"/>). Default <see cref="OpenAiServerKind.Auto"/>: asked from the
    /// first endpoint's <c>/v1/models</c>.
    /// </summary>
    public OpenAiServerKind ServerKind { get; init; } = OpenAiServerKind.Auto;

    /// <summary>Bearer token for the servers; <see langword="null"/> sends none.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Retries, backoff and timeouts of upstream calls. Default <see cref="HttpResilienceOptions"/>' defaults.</summary>
    public HttpResilienceOptions Resilience { get; init; } = new();

    /// <summary>Most requests in flight per upstream endpoint. Default 8.</summary>
    public int MaxConcurrencyPerEndpoint { get; init; } = 8;
}
