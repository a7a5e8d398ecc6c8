namespace InferScale.Engine;

/// <summary>All weights of a llama-style model in float32 (GGUF names per field; see <see cref="LayerWeights"/> for layout).</summary>
public sealed class TransformerWeights
{
    /// <summary><c>token_embd.weight</c> [VocabSize, Dim].</summary>
    public required float[] TokenEmbedding { get; init; }

    /// <summary>The blocks, in order (<c>blk.0</c> …).</summary>
    public required LayerWeights[] Layers { get; init; }

    /// <summary><c>output_norm.weight</c> [Dim].</summary>
    public required float[] FinalNorm { get; init; }

    /// <summary><c>output.weight</c> [VocabSize, Dim]; <see langword="null"/> when tied to <see cref="TokenEmbedding"/>.</summary>
    public float[]? Output { get; init; }

    /// <summary>The output head: <see cref="Output"/>, or the token embedding when tied.</summary>
    public float[] OutputHead => Output ?? TokenEmbedding;

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

        Check(TokenEmbedding, (long)config.VocabSize * config.Dim, "token_embd.weight");
        if (Layers.Length != config.Layers)
            throw new ArgumentException($"{Layers.Length} layers given; the config needs {config.Layers}.", nameof(Layers));
        for (var l = 0; l < Layers.Length; l++)
        {
            var w = Layers[l];
            Check(w.AttnNorm, config.Dim, $"blk.{l}.attn_norm.weight");
            Check(w.Wq, (long)config.Dim * config.Dim, $"blk.{l}.attn_q.weight");
            Check(w.Wk, (long)config.KvDim * config.Dim, $"blk.{l}.attn_k.weight");
            Check(w.Wv, (long)config.KvDim * config.Dim, $"blk.{l}.attn_v.weight");
            Check(w.Wo, (long)config.Dim * config.Dim, $"blk.{l}.attn_output.weight");
            Check(w.FfnNorm, config.Dim, $"blk.{l}.ffn_norm.weight");
            Check(w.WGate, (long)config.HiddenDim * config.Dim, $"blk.{l}.ffn_gate.weight");
            Check(w.WUp, (long)config.HiddenDim * config.Dim, $"blk.{l}.ffn_up.weight");
            Check(w.WDown, (long)config.Dim * config.HiddenDim, $"blk.{l}.ffn_down.weight");
        }
        Check(FinalNorm, config.Dim, "output_norm.weight");
        if (config.TiedEmbeddings != (Output is null))
            throw new ArgumentException(config.TiedEmbeddings ? "The config ties the output head but output.weight is present." : "output.weight is missing and the config does not tie the output head.", nameof(Output));
        if (Output is not null)
            Check(Output, (long)config.VocabSize * config.Dim, "output.weight");
    }
}
