namespace InferScale.Gateway.Http;

/// <summary>Which OpenAI endpoint a request came to.</summary>
internal enum EndpointKind
{
    /// <summary><c>/v1/chat/completions</c>.</summary>
    Chat,

    /// <summary><c>/v1/completions</c>.</summary>
    Completions,
}
