namespace InferScale.Gateway.Wire;

/// <summary>One entry of the model list.</summary>
internal sealed class ModelEntryBody
{
    public required string Id { get; init; }

    public string Object { get; init; } = "model";

    public long Created { get; init; }

    public required string OwnedBy { get; init; }

    /// <summary>For strategy-prefixed entries: the served model; absent for plain models.</summary>
    public string? Root { get; init; }
}
