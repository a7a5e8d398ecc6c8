namespace InferScale.Compute;

/// <summary>
/// Kinetics (Sadhukhan et al. 2025) memory-aware cost: <c>cost = compute + memory_bytes × I</c>, where <c>I</c> is the
/// hardware's arithmetic intensity (FLOPs per byte it can sustain). Attention's KV-cache reads dominate long
/// generations, which parameter-only counting misses for small models.
/// </summary>
public static class KineticsCost
{
    /// <summary>Compute of one trial: <c>2·P·L_out + 2·(2·L_in + L_out)·L_out·n_heads·d_head</c>.</summary>
    public static double ComputePerTrial(ModelShape model, long promptTokens, long outputTokens)
    {
        ArgumentNullException.ThrowIfNull(model);
        return 2.0 * model.Parameters * outputTokens + 2.0 * (2.0 * promptTokens + outputTokens) * outputTokens * model.Heads * model.HeadDim;
    }

    /// <summary>
    /// KV-cache bytes read over <paramref name="trials"/> trials sharing the prompt's KV:
    /// <c>2·(2·L_in + n_trials·L_out)·L_out·n_kv_heads·d_head</c> elements times <paramref name="bytesPerElement"/>.
    /// </summary>
    public static double MemoryBytes(ModelShape model, long promptTokens, long outputTokens, int trials, int bytesPerElement = 2)
    {
        ArgumentNullException.ThrowIfNull(model);
        return 2.0 * (2.0 * promptTokens + (double)trials * outputTokens) * outputTokens * model.KvHeads * model.HeadDim * bytesPerElement;
    }

    /// <summary>Equivalent FLOPs (eFLOPs) of <paramref name="trials"/> trials on hardware of intensity <paramref name="intensity"/> FLOPs/byte.</summary>
    public static double EquivalentFlops(ModelShape model, long promptTokens, long outputTokens, int trials, double intensity, int bytesPerElement = 2)
    {
        if (!(intensity >= 0))
            throw new ArgumentOutOfRangeException(nameof(intensity), intensity, "Arithmetic intensity must be >= 0.");
        return trials * ComputePerTrial(model, promptTokens, outputTokens) + MemoryBytes(model, promptTokens, outputTokens, trials, bytesPerElement) * intensity;
    }
}
