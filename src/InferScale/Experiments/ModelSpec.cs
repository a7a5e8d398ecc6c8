using System.Text.Json.Serialization;

namespace InferScale.Experiments;

/// <summary>A model: an embedded GGUF file (<see cref="Path"/>) or OpenAI-compatible endpoints (<see cref="Endpoints"/>).</summary>
public sealed record ModelSpec
{
    /// <summary>Short name used in case ids and reports (e.g. <c>arith-3m</c>).</summary>
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    /// <summary>Path to a GGUF file for the embedded engine.</summary>
    [JsonPropertyName("path")]
    public string? Path { get; set; }

    /// <summary>Base URLs of OpenAI-compatible servers (e.g. <c>http://127.0.0.1:8080/v1</c>), load-balanced.</summary>
    [JsonPropertyName("endpoints")]
    public IReadOnlyList<string>? Endpoints { get; set; }

    /// <summary>The model name to send to the endpoints; defaults to <see cref="Name"/>.</summary>
    [JsonPropertyName("model")]
    public string? Model { get; set; }

    /// <summary>API key for the endpoints, or <c>env:VAR</c> to read it from an environment variable.</summary>
    [JsonPropertyName("api_key")]
    public string? ApiKey { get; set; }

    /// <summary>Whether the endpoints accept <c>n</c> &gt; 1 (vLLM and SGLang do; llama-server 0.5.0 up to its slots; Ollama does not).</summary>
    [JsonPropertyName("supports_n")]
    public bool SupportsN { get; set; }

    /// <summary>
    /// Which server the endpoints are: <c>auto</c> (default: asked once through <c>GET /v1/models</c>), <c>generic</c>,
    /// <c>openai</c>, <c>vllm</c> or <c>llama-cpp</c> (llama-server). It decides the sampling fields sent (llama-server
    /// truncates its samples with top-k 40, top-p 0.95 and min-p 0.05 unless told otherwise), batching, seeds and token
    /// counting; see <see cref="Backends.OpenAI.OpenAiServerKind"/>.
    /// </summary>
    [JsonPropertyName("server")]
    public string? Server { get; set; }

    /// <summary>Parameters of the model when known to the config (for FLOPs of remote models); null to read them from the GGUF file.</summary>
    [JsonPropertyName("parameters")]
    public long? Parameters { get; set; }

    /// <summary>Tokens the model was pretrained on, when known (for the pretraining/inference exchange rate in reports).</summary>
    [JsonPropertyName("training_tokens")]
    public long? TrainingTokens { get; set; }
}
