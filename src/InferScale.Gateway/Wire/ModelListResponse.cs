namespace InferScale.Gateway.Wire;

/// <summary>The body of <c>GET /v1/models</c>.</summary>
internal sealed class ModelListResponse
{
    public string Object { get; init; } = "list";

    public required List<ModelEntryBody> Data { get; init; }
}
