namespace InferScale.Engine;

/// <summary>
/// The FLOPs the engine executes, counted exactly per token row: <c>2·P</c> for the block matrices
/// (<c>P = layers·(2·dim² + 2·kvDim·dim + 3·hidden·dim)</c>, the non-embedding weights), plus attention
/// <c>2·2·layers·dim·ctx</c> (QK and AV over the <c>ctx = position + 1</c> positions attended), plus the output head
/// <c>2·dim·vocab</c> only for rows whose logits are computed. Norms, RoPE, softmax and activations are not counted.
/// </summary>
public static class EngineFlops
{
    /// <summary>Weights in the transformer blocks' matrices (<c>P</c>).</summary>
    public static long BlockMatrixParameters(TransformerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Layers * (2L * config.Dim * config.Dim + 2L * config.KvDim * config.Dim + 3L * config.HiddenDim * config.Dim);
    }

    /// <summary>FLOPs of one token row at <paramref name="position"/> (0-based), with or without the output head.</summary>
    public static double PerToken(TransformerConfig config, int position, bool withHead)
    {
        ArgumentNullException.ThrowIfNull(config);
        var flops = 2.0 * BlockMatrixParameters(config) + 4.0 * config.Layers * config.Dim * (position + 1);
        if (withHead)
            flops += 2.0 * config.Dim * config.VocabSize;
        return flops;
    }
}
