namespace InferScale.Engine.Training;

/// <summary>The role of a <see cref="ParameterTensor"/>.</summary>
public enum ParameterKind
{
    /// <summary>The token embedding (also the output head when tied): normal(0, 0.02), no weight decay.</summary>
    Embedding,

    /// <summary>An RMSNorm gain: ones, no weight decay.</summary>
    Norm,

    /// <summary>A projection (q, k, v, gate, up): normal(0, 0.02), weight decay.</summary>
    Matrix,

    /// <summary>A projection into the residual stream (attn_output, ffn_down): normal(0, 0.02/√(2·layers)), weight decay.</summary>
    ResidualMatrix,

    /// <summary>The untied output head: normal(0, 0.02), weight decay.</summary>
    OutputHead,

    /// <summary>The value head's weight vector (<c>value_head.weight</c>, reward models): normal(0, 0.02), no weight decay.</summary>
    ValueHead,

    /// <summary>The value head's bias (<c>value_head.bias</c>, reward models): zero, no weight decay.</summary>
    ValueBias,
}
