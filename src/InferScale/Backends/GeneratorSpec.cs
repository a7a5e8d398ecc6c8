namespace InferScale.Backends;

/// <summary>
/// What <see cref="Generators.Open"/> opens: an embedded GGUF model (<see cref="Model"/> is a file path) or an
/// OpenAI-compatible server (<see cref="Model"/> is an http(s) base URL such as <c>http://127.0.0.1:8080/v1</c>).
/// </summary>
public sealed record GeneratorSpec(string Model)
{
    /// <summary>For servers: the model name to request (default: the server's first model, or "default").</summary>
    public string? ServerModel { get; init; }

    /// <summary>For servers: more base URLs of replicas, load-balanced with <see cref="Model"/>.</summary>
    public IReadOnlyList<string> MoreEndpoints { get; init; } = [];

    /// <summary>For servers: API key (or null).</summary>
    public string? ApiKey { get; init; }

    /// <summary>For servers: use <c>/v1/chat/completions</c> instead of <c>/v1/completions</c>.</summary>
    public bool Chat { get; init; }

    /// <summary>For servers: whether they accept <c>n</c> &gt; 1 (vLLM and SGLang do; llama-server 0.5.0 up to its slots; Ollama does not).</summary>
    public bool SupportsN { get; init; }

    /// <summary>
    /// For servers: which server it is (sampling fields, batching, seeds and token counting follow its quirks; see
    /// <see cref="OpenAI.OpenAiServerKind"/>). Default <see cref="OpenAI.OpenAiServerKind.Generic"/>.
    /// </summary>
    public OpenAI.OpenAiServerKind ServerKind { get; init; } = OpenAI.OpenAiServerKind.Generic;

    /// <summary>For the embedded engine: threads (default: cores, at most 8).</summary>
    public int? Threads { get; init; }

    /// <summary>Whether <see cref="Model"/> names a server.</summary>
    public bool IsServer => Model.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || Model.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
}
