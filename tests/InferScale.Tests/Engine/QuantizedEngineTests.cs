using InferScale.Engine;
using InferScale.Engine.Gguf;
using InferScale.Tests.Support;

namespace InferScale.Tests.Engine;

/// <summary>Q8_0 weights kept quantised: the engine's logits are bit-identical to those over the dequantised weights, and batch-invariant.</summary>
public sealed class QuantizedEngineTests : IDisposable
{
    private static readonly TransformerConfig Config = new()
    {
        VocabSize = 43, Dim = 64, Layers = 2, Heads = 4, KvHeads = 2, HiddenDim = 96, ContextLength = 128,
    };

    private readonly string _dir = Directory.CreateTempSubdirectory("inferscale-q8-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static WeightMatrix Q8(WeightMatrix m, int columns) => WeightMatrix.FromQ8(Q8Matrix.Quantize(m.ToFloat32(), columns));

    private static TransformerWeights Quantized(TransformerConfig c, TransformerWeights w) => new()
    {
        TokenEmbedding = Q8(w.TokenEmbedding, c.Dim),
        Layers = [.. w.Layers.Select(l => new LayerWeights
        {
            AttnNorm = l.AttnNorm, Wq = Q8(l.Wq, c.Dim), Wk = Q8(l.Wk, c.Dim), Wv = Q8(l.Wv, c.Dim), Wo = Q8(l.Wo, c.Dim),
            FfnNorm = l.FfnNorm, WGate = Q8(l.WGate, c.Dim), WUp = Q8(l.WUp, c.Dim), WDown = Q8(l.WDown, c.HiddenDim),
        })],
        FinalNorm = w.FinalNorm,
        Output = w.Output is null ? null : Q8(w.Output, c.Dim),
    };

    private static int[] Tokens(int seed, int length, int vocab)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, length).Select(_ => random.Next(vocab))];
    }

    /// <summary>
    /// Prefills a target sequence (chunked by 16 rows) among <paramref name="others"/> other sequences of other lengths,
    /// then decodes 6 steps in lock-step with all of them; returns the target's logits after the prompt and each step.
    /// </summary>
    private static List<float[]> Run(TransformerConfig c, TransformerWeights w, int threads, int others)
    {
        var vocab = c.VocabSize;
        using var s = new EngineSession(c, w, new EngineOptions { Threads = threads, MaxBatchRows = 16, MaxBatchSize = 16 });
        var seqs = new List<SequenceHandle>();
        for (var i = 0; i < others; i++)
        {
            var o = s.CreateSequence();
            s.Prefill(o, Tokens(100 + i, 5 + 3 * i, vocab), []);
            seqs.Add(o);
        }
        var target = s.CreateSequence();
        var at = others / 2;
        seqs.Insert(at, target);
        var result = new List<float[]>();
        var first = new float[vocab];
        s.Prefill(target, Tokens(1, 37, vocab), first);
        result.Add(first);
        var logits = new float[seqs.Count * vocab];
        var tokens = new int[seqs.Count];
        foreach (var t in Tokens(2, 6, vocab))
        {
            for (var i = 0; i < seqs.Count; i++)
                tokens[i] = i == at ? t : (t + i) % vocab;
            s.DecodeStep(seqs.ToArray(), tokens, logits);
            result.Add(logits.AsSpan(at * vocab, vocab).ToArray());
        }
        return result;
    }

    private static void AssertBitIdentical(List<float[]> expected, List<float[]> actual, string what)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var step = 0; step < expected.Count; step++)
            Assert.True(expected[step].AsSpan().SequenceEqual(actual[step]), $"{what}: logits differ at step {step}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Forward_Q8KeptOrDequantized_AloneOrBatchedOrThreaded_LogitsAreBitIdentical(bool tied)
    {
        var config = Config with { TiedEmbeddings = tied };
        var kept = Quantized(config, RandomWeights.Create(config, seed: 3));
        var dequantized = kept.ToFloat32();
        Assert.Equal(GgufTensorType.Q8_0, kept.Layers[1].WDown.StorageType);
        Assert.Equal(GgufTensorType.F32, dequantized.Layers[1].WDown.StorageType);

        var reference = Run(config, dequantized, threads: 1, others: 0);
        AssertBitIdentical(reference, Run(config, kept, threads: 1, others: 0), "kept Q8_0, alone");
        AssertBitIdentical(reference, Run(config, kept, threads: 2, others: 9), "kept Q8_0, batched with 9 others, 2 threads");
        AssertBitIdentical(reference, Run(config, dequantized, threads: 2, others: 4), "dequantised, batched with 4 others, 2 threads");
    }

    public static TheoryData<string> PolicyModels() => ShippedModels.Policies();

    [Theory]
    [MemberData(nameof(PolicyModels))]
    public void Load_ShippedPolicyWrittenAsQ8_KeptAndDequantizedLoadsGiveBitIdenticalLogits(string model)
    {
        var source = LlamaGguf.Load(Path.Combine(RepoPaths.Root, "models", model));
        var path = Path.Combine(_dir, "q8.gguf");
        LlamaGguf.Save(path, source.Config, source.Weights, source.Vocabulary, GgufTensorType.Q8_0, source.Name);

        var kept = LlamaGguf.Load(path);
        var dequantized = LlamaGguf.Load(path, new LlamaLoadOptions { KeepQuantized = false });

        Assert.Equal(GgufTensorType.Q8_0, kept.Weights.Layers[0].Wq.StorageType);
        Assert.Equal(GgufTensorType.F32, dequantized.Weights.Layers[0].Wq.StorageType);
        Assert.True(kept.Weights.ByteSize * 3 < dequantized.Weights.ByteSize, $"{kept.Weights.ByteSize} bytes kept vs {dequantized.Weights.ByteSize} dequantised");
        var reference = Run(kept.Config, dequantized.Weights, threads: 1, others: 0);
        AssertBitIdentical(reference, Run(kept.Config, kept.Weights, threads: 1, others: 0), $"{model} kept Q8_0, alone");
        AssertBitIdentical(reference, Run(kept.Config, kept.Weights, threads: 2, others: 5), $"{model} kept Q8_0, batched with 5 others, 2 threads");
    }
}
