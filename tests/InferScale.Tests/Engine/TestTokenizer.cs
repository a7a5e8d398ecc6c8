using System.Text;
using InferScale.Engine;

namespace InferScale.Tests.Engine;

/// <summary>
/// A tiny tokenizer for engine tests: 0 = BOS, 1 = EOS (optional), then single characters of a small alphabet and a few
/// two-character tokens (so stop strings can span token boundaries). Encodes greedily, longest match first.
/// </summary>
internal sealed class TestTokenizer : ITokenizer
{
    private static readonly string[] Pieces =
        [.. "abcdefghijklmnopqrstuvwxyz .\n".Select(c => c.ToString()), "th", "he", "in", "er", "an", " t"];

    private readonly bool _hasEos;

    public TestTokenizer(bool hasEos = true) => _hasEos = hasEos;

    /// <summary>Called on every <see cref="Decode"/> (tests use it to act between decode steps).</summary>
    public Action? OnDecode { get; set; }

    public int VocabSize => Pieces.Length + 2;

    public int BosId => 0;

    public int EosId => _hasEos ? 1 : -1;

    public int[] Encode(string text, bool addBos)
    {
        var ids = new List<int>();
        if (addBos)
            ids.Add(BosId);
        var i = 0;
        while (i < text.Length)
        {
            var best = -1;
            for (var p = 0; p < Pieces.Length; p++)
            {
                if (string.CompareOrdinal(text, i, Pieces[p], 0, Pieces[p].Length) == 0 && (best < 0 || Pieces[p].Length > Pieces[best].Length))
                    best = p;
            }
            if (best < 0)
                throw new ArgumentException($"Character '{text[i]}' is not in the test alphabet.", nameof(text));
            ids.Add(best + 2);
            i += Pieces[best].Length;
        }
        return [.. ids];
    }

    public ReadOnlySpan<byte> TokenBytes(int id) => id < 2 ? [] : Encoding.UTF8.GetBytes(Pieces[id - 2]);

    public string Decode(ReadOnlySpan<int> ids)
    {
        OnDecode?.Invoke();
        var sb = new StringBuilder();
        foreach (var id in ids)
        {
            if (id >= 2 && id < VocabSize)
                sb.Append(Pieces[id - 2]);
        }
        return sb.ToString();
    }
}
