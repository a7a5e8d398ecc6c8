namespace InferScale.Backends.OpenAI.Wire;

/// <summary>Response of <c>GET /v1/models</c>.</summary>
internal sealed class ModelsResponseBody
{
    public List<ModelEntry>? Data { get; init; }
}
