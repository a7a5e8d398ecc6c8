namespace InferScale.Engine.Gguf;

/// <summary>A llama model loaded from GGUF by <see cref="LlamaGguf.Load(string, LlamaLoadOptions?)"/>: shape, weights, tokenizer and the file itself.</summary>
public sealed class LlamaModelFile
{
    /// <summary>Model shape, from the <c>llama.*</c> keys.</summary>
    public required TransformerConfig Config { get; init; }

    /// <summary>All weights (row-major <c>[out, in]</c>): float32, or Q8_0 kept quantised (<see cref="LlamaLoadOptions.KeepQuantized"/>).</summary>
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
