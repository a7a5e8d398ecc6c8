using InferScale.Engine.Gguf;

namespace InferScale.Engine;

/// <summary>Builds the <see cref="ITokenizer"/> a GGUF file describes in its <c>tokenizer.ggml.*</c> metadata.</summary>
public static class GgufTokenizerFactory
{
    /// <summary>
    /// A <see cref="ByteTokenizer"/> for the project's byte-level vocabulary, otherwise a <see cref="BpeTokenizer"/>.
    /// Throws <see cref="GgufFormatException"/> (naming <paramref name="source"/> and the key) for a missing, invalid or
    /// unsupported tokenizer (only <c>gpt2</c> byte-level BPE is supported; see <see cref="BpeTokenizer"/> for pre-tokenizers).
    /// </summary>
    public static ITokenizer Create(IReadOnlyDictionary<string, GgufValue> metadata, string? source = null)
    {
        var vocabulary = TokenizerVocabulary.FromMetadata(metadata, source);
        if (vocabulary.IsByteLevel())
            return ByteTokenizer.Instance;
        try
        {
            return new BpeTokenizer(vocabulary);
        }
        catch (ArgumentException ex)
        {
            throw new GgufFormatException(source, null, ex.Message, ex);
        }
    }

    /// <summary>The tokenizer of <paramref name="file"/>.</summary>
    public static ITokenizer Create(GgufFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return Create(file.Metadata, file.Source);
    }
}
