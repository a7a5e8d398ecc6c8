using System.Text;
using BenchmarkDotNet.Attributes;
using InferScale.Engine;

namespace InferScale.Benchmarks;

/// <summary>
/// Encode throughput on ~300 KB of mixed English, digits and Unicode: the byte-level tokenizer, and byte-level BPE with
/// ~1,000 merges built from common words (cold = word cache cleared by a new instance; warm = cache filled).
/// Report MB/s as 0.3 MB / mean time.
/// </summary>
[MemoryDiagnoser]
public class GgufTokenizerBenchmarks
{
    private static readonly string[] Words =
    [
        "the", "of", "and", "to", "in", "is", "that", "for", "it", "as", "with", "was", "on", "be", "by", "this", "are", "from",
        "number", "answer", "problem", "solve", "first", "second", "total", "each", "many", "more", "than", "there", "their",
        "compute", "inference", "scaling", "sample", "vote", "model", "token", "search", "reward", "step", "value",
    ];

    private string _text = "";
    private BpeTokenizer _bpe = null!;
    private TokenizerVocabulary _vocabulary = null!;

    /// <summary>Characters of input text.</summary>
    public int TextLength => _text.Length;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        var sb = new StringBuilder();
        while (sb.Length < 300_000)
        {
            sb.Append(Words[random.Next(Words.Length)]);
            sb.Append(random.Next(12) switch { 0 => $" {random.Next(100000)} + {random.Next(1000)} = ", 1 => ".\n", 2 => ", ", 3 => " café 中文 🌍 ", _ => " " });
        }
        _text = sb.ToString();
        _vocabulary = BuildVocabulary();
        _bpe = new BpeTokenizer(_vocabulary);
        _bpe.Encode(_text, addBos: false);
    }

    private static TokenizerVocabulary BuildVocabulary()
    {
        var tokens = Enumerable.Range(0, 256).Select(b => GptByteEncoding.ByteToChar((byte)b).ToString()).ToList();
        var merges = new List<string>();
        foreach (var word in Words.SelectMany(w => new[] { w, " " + w }).Concat(Enumerable.Range(0, 1000).Select(i => i.ToString())))
        {
            var encoded = GptByteEncoding.Encode(Encoding.UTF8.GetBytes(word));
            for (var i = 1; i < encoded.Length; i++)
            {
                var left = encoded[..i];
                var merged = encoded[..(i + 1)];
                if (tokens.Contains(merged))
                    continue;
                merges.Add($"{left} {encoded[i]}");
                tokens.Add(merged);
            }
        }
        return new TokenizerVocabulary
        {
            Model = TokenizerVocabulary.Gpt2Model,
            Pre = "gpt-2",
            Tokens = tokens,
            TokenTypes = Enumerable.Repeat(TokenType.Normal, tokens.Count).ToArray(),
            Merges = merges,
        };
    }

    [Benchmark(Baseline = true)]
    public int ByteTokenizer_Encode() => ByteTokenizer.Instance.Encode(_text, addBos: false).Length;

    [Benchmark]
    public int Bpe_Encode_WarmCache() => _bpe.Encode(_text, addBos: false).Length;

    [Benchmark]
    public int Bpe_Encode_Cold() => new BpeTokenizer(_vocabulary).Encode(_text, addBos: false).Length;

    [Benchmark]
    public int Bpe_Decode() => _bpe.Decode(_bpe.Encode(_text, addBos: false)).Length;
}
