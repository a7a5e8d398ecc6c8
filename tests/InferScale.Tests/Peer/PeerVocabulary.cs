using InferScale.Engine;

namespace InferScale.Tests.Peer;

/// <summary>
/// Vocabularies for the random bench models written to GGUF (<c>1m</c>: 512 tokens, <c>25m</c>: 4,096): the project's
/// byte-level vocabulary (ids 0–258) followed by real BPE merges, so the files tokenize text and exercise merge ranks.
/// Each extra token joins two characters of an alphabet (space, letters, digits, some punctuation) in GPT-2's
/// byte-to-unicode form; the pairs are taken in a seeded shuffled order, which is their merge rank.
/// </summary>
internal static class PeerVocabulary
{
    private const string Alphabet = " abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,=+-*()";

    /// <summary>A vocabulary of exactly <paramref name="size"/> tokens (at least 259).</summary>
    public static TokenizerVocabulary Create(int size)
    {
        var baseVocabulary = TokenizerVocabulary.CreateByteLevel();
        ArgumentOutOfRangeException.ThrowIfLessThan(size, baseVocabulary.Count);
        var chars = Alphabet.Select(c => GptByteEncoding.ByteToChar((byte)c).ToString()).ToArray();
        var space = chars[0];
        var pairs = new List<(string Left, string Right)>();
        foreach (var left in chars)
        {
            foreach (var right in chars)
            {
                if (right != space)
                    pairs.Add((left, right));
            }
        }
        var random = new Random(12345);
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(pairs));
        var extra = size - baseVocabulary.Count;
        if (extra > pairs.Count)
            throw new ArgumentOutOfRangeException(nameof(size), size, $"At most {baseVocabulary.Count + pairs.Count} tokens.");
        var chosen = pairs.Take(extra).ToList();
        return new TokenizerVocabulary
        {
            Model = baseVocabulary.Model,
            Pre = baseVocabulary.Pre,
            Tokens = [.. baseVocabulary.Tokens, .. chosen.Select(p => p.Left + p.Right)],
            TokenTypes = [.. baseVocabulary.TokenTypes, .. chosen.Select(_ => TokenType.Normal)],
            Merges = [.. baseVocabulary.Merges, .. chosen.Select(p => p.Left + " " + p.Right)],
            BosId = baseVocabulary.BosId,
            EosId = baseVocabulary.EosId,
            AddBos = baseVocabulary.AddBos,
        };
    }
}
