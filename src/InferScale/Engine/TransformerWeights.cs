namespace InferScale.Engine;

/// <summary>
/// All weights of a llama-style model (GGUF names per field; see <see cref="LayerWeights"/> for layout): norms in
/// float32, matrices as <see cref="WeightMatrix"/> (float32, or Q8_0 kept quantised).
/// </summary>
public sealed class TransformerWeights
{
    /// <summary><c>token_embd.weight</c> [VocabSize, Dim].</summary>
    public required WeightMatrix TokenEmbedding { get; init; }

    /// <summary>The blocks, in order (<c>blk.0</c> …).</summary>
    public required LayerWeights[] Layers { get; init; }

    /// <summary><c>output_norm.weight</c> [Dim].</summary>
    public required float[] FinalNorm { get; init; }

    /// <summary><c>output.weight</c> [VocabSize, Dim]; <see langword="null"/> when tied to <see cref="TokenEmbedding"/>.</summary>
    public WeightMatrix? Output { get; init; }

    /// <summary>The output head: <see cref="Output"/>, or the token embedding when tied.</summary>
    public WeightMatrix OutputHead => Output ?? TokenEmbedding;

    /// <summary>Bytes the weights hold in memory (a tied head counted once).</summary>
    public long ByteSize => TokenEmbedding.ByteSize + 4L * FinalNorm.LongLength + (Output?.ByteSize ?? 0)
        + Layers.Sum(l => 4L * (l.AttnNorm.LongLength + l.FfnNorm.LongLength) + l.Wq.ByteSize + l.Wk.ByteSize + l.Wv.ByteSize + l.Wo.ByteSize + l.WGate.ByteSize + l.WUp.ByteSize + l.WDown.ByteSize);

    /// <summary>
    /// The same weights with every matrix in float32 (Q8_0 matrices dequantised into new arrays, float32 ones shared,
    /// not copied): what the trainer and references that need plain floats use. The engine's logits are bit-identical
    /// over either.
    /// </summary>
    public TransformerWeights ToFloat32() => new()
    {
        TokenEmbedding = TokenEmbedding.ToFloat32(),
        Layers = [.. Layers.Select(l => new LayerWeights
        {
            AttnNorm = l.AttnNorm,
            Wq = l.Wq.ToFloat32(),
            Wk = l.Wk.ToFloat32(),
            Wv = l.Wv.ToFloat32(),
            Wo = l.Wo.ToFloat32(),
            FfnNorm = l.FfnNorm,
            WGate = l.WGate.ToFloat32(),
            WUp = l.WUp.ToFloat32(),
            WDown = l.WDown.ToFloat32(),
        })],
        FinalNorm = FinalNorm,
        Output = Output?.ToFloat32(),
    };

    /// <summary>Throws when an array's length does not match <paramref name="config"/>, naming the tensor.</summary>
    public void Validate(TransformerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        static void Check(float[] a, long expected, string name)
        {
            if (a is null || a.LongLength != expected)
                throw new ArgumentException($"Tensor {name} has {a?.LongLength ?? 0} elements; the config needs {expected}.", name);
        }
        static void CheckMatrix(WeightMatrix m, long expected, long columns, string name)
        {
            if (m is null || m.Length != expected)
                throw new ArgumentException($"Tensor {name} has {m?.Length ?? 0} elements; the config needs {expected}.", name);
            if (m.Q8 is not null && m.Q8.Columns != columns)
                throw new ArgumentException($"Tensor {name} is a Q8_0 matrix with rows of {m.Q8.Columns} values; the config needs {columns}.", name);
        }

        CheckMatrix(TokenEmbedding, (long)config.VocabSize * config.Dim, config.Dim, "token_embd.weight");
        if (Layers.Length != config.Layers)
            throw new ArgumentException($"{Layers.Length} layers given; the config needs {config.Layers}.", nameof(Layers));
        for (var l = 0; l < Layers.Length; l++)
        {
            var w = Layers[l];
            Check(w.AttnNorm, config.Dim, $"blk.{l}.attn_norm.weight");
            CheckMatrix(w.Wq, (long)config.Dim * config.Dim, config.Dim, $"blk.{l}.attn_q.weight");
            CheckMatrix(w.Wk, (long)config.KvDim * config.Dim, config.Dim, $"blk.{l}.attn_k.weight");
            CheckMatrix(w.Wv, (long)config.KvDim * config.Dim, config.Dim, $"blk.{l}.attn_v.weight");
            CheckMatrix(w.Wo, (long)config.Dim * config.Dim, config.Dim, $"blk.{l}.attn_output.weight");
            Check(w.FfnNorm, config.Dim, $"blk.{l}.ffn_norm.weight");
            CheckMatrix(w.WGate, (long)config.HiddenDim * config.Dim, config.Dim, $"blk.{l}.ffn_gate.weight");
            CheckMatrix(w.WUp, (long)config.HiddenDim * config.Dim, config.Dim, $"blk.{l}.ffn_up.weight");
            CheckMatrix(w.WDown, (long)config.Dim * config.HiddenDim, config.HiddenDim, $"blk.{l}.ffn_down.weight");
        }
        Check(FinalNorm, config.Dim, "output_norm.weight");
        if (config.TiedEmbeddings != (Output is null))
            throw new ArgumentException(config.TiedEmbeddings ? "The config ties the output head but output.weight is present." : "output.weight is missing and the config does not tie the output head.", nameof(Output));
        if (Output is not null)
            CheckMatrix(Output, (long)config.VocabSize * config.Dim, config.Dim, "output.weight");
    }
}
