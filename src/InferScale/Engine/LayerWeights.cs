namespace InferScale.Engine;

/// <summary>
/// One transformer block's weights in float32. Matrices are row-major <c>[out, in]</c> (GGUF <c>ne[0] = in</c>),
/// so <c>y[o] = Σ_i W[o·in + i] · x[i]</c>. GGUF names are given per field.
/// </summary>
public sealed class LayerWeights
{
    /// <summary><c>blk.N.attn_norm.weight</c> [Dim].</summary>
    public required float[] AttnNorm { get; init; }

    /// <summary><c>blk.N.attn_q.weight</c> [Dim, Dim].</summary>
    public required float[] Wq { get; init; }

    /// <summary><c>blk.N.attn_k.weight</c> [KvDim, Dim].</summary>
    public required float[] Wk { get; init; }

    /// <summary><c>blk.N.attn_v.weight</c> [KvDim, Dim].</summary>
    public required float[] Wv { get; init; }

    /// <summary><c>blk.N.attn_output.weight</c> [Dim, Dim].</summary>
    public required float[] Wo { get; init; }

    /// <summary><c>blk.N.ffn_norm.weight</c> [Dim].</summary>
    public required float[] FfnNorm { get; init; }

    /// <summary><c>blk.N.ffn_gate.weight</c> [HiddenDim, Dim] (the SiLU branch).</summary>
    public required float[] WGate { get; init; }

    /// <summary><c>blk.N.ffn_up.weight</c> [HiddenDim, Dim].</summary>
    public required float[] WUp { get; init; }

    /// <summary><c>blk.N.ffn_down.weight</c> [Dim, HiddenDim].</summary>
    public required float[] WDown { get; init; }
}
