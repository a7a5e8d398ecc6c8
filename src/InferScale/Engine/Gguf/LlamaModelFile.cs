namespace InferScale.Engine.Gguf;

/// <summary>A llama model loaded from GGUF by <see cref="LlamaGguf.Load(string)"/>: shape, float32 weights, tokenizer and the file itself.</summary>
public sealed class LlamaModelFile
{
    /// <summary>Model shape, from the <c>llama.*</c> keys.</summary>
    public required TransformerConfig Config { get; init; }

    /// <summary>All weights, converted to float32 (row-major <c>[out, in]</c>).</summary>
    public required TransformerWeights Weights { get; init; }

    /// <summary>The tokenizer the file describes.</summary>
    public required ITokenizer Tokenizer { get; init; }

    /// <summary>The tokenizer vocabulary (to write the model again).</summary>
    public required TokenizerVocabulary Vocabulary { get; init; }

    /// <summary><c>general.name</c>, or the file name without extension when absent.</summary>
    public required string Name { get; init; }

    /// <summary>Storage type of the weight matrices (that of <c>blk.0.attn_q.weight</c>).</summary>
    public required GgufTensorType WeightType { get; init; }

    /// <summary>The parsed file: all metadata and the tensor table.</summary>
    public required GgufFile File { get; init; }
}
