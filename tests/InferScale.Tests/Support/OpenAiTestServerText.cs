using System.Globalization;
using System.Text;

namespace InferScale.Tests.Support;

/// <summary>
/// The test server's deterministic "model": the text of choice <c>j</c> encodes the seed it was drawn with (or
/// <c>greedy</c> at temperature 0), so tests can check which seed reached the server. Token 0 is <c>s{seed}c{j} </c>
/// (or <c>greedy </c>); token k ≥ 1 is <c>t{k}-{h} </c> with h a hash of (prompt, key, k).
/// </summary>
public static class OpenAiTestServerText
{
    /// <summary>The full (unstopped) token list of one choice.</summary>
    public static List<string> Tokens(string prompt, double temperature, long seed, int choice, int length)
    {
        var key = temperature == 0 ? "greedy" : string.Create(CultureInfo.InvariantCulture, $"s{seed}c{choice}");
        var tokens = new List<string>(length) { key + " " };
        for (var k = 1; k < length; k++)
            tokens.Add(string.Create(CultureInfo.InvariantCulture, $"t{k}-{Hash(prompt + "|" + key + "|" + k) % 100} "));
        return tokens;
    }

    /// <summary>The logprob the server reports for a token.</summary>
    public static float Logprob(string token) => -0.001f - (Hash(token) % 1000) / 1000f;

    /// <summary>FNV-1a over UTF-8.</summary>
    public static uint Hash(string text)
    {
        var h = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
            h = unchecked((h ^ b) * 16777619u);
        return h;
    }

    /// <summary>Whitespace-separated words: the server's token count for prompts.</summary>
    public static int CountWords(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
