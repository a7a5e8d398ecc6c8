namespace InferScale.Engine;

/// <summary>
/// One transformer block's weights: norms in float32, matrices as <see cref="WeightMatrix"/> (float32, or Q8_0 kept
/// quantised when loaded so). Matrices are row-major <c>[out, in]</c> (GGUF <c>ne[0] = in</c>),
/// so <c>y[o] = Σ_i W[o·in + i] · x[i]</c>. GGUF names are given per field.
/// </summary>
public sealed class LayerWeights
{
    /// <summary><c>blk.N.attn_norm.weight</c> [Dim].</summary>
    public required float[] AttnNorm { get; init; }

    /// <summary><c>blk.N.attn_q.weight</c> [Dim, Dim].</summary>
    public required WeightMatrix Wq { get; init; }

    /// <summary><c>blk.N.attn_k.weight</c> [KvDim, Dim].</summary>
    public required WeightMatrix Wk { get; init; }

    /// <summary><c>blk.N.attn_v.weight</c> [KvDim, Dim].</summary>
    public required WeightMatrix Wv { get; init; }

    /// <summary><c>blk.N.attn_output.weight</c> [Dim, Dim].</summary>
    public required WeightMatrix Wo { get; init; }

    /// <summary><c>blk.N.ffn_norm.weight</c> [Dim].</summary>
    public required float[] FfnNorm { get; init; }

    /// <summary><c>blk.N.ffn_gate.weight</c> [HiddenDim, Dim] (the SiLU branch).</summary>
    public required WeightMatrix WGate { get; init; }

    /// <summary><c>blk.N.ffn_up.weight</c> [HiddenDim, Dim].</summary>
    public required WeightMatrix WUp { get; init; }

    /// <summary><c>blk.N.ffn_down.weight</c> [Dim, HiddenDim].</summary>
    public required WeightMatrix WDown { get; init; }
}
