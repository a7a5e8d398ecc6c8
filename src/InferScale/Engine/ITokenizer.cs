namespace InferScale.Engine;

/// <summary>Maps text to token ids and back. Implementations are immutable and thread-safe.</summary>
public interface ITokenizer
{
    /// <summary>Number of tokens in the vocabulary.</summary>
    int VocabSize { get; }

    /// <summary>Beginning-of-sequence token id, or -1 when the vocabulary has none.</summary>
    int BosId { get; }

    /// <summary>End-of-sequence token id, or -1 when the vocabulary has none.</summary>
    int EosId { get; }

    /// <summary>Encodes <paramref name="text"/>; prepends <see cref="BosId"/> when <paramref name="addBos"/> and the vocabulary has one.</summary>
    int[] Encode(string text, bool addBos);

    /// <summary>The raw bytes a token stands for (UTF-8 may be split across tokens); empty for control tokens.</summary>
    ReadOnlySpan<byte> TokenBytes(int id);

    /// <summary>Decodes ids to text (control tokens are dropped; invalid UTF-8 becomes U+FFFD).</summary>
    string Decode(ReadOnlySpan<int> ids);
}
