namespace InferScale.Decontamination;

/// <summary>
/// Word tokens (maximal runs of letters, digits and marks, lower-cased) hashed with 64-bit FNV-1a, and n-gram hashes
/// over them. Deterministic across processes (no randomised string hashing).
/// </summary>
public static class NgramTokens
{
    private const ulong FnvOffset = Randomness.StableHash.Offset;
    private const ulong FnvPrime = Randomness.StableHash.Prime;

    /// <summary>Hashes each word token of <paramref name="text"/> into <paramref name="hashes"/> (cleared first).</summary>
    public static void TokenHashes(ReadOnlySpan<char> text, List<ulong> hashes)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        hashes.Clear();
        var h = FnvOffset;
        var inWord = false;
        foreach (var raw in text)
        {
            if (char.IsLetterOrDigit(raw) || char.GetUnicodeCategory(raw) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark)
            {
                var c = char.ToLowerInvariant(raw);
                h = (h ^ c) * FnvPrime;
                inWord = true;
            }
            else if (inWord)
            {
                hashes.Add(h);
                h = FnvOffset;
                inWord = false;
            }
        }
        if (inWord)
            hashes.Add(h);
    }

    /// <summary>Hashes of every n-gram of <paramref name="tokenHashes"/> (position p covers tokens p … p+n−1) into <paramref name="ngrams"/>.</summary>
    public static void NgramHashes(List<ulong> tokenHashes, int n, List<ulong> ngrams)
    {
        ArgumentNullException.ThrowIfNull(tokenHashes);
        ArgumentNullException.ThrowIfNull(ngrams);
        ngrams.Clear();
        for (var p = 0; p + n <= tokenHashes.Count; p++)
        {
            var h = FnvOffset;
            for (var j = 0; j < n; j++)
                h = (h ^ tokenHashes[p + j]) * FnvPrime + (ulong)j;
            ngrams.Add(h);
        }
    }
}
