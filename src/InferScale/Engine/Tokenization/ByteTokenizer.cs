using System.Text;

namespace InferScale.Engine;

/// <summary>
/// The tokenizer of the project's own small models (<see cref="TokenizerVocabulary.CreateByteLevel"/>): a token per
/// UTF-8 byte (id = byte value), <c>&lt;s&gt;</c> = 256 (BOS), <c>&lt;/s&gt;</c> = 257 (EOS), and the never-used merge
/// token 258. It gives exactly the ids <see cref="BpeTokenizer"/> and llama.cpp give for that vocabulary, without the
/// regex and merge work. Immutable and thread-safe.
/// </summary>
public sealed class ByteTokenizer : ITokenizer
{
    private static readonly UTF8Encoding Utf8 = new(false, false);
    private static readonly byte[][] Bytes = BuildBytes();

    /// <summary>The shared instance.</summary>
    public static ByteTokenizer Instance { get; } = new();

    /// <summary>The vocabulary, to write into GGUF files.</summary>
    public TokenizerVocabulary Vocabulary { get; } = TokenizerVocabulary.CreateByteLevel();

    /// <inheritdoc />
    public int VocabSize => 259;

    /// <inheritdoc />
    public int BosId => 256;

    /// <inheritdoc />
    public int EosId => 257;

    /// <inheritdoc />
    public int[] Encode(string text, bool addBos)
    {
        ArgumentNullException.ThrowIfNull(text);
        var offset = addBos ? 1 : 0;
        var count = Utf8.GetByteCount(text);
        var bytes = count <= 1024 ? stackalloc byte[count] : new byte[count];
        Utf8.GetBytes(text, bytes);
        var ids = new int[count + offset];
        if (addBos)
            ids[0] = BosId;
        for (var i = 0; i < count; i++)
            ids[i + offset] = bytes[i];
        return ids;
    }

    /// <inheritdoc />
    public ReadOnlySpan<byte> TokenBytes(int id) =>
        (uint)id < (uint)Bytes.Length ? Bytes[id] : throw new ArgumentOutOfRangeException(nameof(id), id, $"Token id must be in 0..{Bytes.Length - 1}.");

    /// <inheritdoc />
    public string Decode(ReadOnlySpan<int> ids)
    {
        var bytes = new List<byte>(ids.Length);
        foreach (var id in ids)
            bytes.AddRange(TokenBytes(id));
        return Utf8.GetString([.. bytes]);
    }

    private static byte[][] BuildBytes()
    {
        var table = new byte[259][];
        for (var b = 0; b < 256; b++)
            table[b] = [(byte)b];
        table[256] = [];
        table[257] = [];
        table[258] = [0xC0, 0xC0];
        return table;
    }
}
