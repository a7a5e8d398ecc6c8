using InferScale.Engine;
using InferScale.Engine.Gguf;

namespace InferScale.Tests.Engine.Gguf;

public sealed class LlamaGgufTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inferscale-llama-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathFor(string name) => Path.Combine(_dir, name);

    private static TransformerConfig Config(bool tied = false) => new()
    {
        VocabSize = 259,
        Dim = 32,
        Layers = 2,
        Heads = 4,
        KvHeads = 2,
        HiddenDim = 64,
        ContextLength = 128,
        RmsEps = 1e-6f,
        RopeTheta = 500000f,
        TiedEmbeddings = tied,
    };

    private static TransformerWeights Weights(TransformerConfig c, int seed)
    {
        var random = new Random(seed);
        float[] R(long n) => Enumerable.Range(0, (int)n).Select(_ => (float)(random.NextDouble() * 2 - 1) * 0.1f).ToArray();
        return new TransformerWeights
        {
            TokenEmbedding = R((long)c.VocabSize * c.Dim),
            Layers = Enumerable.Range(0, c.Layers).Select(_ => new LayerWeights
            {
                AttnNorm = R(c.Dim),
                Wq = R(c.Dim * c.Dim),
                Wk = R(c.KvDim * c.Dim),
                Wv = R(c.KvDim * c.Dim),
                Wo = R(c.Dim * c.Dim),
                FfnNorm = R(c.Dim),
                WGate = R(c.HiddenDim * c.Dim),
                WUp = R(c.HiddenDim * c.Dim),
                WDown = R(c.Dim * c.HiddenDim),
            }).ToArray(),
            FinalNorm = R(c.Dim),
            Output = c.TiedEmbeddings ? null : R((long)c.VocabSize * c.Dim),
        };
    }

    private static IEnumerable<(string Name, float[] Data)> All(TransformerWeights w)
    {
        yield return ("token_embd", w.TokenEmbedding.ToFloat32());
        for (var l = 0; l < w.Layers.Length; l++)
        {
            var x = w.Layers[l];
            foreach (var (n, d) in new[] { ("attn_norm", x.AttnNorm), ("q", x.Wq.ToFloat32()), ("k", x.Wk.ToFloat32()), ("v", x.Wv.ToFloat32()), ("o", x.Wo.ToFloat32()), ("ffn_norm", x.FfnNorm), ("gate", x.WGate.ToFloat32()), ("up", x.WUp.ToFloat32()), ("down", x.WDown.ToFloat32()) })
                yield return ($"{l}.{n}", d);
        }
        yield return ("output_norm", w.FinalNorm);
        if (w.Output is not null)
            yield return ("output", w.Output.ToFloat32());
    }

    private static float[] Requantized(float[] data, GgufTensorType type)
    {
        var bytes = new byte[GgufTensorTypeInfo.ByteSize(type, data.Length)];
        GgufCodec.Encode(data, type, bytes);
        var result = new float[data.Length];
        GgufCodec.Decode(bytes, type, result);
        return result;
    }

    [Fact]
    public void SaveLoad_F32_IsBitExactWithConfigAndTokenizer()
    {
        var config = Config();
        var weights = Weights(config, 1);
        var path = PathFor("f32.gguf");

        LlamaGguf.Save(path, config, weights, TokenizerVocabulary.CreateByteLevel(), GgufTensorType.F32, "tiny-test");
        var model = LlamaGguf.Load(path);

        Assert.Equal(config, model.Config);
        Assert.Equal("tiny-test", model.Name);
        Assert.Equal(GgufTensorType.F32, model.WeightType);
        Assert.IsType<ByteTokenizer>(model.Tokenizer);
        foreach (var ((name, expected), (_, actual)) in All(weights).Zip(All(model.Weights)))
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"{name} differs");
    }

    [Theory]
    [InlineData(GgufTensorType.F16)]
    [InlineData(GgufTensorType.Q8_0)]
    public void SaveLoad_Quantized_EqualsDequantizedValuesAndResavesByteIdentical(GgufTensorType type)
    {
        var config = Config();
        var weights = Weights(config, 2);
        var first = PathFor("a.gguf");
        var second = PathFor("b.gguf");

        LlamaGguf.Save(first, config, weights, TokenizerVocabulary.CreateByteLevel(), type, "q");
        var model = LlamaGguf.Load(first);
        LlamaGguf.Save(second, model.Config, model.Weights, model.Vocabulary, model.WeightType, model.Name);

        Assert.Equal(type, model.WeightType);
        foreach (var ((name, original), (_, loaded)) in All(weights).Zip(All(model.Weights)))
        {
            var expected = name.EndsWith("norm", StringComparison.Ordinal) ? original : Requantized(original, type);
            Assert.True(expected.AsSpan().SequenceEqual(loaded), $"{name} differs");
        }
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }

    [Theory]
    [InlineData(GgufTensorType.Q8_0, true, GgufTensorType.Q8_0)]
    [InlineData(GgufTensorType.Q8_0, false, GgufTensorType.F32)]
    [InlineData(GgufTensorType.F16, true, GgufTensorType.F32)]
    [InlineData(GgufTensorType.F32, true, GgufTensorType.F32)]
    public void Load_KeepQuantized_KeepsOnlyQ8_0MatricesQuantizedWithTheSameValues(GgufTensorType fileType, bool keep, GgufTensorType held)
    {
        var config = Config(tied: true);
        var path = PathFor("k.gguf");
        LlamaGguf.Save(path, config, Weights(config, 8), TokenizerVocabulary.CreateByteLevel(), fileType, "k");

        var model = LlamaGguf.Load(path, new LlamaLoadOptions { KeepQuantized = keep });
        var floats = LlamaGguf.Load(path, new LlamaLoadOptions { KeepQuantized = false });

        Assert.Equal(fileType, model.WeightType);
        Assert.Equal(held, model.Weights.TokenEmbedding.StorageType);
        Assert.All(model.Weights.Layers, l => Assert.Equal(held, l.WDown.StorageType));
        foreach (var ((name, expected), (_, actual)) in All(floats.Weights).Zip(All(model.Weights)))
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"{name} differs");
        var resaved = PathFor("f32.gguf");
        LlamaGguf.Save(resaved, model.Config, model.Weights, model.Vocabulary, GgufTensorType.F32, model.Name);
        foreach (var ((name, expected), (_, actual)) in All(floats.Weights).Zip(All(LlamaGguf.Load(resaved).Weights)))
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"{name} differs after saving as F32");
    }

    [Fact]
    public void Save_WritesEveryKeyLlamaCppNeedsWithItsTypes()
    {
        var config = Config();
        var path = PathFor("keys.gguf");
        LlamaGguf.Save(path, config, Weights(config, 3), TokenizerVocabulary.CreateByteLevel(), GgufTensorType.Q8_0, "keys");
        var file = GgufFile.Read(path);

        Assert.Equal("llama", file.GetString("general.architecture"));
        Assert.Equal("keys", file.GetString("general.name"));
        Assert.Equal(7u, file.GetUInt32("general.file_type"));
        Assert.Equal(128u, file.GetUInt32("llama.context_length"));
        Assert.Equal(32u, file.GetUInt32("llama.embedding_length"));
        Assert.Equal(2u, file.GetUInt32("llama.block_count"));
        Assert.Equal(64u, file.GetUInt32("llama.feed_forward_length"));
        Assert.Equal(4u, file.GetUInt32("llama.attention.head_count"));
        Assert.Equal(2u, file.GetUInt32("llama.attention.head_count_kv"));
        Assert.Equal(8u, file.GetUInt32("llama.rope.dimension_count"));
        Assert.Equal(1e-6f, file.GetFloat32("llama.attention.layer_norm_rms_epsilon"));
        Assert.Equal(500000f, file.GetFloat32("llama.rope.freq_base"));
        Assert.Equal(259u, file.GetUInt32("llama.vocab_size"));
        Assert.Equal("gpt2", file.GetString("tokenizer.ggml.model"));
        Assert.Equal("gpt-2", file.GetString("tokenizer.ggml.pre"));
        Assert.Equal(259, file.GetArray("tokenizer.ggml.tokens").AsStringArray().Distinct().Count());
        Assert.Equal(259, file.GetArray("tokenizer.ggml.token_type").AsInt32Array().Count);
        Assert.NotEmpty(file.GetArray("tokenizer.ggml.merges").AsStringArray());
        Assert.Equal(256u, file.GetUInt32("tokenizer.ggml.bos_token_id"));
        Assert.Equal(257u, file.GetUInt32("tokenizer.ggml.eos_token_id"));
        Assert.Equal(GgufTensorType.F32, file.GetTensor("blk.0.attn_norm.weight").Type);
        Assert.Equal(GgufTensorType.F32, file.GetTensor("output_norm.weight").Type);
        Assert.Equal(GgufTensorType.Q8_0, file.GetTensor("token_embd.weight").Type);
        Assert.Equal([32L, 259L], file.GetTensor("token_embd.weight").Shape);
        Assert.Equal([32L, 16L], file.GetTensor("blk.1.attn_k.weight").Shape);
        Assert.Equal([64L, 32L], file.GetTensor("blk.1.ffn_down.weight").Shape);
        Assert.Equal(2 + 2 * 9 + 1, file.Tensors.Count);
    }

    [Fact]
    public void Save_Tied_OmitsOutputAndLoadsTied()
    {
        var config = Config(tied: true);
        var path = PathFor("tied.gguf");
        LlamaGguf.Save(path, config, Weights(config, 4), TokenizerVocabulary.CreateByteLevel(), GgufTensorType.F16, "tied");

        var model = LlamaGguf.Load(path);

        Assert.Null(model.File.FindTensor("output.weight"));
        Assert.True(model.Config.TiedEmbeddings);
        Assert.Null(model.Weights.Output);
        Assert.Equal(1u, model.File.GetUInt32("general.file_type"));
    }

    [Fact]
    public void Save_Q8WithDimNotMultipleOf32_ThrowsNamingDims()
    {
        var config = Config() with { Dim = 24, Heads = 4, KvHeads = 2 };
        var e = Assert.Throws<ArgumentException>(() => LlamaGguf.Save(PathFor("x.gguf"), config, Weights(config, 5), TokenizerVocabulary.CreateByteLevel(), GgufTensorType.Q8_0, "x"));
        Assert.Contains("Dim (24)", e.Message);
    }

    [Fact]
    public void Save_VocabularySizeMismatch_Throws()
    {
        var config = Config() with { VocabSize = 300 };
        Assert.Contains("259 tokens", Assert.Throws<ArgumentException>(() => LlamaGguf.Save(PathFor("x.gguf"), config, Weights(config, 6), TokenizerVocabulary.CreateByteLevel(), GgufTensorType.F32, "x")).Message);
    }

    /// <summary>Copies a saved model, letting the test drop or change one key or tensor.</summary>
    private string Rewrite(string name, Func<string, GgufValue, GgufValue?> key, Func<GgufTensorInfo, (long[] Shape, float[] Data)?> tensor)
    {
        var config = Config();
        var source = PathFor("source.gguf");
        LlamaGguf.Save(source, config, Weights(config, 7), TokenizerVocabulary.CreateByteLevel(), GgufTensorType.F32, "src");
        var file = GgufFile.Read(source);
        var w = new GgufWriter();
        foreach (var (k, v) in file.MetadataEntries)
        {
            if (key(k, v) is { } value)
                w.Add(k, value);
        }
        foreach (var t in file.Tensors)
        {
            if (tensor(t) is { } replaced)
                w.AddTensor(t.Name, replaced.Data, replaced.Shape, t.Type);
        }
        var path = PathFor(name);
        w.WriteTo(path);
        return path;
    }

    [Fact]
    public void Load_MissingFeedForwardLength_FailsNamingKey()
    {
        var path = Rewrite("noffn.gguf", (k, v) => k == "llama.feed_forward_length" ? null : v, t => (t.Shape.ToArray(), new float[t.ElementCount]));
        var e = Assert.Throws<GgufFormatException>(() => LlamaGguf.Load(path));
        Assert.Contains("llama.feed_forward_length", e.Message);
        Assert.Contains("noffn.gguf", e.Message);
    }

    [Fact]
    public void Load_MistypedKey_FailsNamingKey()
    {
        var path = Rewrite("typed.gguf", (k, v) => k == "llama.attention.layer_norm_rms_epsilon" ? GgufValue.FromString("tiny") : v, t => (t.Shape.ToArray(), new float[t.ElementCount]));
        Assert.Contains("layer_norm_rms_epsilon", Assert.Throws<GgufFormatException>(() => LlamaGguf.Load(path)).Message);
    }

    [Fact]
    public void Load_MissingTensor_FailsNamingTensor()
    {
        var path = Rewrite("missing.gguf", (_, v) => v, t => t.Name == "blk.1.ffn_up.weight" ? null : (t.Shape.ToArray(), new float[t.ElementCount]));
        Assert.Contains("'blk.1.ffn_up.weight' is missing", Assert.Throws<GgufFormatException>(() => LlamaGguf.Load(path)).Message);
    }

    [Fact]
    public void Load_WrongShape_FailsNamingTensorAndShapes()
    {
        var path = Rewrite("shape.gguf", (_, v) => v, t => t.Name == "blk.0.attn_k.weight" ? ([16, 32], new float[512]) : (t.Shape.ToArray(), new float[t.ElementCount]));
        var e = Assert.Throws<GgufFormatException>(() => LlamaGguf.Load(path));
        Assert.Contains("'blk.0.attn_k.weight' has shape [16, 32]", e.Message);
        Assert.Contains("[32, 16]", e.Message);
    }

    [Fact]
    public void Load_RopeDimensionNotHeadSize_Fails()
    {
        var path = Rewrite("rope.gguf", (k, v) => k == "llama.rope.dimension_count" ? GgufValue.FromUInt32(4) : v, t => (t.Shape.ToArray(), new float[t.ElementCount]));
        Assert.Contains("rope.dimension_count", Assert.Throws<GgufFormatException>(() => LlamaGguf.Load(path)).Message);
    }

    [Fact]
    public void Load_OtherArchitecture_Fails()
    {
        var path = Rewrite("arch.gguf", (k, v) => k == "general.architecture" ? GgufValue.FromString("gpt2") : v, t => (t.Shape.ToArray(), new float[t.ElementCount]));
        Assert.Contains("'gpt2'", Assert.Throws<GgufFormatException>(() => LlamaGguf.Load(path)).Message);
    }
}
