namespace InferScale.Engine.Gguf;

/// <summary>Metadata keys used by llama.cpp for llama-architecture models and GGML tokenizers.</summary>
public static class GgufKeys
{
    /// <summary><c>general.architecture</c> (string, <c>llama</c>).</summary>
    public const string Architecture = "general.architecture";

    /// <summary><c>general.name</c> (string).</summary>
    public const string Name = "general.name";

    /// <summary><c>general.file_type</c> (u32 <c>llama_ftype</c>: 0 all F32, 1 mostly F16, 7 mostly Q8_0).</summary>
    public const string FileType = "general.file_type";

    /// <summary><c>llama.context_length</c> (u32).</summary>
    public const string ContextLength = "llama.context_length";

    /// <summary><c>llama.embedding_length</c> (u32).</summary>
    public const string EmbeddingLength = "llama.embedding_length";

    /// <summary><c>llama.block_count</c> (u32).</summary>
    public const string BlockCount = "llama.block_count";

    /// <summary><c>llama.feed_forward_length</c> (u32).</summary>
    public const string FeedForwardLength = "llama.feed_forward_length";

    /// <summary><c>llama.attention.head_count</c> (u32).</summary>
    public const string HeadCount = "llama.attention.head_count";

    /// <summary><c>llama.attention.head_count_kv</c> (u32).</summary>
    public const string HeadCountKv = "llama.attention.head_count_kv";

    /// <summary><c>llama.attention.layer_norm_rms_epsilon</c> (f32).</summary>
    public const string RmsEpsilon = "llama.attention.layer_norm_rms_epsilon";

    /// <summary><c>llama.rope.dimension_count</c> (u32, the head size).</summary>
    public const string RopeDimensionCount = "llama.rope.dimension_count";

    /// <summary><c>llama.rope.freq_base</c> (f32).</summary>
    public const string RopeFreqBase = "llama.rope.freq_base";

    /// <summary><c>llama.vocab_size</c> (u32).</summary>
    public const string VocabSize = "llama.vocab_size";

    /// <summary><c>tokenizer.ggml.model</c> (string: <c>gpt2</c> for byte-level BPE).</summary>
    public const string TokenizerModel = "tokenizer.ggml.model";

    /// <summary><c>tokenizer.ggml.pre</c> (string: the pre-tokenizer, e.g. <c>gpt-2</c>).</summary>
    public const string TokenizerPre = "tokenizer.ggml.pre";

    /// <summary><c>tokenizer.ggml.tokens</c> (string array).</summary>
    public const string Tokens = "tokenizer.ggml.tokens";

    /// <summary><c>tokenizer.ggml.token_type</c> (i32 array of <see cref="InferScale.Engine.TokenType"/>).</summary>
    public const string TokenTypes = "tokenizer.ggml.token_type";

    /// <summary><c>tokenizer.ggml.merges</c> (string array, <c>"left right"</c>, in rank order).</summary>
    public const string Merges = "tokenizer.ggml.merges";

    /// <summary><c>tokenizer.ggml.bos_token_id</c> (u32).</summary>
    public const string BosTokenId = "tokenizer.ggml.bos_token_id";

    /// <summary><c>tokenizer.ggml.eos_token_id</c> (u32).</summary>
    public const string EosTokenId = "tokenizer.ggml.eos_token_id";

    /// <summary><c>tokenizer.ggml.padding_token_id</c> (u32).</summary>
    public const string PaddingTokenId = "tokenizer.ggml.padding_token_id";

    /// <summary><c>tokenizer.ggml.add_bos_token</c> (bool).</summary>
    public const string AddBosToken = "tokenizer.ggml.add_bos_token";

    /// <summary><c>tokenizer.ggml.add_eos_token</c> (bool).</summary>
    public const string AddEosToken = "tokenizer.ggml.add_eos_token";
}
