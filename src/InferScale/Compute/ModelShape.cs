namespace InferScale.Compute;

/// <summary>What cost models need to know about a model.</summary>
/// <param name="Parameters">Non-embedding parameter count N (Kaplan's convention).</param>
/// <param name="Layers">Transformer layers.</param>
/// <param name="ModelDim">Model width d_model.</param>
/// <param name="Heads">Attention heads.</param>
/// <param name="KvHeads">Key/value heads (equal to <paramref name="Heads"/> without GQA).</param>
public sealed record ModelShape(long Parameters, int Layers, int ModelDim, int Heads, int KvHeads)
{
    /// <summary>Width of one attention head.</summary>
    public int HeadDim => ModelDim / Heads;

    /// <summary>Throws naming the first invalid field.</summary>
    public void Validate()
    {
        if (Parameters <= 0)
            throw new ArgumentOutOfRangeException(nameof(Parameters), Parameters, "Parameters must be > 0.");
        if (Layers <= 0)
            throw new ArgumentOutOfRangeException(nameof(Layers), Layers, "Layers must be > 0.");
        if (ModelDim <= 0 || Heads <= 0 || ModelDim % Heads != 0)
            throw new ArgumentException($"ModelDim ({ModelDim}) must be a positive multiple of Heads ({Heads}).", nameof(ModelDim));
        if (KvHeads <= 0 || Heads % KvHeads != 0)
            throw new ArgumentException($"Heads ({Heads}) must be a multiple of KvHeads ({KvHeads}).", nameof(KvHeads));
    }
}
