namespace InferScale.Engine;

/// <summary>
/// Shape of a llama-style decoder-only transformer (RMSNorm, RoPE over adjacent pairs, grouped-query attention, SwiGLU).
/// Maps one-to-one to GGUF's <c>llama.*</c> metadata keys.
/// </summary>
public sealed record TransformerConfig
{
    /// <summary>Vocabulary size.</summary>
    public required int VocabSize { get; init; }

    /// <summary>Model width (<c>llama.embedding_length</c>).</summary>
    public required int Dim { get; init; }

    /// <summary>Transformer blocks (<c>llama.block_count</c>).</summary>
    public required int Layers { get; init; }

    /// <summary>Query heads (<c>llama.attention.head_count</c>).</summary>
    public required int Heads { get; init; }

    /// <summary>Key/value heads (<c>llama.attention.head_count_kv</c>); equal to <see cref="Heads"/> without GQA.</summary>
    public required int KvHeads { get; init; }

    /// <summary>SwiGLU hidden width (<c>llama.feed_forward_length</c>).</summary>
    public required int HiddenDim { get; init; }

    /// <summary>Maximum sequence length (<c>llama.context_length</c>).</summary>
    public required int ContextLength { get; init; }

    /// <summary>RMSNorm epsilon (<c>llama.attention.layer_norm_rms_epsilon</c>).</summary>
    public float RmsEps { get; init; } = 1e-5f;

    /// <summary>RoPE base frequency (<c>llama.rope.freq_base</c>).</summary>
    public float RopeTheta { get; init; } = 10000f;

    /// <summary>Whether the output head reuses the token embedding (no <c>output.weight</c> tensor).</summary>
    public bool TiedEmbeddings { get; init; }

    /// <summary>Width of one attention head.</summary>
    public int HeadDim => Dim / Heads;

    /// <summary>Width of the key (and value) projection.</summary>
    public int KvDim => KvHeads * HeadDim;

    /// <summary>Total parameters, counting a tied head once.</summary>
    public long ParameterCount
    {
        get
        {
            long perLayer = 2L * Dim + (long)Dim * Dim * 2 + 2L * KvDim * Dim + 3L * HiddenDim * Dim;
            return (long)VocabSize * Dim * (TiedEmbeddings ? 1 : 2) + Layers * perLayer + Dim;
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first inconsistent field.</summary>
    public void Validate()
    {
        static void Positive(int value, string name)
        {
            if (value <= 0)
                throw new ArgumentOutOfRangeException(name, value, $"{name} must be > 0.");
        }

        Positive(VocabSize, nameof(VocabSize));
        Positive(Dim, nameof(Dim));
        Positive(Layers, nameof(Layers));
        Positive(Heads, nameof(Heads));
        Positive(KvHeads, nameof(KvHeads));
        Positive(HiddenDim, nameof(HiddenDim));
        Positive(ContextLength, nameof(ContextLength));
        if (Dim % Heads != 0)
            throw new ArgumentException($"Dim ({Dim}) must be a multiple of Heads ({Heads}).", nameof(Dim));
        if (Heads % KvHeads != 0)
            throw new ArgumentException($"Heads ({Heads}) must be a multiple of KvHeads ({KvHeads}).", nameof(KvHeads));
        if (HeadDim % 2 != 0)
            throw new ArgumentException($"The head size ({HeadDim}) must be even for RoPE.", nameof(Heads));
        if (!(RmsEps > 0))
            throw new ArgumentOutOfRangeException(nameof(RmsEps), RmsEps, "RmsEps must be > 0.");
        if (!(RopeTheta > 0))
            throw new ArgumentOutOfRangeException(nameof(RopeTheta), RopeTheta, "RopeTheta must be > 0.");
    }
}
