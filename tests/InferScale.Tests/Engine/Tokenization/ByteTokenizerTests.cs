using System.Text;
using InferScale.Engine;

namespace InferScale.Tests.Engine.Tokenization;

public sealed class ByteTokenizerTests
{
    public static TheoryData<string> Texts() =>
    [
        "",
        "Hello, world! 12+34=46",
        "emoji 🌍🚀 and 👩‍👩‍👧 family",
        "中文测试，日本語のテキスト",
        "e\u0301 combining a\u0308 marks",
        "  leading, trailing  \t\t and\n\n\nruns   ",
        "mixed: naïve café — “quotes” ¿¡",
        "<s> not a control token </s>",
    ];

    [Theory]
    [MemberData(nameof(Texts))]
    public void Encode_Text_IsUtf8BytesAndRoundTrips(string text)
    {
        var tokenizer = ByteTokenizer.Instance;
        var ids = tokenizer.Encode(text, addBos: false);

        Assert.Equal(Encoding.UTF8.GetBytes(text).Select(b => (int)b), ids);
        Assert.Equal(text, tokenizer.Decode(ids));
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void Encode_SameAsBpeOverByteLevelVocabulary(string text)
    {
        var bpe = new BpeTokenizer(TokenizerVocabulary.CreateByteLevel());
        Assert.Equal(bpe.Encode(text, addBos: true), ByteTokenizer.Instance.Encode(text, addBos: true));
        Assert.Equal(text, bpe.Decode(bpe.Encode(text, addBos: true)));
    }

    [Fact]
    public void Encode_RandomUnicode_SameAsBpeAndRoundTrips()
    {
        var random = new Random(42);
        var bpe = new BpeTokenizer(TokenizerVocabulary.CreateByteLevel());
        for (var i = 0; i < 200; i++)
        {
            var sb = new StringBuilder();
            for (var j = random.Next(1, 40); j > 0; j--)
            {
                var cp = random.Next(4) switch { 0 => random.Next(0, 0x80), 1 => random.Next(0x80, 0x800), 2 => random.Next(0x800, 0xD800), _ => random.Next(0x10000, 0x110000) };
                sb.Append(char.ConvertFromUtf32(cp));
            }
            var text = sb.ToString();
            var ids = ByteTokenizer.Instance.Encode(text, addBos: false);
            Assert.Equal(bpe.Encode(text, addBos: false), ids);
            Assert.Equal(text, ByteTokenizer.Instance.Decode(ids));
        }
    }

    [Fact]
    public void Encode_AddBos_PrependsBos()
    {
        Assert.Equal([256, (int)'h', (int)'i'], ByteTokenizer.Instance.Encode("hi", addBos: true));
    }

    [Fact]
    public void TokenBytes_EveryByteId_IsThatByte()
    {
        for (var b = 0; b < 256; b++)
            Assert.Equal([(byte)b], ByteTokenizer.Instance.TokenBytes(b).ToArray());
        Assert.True(ByteTokenizer.Instance.TokenBytes(256).IsEmpty);
        Assert.True(ByteTokenizer.Instance.TokenBytes(257).IsEmpty);
    }

    [Fact]
    public void Decode_All256ByteIds_MatchesUtf8DecodingOfThoseBytes()
    {
        var ids = Enumerable.Range(0, 256).ToArray();
        var bytes = Enumerable.Range(0, 256).Select(b => (byte)b).ToArray();
        Assert.Equal(Encoding.UTF8.GetString(bytes), ByteTokenizer.Instance.Decode(ids));
    }

    [Fact]
    public void Decode_ControlTokens_AreDropped()
    {
        var ids = ByteTokenizer.Instance.Encode("ok", addBos: true).Append(ByteTokenizer.Instance.EosId).ToArray();
        Assert.Equal("ok", ByteTokenizer.Instance.Decode(ids));
    }

    [Fact]
    public void TokenBytes_SplitUtf8Character_EachTokenHoldsPartAndHalfDecodesToReplacement()
    {
        var ids = ByteTokenizer.Instance.Encode("é€", addBos: false);

        Assert.Equal(5, ids.Length);
        Assert.Equal([0xC3], ByteTokenizer.Instance.TokenBytes(ids[0]).ToArray());
        Assert.Equal([0xA9], ByteTokenizer.Instance.TokenBytes(ids[1]).ToArray());
        Assert.Equal("\uFFFD", ByteTokenizer.Instance.Decode(ids.AsSpan(0, 1)));
        Assert.Equal("é\uFFFD", ByteTokenizer.Instance.Decode(ids.AsSpan(0, 3)));
        Assert.Equal("é€", ByteTokenizer.Instance.Decode(ids));
    }

    [Fact]
    public void Vocabulary_ByteLevel_IsValidGpt2WithOneNeverFiringMerge()
    {
        var v = TokenizerVocabulary.CreateByteLevel();
        v.Validate();
        Assert.Equal(259, v.Count);
        Assert.Equal(ByteTokenizer.Instance.VocabSize, v.Count);
        Assert.Equal("Ġ", v.Tokens[' ']);
        Assert.Equal("Ċ", v.Tokens['\n']);
        Assert.Equal("A", v.Tokens['A']);
        Assert.Equal(TokenType.Control, v.TokenTypes[v.BosId]);
        Assert.Equal(TokenType.Control, v.TokenTypes[v.EosId]);
        Assert.Equal(["À À"], v.Merges);
        Assert.True(v.IsByteLevel());
    }
}
