namespace InferScale.Engine;

/// <summary>
/// GPT-2's reversible bytes-to-unicode map: printable Latin-1 bytes (<c>!</c>..<c>~</c>, <c>¡</c>..<c>¬</c>,
/// <c>®</c>..<c>ÿ</c>) stand for themselves, the other 68 bytes map in order to U+0100.. (so space is <c>Ġ</c>,
/// newline <c>Ċ</c>). Every mapped character is one UTF-16 unit.
/// </summary>
public static class GptByteEncoding
{
    private static readonly char[] ByteToCharTable = BuildTable();
    private static readonly Dictionary<char, byte> CharToByteTable = Enumerable.Range(0, 256).ToDictionary(b => ByteToCharTable[b], b => (byte)b);

    /// <summary>The character that stands for byte <paramref name="b"/>.</summary>
    public static char ByteToChar(byte b) => ByteToCharTable[b];

    /// <summary>The byte that <paramref name="c"/> stands for, if it is one of the 256 mapped characters.</summary>
    public static bool TryCharToByte(char c, out byte b) => CharToByteTable.TryGetValue(c, out b);

    /// <summary>Encodes raw bytes as their mapped characters.</summary>
    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
            chars[i] = ByteToCharTable[bytes[i]];
        return new string(chars);
    }

    /// <summary>
    /// Decodes a token's text back to bytes (llama.cpp's <c>llama_decode_text</c>); a character outside the map is kept
    /// as its UTF-8 bytes.
    /// </summary>
    public static byte[] Decode(string text)
    {
        var result = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (CharToByteTable.TryGetValue(text[i], out var b))
            {
                result.Add(b);
                continue;
            }
            var length = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            result.AddRange(System.Text.Encoding.UTF8.GetBytes(text.Substring(i, length)));
            i += length - 1;
        }
        return [.. result];
    }

    private static char[] BuildTable()
    {
        var table = new char[256];
        var n = 0;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
            table[b] = printable ? (char)b : (char)(256 + n++);
        }
        return table;
    }
}
