namespace InferScale.Gateway.Runs;

/// <summary>Splits an answer into the content chunks of a streamed response, never inside a surrogate pair.</summary>
internal static class TextChunker
{
    /// <summary>The pieces of <paramref name="text"/>, each at most <paramref name="maxChars"/> UTF-16 units (one more to keep a pair whole); none for an empty text.</summary>
    public static IEnumerable<string> Split(string text, int maxChars)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChars, 1);
        var start = 0;
        while (start < text.Length)
        {
            var length = Math.Min(maxChars, text.Length - start);
            if (start + length < text.Length && char.IsHighSurrogate(text[start + length - 1]))
                length++;
            yield return text.Substring(start, length);
            start += length;
        }
    }
}
