using System.Text;
using InferScale.Engine;
using InferScale.Engine.Gguf;

namespace InferScale.Tests.Engine.Tokenization;

public sealed class BpeTokenizerTests
{
    /// <summary>Byte tokens 0–255 (id = byte), then the merge results in order, then any extra tokens.</summary>
    private static BpeTokenizer Build(string[] merges, string pre = "gpt-2", (string Text, TokenType Type)[]? extra = null)
    {
        var tokens = Enumerable.Range(0, 256).Select(b => GptByteEncoding.ByteToChar((byte)b).ToString()).ToList();
        foreach (var m in merges)
        {
            var merged = m.Replace(" ", "");
            if (!tokens.Contains(merged))
                tokens.Add(merged);
        }
        var types = Enumerable.Repeat(TokenType.Normal, tokens.Count).ToList();
        foreach (var (text, type) in extra ?? [])
        {
            tokens.Add(text);
            types.Add(type);
        }
        return new BpeTokenizer(new TokenizerVocabulary
        {
            Model = "gpt2",
            Pre = pre,
            Tokens = tokens,
            TokenTypes = types,
            Merges = merges,
            BosId = extra is null ? -1 : tokens.IndexOf("<|bos|>"),
        });
    }

    private static string[] Pieces(BpeTokenizer t, int[] ids) => ids.Select(t.TokenText).ToArray();

    [Fact]
    public void Encode_MergesInRankOrder_LowerRankWins()
    {
        var bcFirst = Build(["b c", "a b"]);
        var abFirst = Build(["a b", "b c"]);

        Assert.Equal(["a", "bc"], Pieces(bcFirst, bcFirst.Encode("abc", false)));
        Assert.Equal(["ab", "c"], Pieces(abFirst, abFirst.Encode("abc", false)));
    }

    [Fact]
    public void Encode_EqualRanks_MergeLeftmostFirst()
    {
        var t = Build(["a a"]);
        Assert.Equal(["aa", "aa", "a"], Pieces(t, t.Encode("aaaaa", false)));
    }

    [Fact]
    public void Encode_ChainedMerges_KnownIds()
    {
        // ids: 256 "he", 257 "ll", 258 "hell", 259 "hello", 260 "Ġw", 261 "or", 262 "Ġwor"
        var t = Build(["h e", "l l", "he ll", "hell o", "Ġ w", "o r", "Ġw or"]);

        var ids = t.Encode("hello world", addBos: false);

        Assert.Equal([259, 262, 'l', 'd'], ids);
        Assert.Equal("hello world", t.Decode(ids));
    }

    [Fact]
    public void Encode_MergesNeverCrossPreTokenizerWords()
    {
        // "o Ġ" would merge "o" with the following space, but GPT-2's regex puts the space in the next word.
        var t = Build(["o Ġ"]);
        Assert.Equal(["g", "o", "Ġ", "o", "n"], Pieces(t, t.Encode("go on", false)));
    }

    [Fact]
    public void Encode_LongWord_MergesCorrectly()
    {
        var t = Build(["a a", "aa aa", "aaaa aaaa"]);
        var ids = t.Encode(new string('a', 100_001), false);

        Assert.Equal(12_501, ids.Length);
        Assert.Equal("aaaaaaaa", t.TokenText(ids[0]));
        Assert.Equal("a", t.TokenText(ids[^1]));
    }

    [Fact]
    public void Encode_ControlTokenText_IsPlainTextUnlessParseSpecial()
    {
        var t = Build(["a b"], extra: [("<|bos|>", TokenType.Control), ("<|tool|>", TokenType.UserDefined)]);
        var bos = t.BosId;
        var tool = t.VocabSize - 1;

        var plain = t.Encode("x<|bos|>y", addBos: false);
        Assert.DoesNotContain(bos, plain);
        Assert.Equal("x<|bos|>y", t.Decode(plain));
        Assert.Equal(['x', bos, 'y'], t.Encode("x<|bos|>y", addBos: false, parseSpecial: true));

        // User-defined tokens are always split out, and decode as their text.
        Assert.Equal(['a', tool, 'b'], t.Encode("a<|tool|>b", addBos: false));
        Assert.Equal("a<|tool|>b", t.Decode(t.Encode("a<|tool|>b", addBos: false)));
        Assert.Equal("x", t.Decode([bos, 'x']));
        Assert.True(t.TokenBytes(bos).IsEmpty);
        Assert.Equal([bos, 'q'], t.Encode("q", addBos: true));
    }

