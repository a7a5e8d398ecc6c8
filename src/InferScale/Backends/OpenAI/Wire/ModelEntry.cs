namespace InferScale.Backends.OpenAI.Wire;

/// <summary>One model of a <c>/v1/models</c> response.</summary>
internal sealed class ModelEntry
{
    public string Id { get; init; } = "";
    public string? OwnedBy { get; init; }
}
