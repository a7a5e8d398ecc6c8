namespace InferScale.Generation;

/// <summary>Describes a generator's model, for accounting and reports.</summary>
/// <param name="ProviderName">Backend kind, for example <c>engine</c>, <c>openai</c> or <c>replay</c>.</param>
/// <param name="ModelId">The model's name.</param>
public sealed record GeneratorMetadata(string ProviderName, string ModelId)
{
    /// <summary>Parameter count when known (used by FLOPs cost models); <see langword="null"/> otherwise.</summary>
    public long? Parameters { get; init; }

    /// <summary>Transformer layers when known.</summary>
    public int? Layers { get; init; }

    /// <summary>Model (embedding) width when known.</summary>
    public int? ModelDim { get; init; }

    /// <summary>
    /// The model's context window in tokens (prompt, prefix and completion together) when the backend knows it (the
    /// engine sets it; remote backends leave it <see langword="null"/>).
    /// </summary>
    public int? ContextLength { get; init; }

    /// <summary>Endpoint address for remote backends.</summary>
    public Uri? Endpoint { get; init; }
}
