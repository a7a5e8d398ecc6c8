namespace InferScale.Backends.OpenAI.Wire;

/// <summary>Body of vLLM's <c>POST /pooling</c>.</summary>
internal sealed class PoolingRequestBody
{
    public required string Model { get; init; }
    public required string Input { get; init; }
}