    [Theory]
    [InlineData("gpt-2", "I've 123 apples!!  ok\n", new[] { "I", "'ve", " 123", " apples", "!!", " ", " ok", "\n" })]
    [InlineData("gpt-2", "a  b\nc", new[] { "a", " ", " b", "\n", "c" })]
    [InlineData("default", "x=12345;", new[] { "x", "=", "123", "45", ";" })]
    [InlineData("llama-bpe", "Hello 12345 world's", new[] { "Hello", " ", "123", "45", " world", "'s" })]
    [InlineData("qwen2", "ab 12", new[] { "ab", " ", "1", "2" })]
    public void PreTokenizer_KnownInputs_SplitsLikeLlamaCpp(string pre, string text, string[] expected)
    {
        var splitter = PreTokenizer.TryCreate(pre)!;
        var words = new List<(int Start, int Length)>();
        splitter.Split(text, 0, text.Length, words);
        Assert.Equal(expected, words.Select(w => text.Substring(w.Start, w.Length)));
    }

    [Fact]
    public void Constructor_UnsupportedPre_ThrowsListingSupported()
    {
        var e = Assert.Throws<ArgumentException>(() => Build(["a b"], pre: "no-such-pre"));
        Assert.Contains("no-such-pre", e.Message);
        Assert.Contains("gpt-2", e.Message);
    }

    [Fact]
    public void Encode_MergedSymbolNotInVocabulary_FallsBackToSingleByteTokens()
    {
        var vocabulary = TokenizerVocabulary.CreateByteLevel();
        var t = new BpeTokenizer(new TokenizerVocabulary
        {
            Model = "gpt2",
            Pre = "gpt-2",
            Tokens = vocabulary.Tokens,
            TokenTypes = vocabulary.TokenTypes,
            Merges = ["x y"],
        });
        Assert.Equal(['x', 'y', 'z'], t.Encode("xyz", false));
    }

    [Fact]
    public void Factory_Gpt2Metadata_BuildsBpeAndByteLevelBuildsByteTokenizer()
    {
        static GgufFile Written(TokenizerVocabulary v)
        {
            var w = new GgufWriter();
            v.AddTo(w);
            using var s = new MemoryStream();
            w.WriteTo(s);
            return GgufFile.Read(s.ToArray(), "tok.gguf");
        }

        Assert.IsType<ByteTokenizer>(GgufTokenizerFactory.Create(Written(TokenizerVocabulary.CreateByteLevel())));

        var custom = Build(["h e", "l l"]).Vocabulary;
        var fromFile = Assert.IsType<BpeTokenizer>(GgufTokenizerFactory.Create(Written(custom)));
        Assert.Equal(custom.Tokens, fromFile.Vocabulary.Tokens);
        Assert.Equal(custom.Merges, fromFile.Vocabulary.Merges);
        Assert.Equal([256, 257, 'o'], fromFile.Encode("hello", false));
        Assert.Equal(["he", "ll", "o"], Pieces(fromFile, fromFile.Encode("hello", false)));
    }

    [Fact]
    public void Factory_SentencePieceModel_ThrowsNamingKey()
    {
        var metadata = new Dictionary<string, GgufValue>
        {
            ["tokenizer.ggml.model"] = GgufValue.FromString("llama"),
            ["tokenizer.ggml.tokens"] = GgufValue.FromStringArray(["a"]),
        };
        var e = Assert.Throws<GgufFormatException>(() => GgufTokenizerFactory.Create(metadata, "spm.gguf"));
        Assert.Contains("spm.gguf", e.Message);
        Assert.Contains("tokenizer.ggml.model", e.Message);
    }

    [Fact]
    public void Factory_MissingMerges_ThrowsLikeLlamaCpp()
    {
        var metadata = new Dictionary<string, GgufValue>
        {
            ["tokenizer.ggml.model"] = GgufValue.FromString("gpt2"),
            ["tokenizer.ggml.tokens"] = GgufValue.FromStringArray(["a"]),
        };
        Assert.Contains("tokenizer.ggml.merges", Assert.Throws<GgufFormatException>(() => GgufTokenizerFactory.Create(metadata)).Message);
    }

    [Fact]
    public void Validate_DuplicateToken_Throws()
    {
        var v = new TokenizerVocabulary { Model = "gpt2", Tokens = ["a", "b", "a"], TokenTypes = [TokenType.Normal, TokenType.Normal, TokenType.Normal], Merges = ["a b"] };
        Assert.Contains("duplicates token 0", Assert.Throws<ArgumentException>(v.Validate).Message);
    }

    [Fact]
    public void Decode_Unicode_RoundTripsThroughMergedVocabulary()
    {
        var t = Build(["Ġ ä", "ä ¸", "Ġ ðŁ"]);
        foreach (var text in new[] { "naïve 中文 🌍 e\u0301", "   \t\n x  ", "ÀÀÀ" })
            Assert.Equal(text, t.Decode(t.Encode(text, false)));
        Assert.Equal(Encoding.UTF8.GetBytes("中"), t.Encode("中", false).SelectMany(id => t.TokenBytes(id).ToArray()));
    }
}
