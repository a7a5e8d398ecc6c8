using BenchmarkDotNet.Attributes;
using InferScale.Engine;
using InferScale.Engine.Gguf;

namespace InferScale.Benchmarks;

/// <summary>Loading a ~13M-parameter llama GGUF from disk into float32, per storage type (throughput = file size / time).</summary>
[MemoryDiagnoser]
public class GgufReadBenchmarks
{
    private string _path = "";

    [Params(GgufTensorType.F32, GgufTensorType.F16, GgufTensorType.Q8_0)]
    public GgufTensorType Type { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var c = new TransformerConfig { VocabSize = 259, Dim = 512, Layers = 4, Heads = 8, KvHeads = 8, HiddenDim = 1408, ContextLength = 512 };
        var random = new Random(1);
        float[] R(long n) => Enumerable.Range(0, (int)n).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        var weights = new TransformerWeights
        {
            TokenEmbedding = R((long)c.VocabSize * c.Dim),
            Layers = Enumerable.Range(0, c.Layers).Select(_ => new LayerWeights
            {
                AttnNorm = R(c.Dim), Wq = R(c.Dim * c.Dim), Wk = R(c.KvDim * c.Dim), Wv = R(c.KvDim * c.Dim), Wo = R(c.Dim * c.Dim),
                FfnNorm = R(c.Dim), WGate = R(c.HiddenDim * c.Dim), WUp = R(c.HiddenDim * c.Dim), WDown = R(c.Dim * c.HiddenDim),
            }).ToArray(),
            FinalNorm = R(c.Dim),
            Output = R((long)c.VocabSize * c.Dim),
        };
        _path = Path.Combine(Path.GetTempPath(), $"inferscale-bench-{Type}.gguf");
        LlamaGguf.Save(_path, c, weights, TokenizerVocabulary.CreateByteLevel(), Type, "bench");
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_path);

    /// <summary>File size in MB, to turn times into MB/s.</summary>
    public double FileMegabytes => new FileInfo(_path).Length / 1e6;

    [Benchmark]
    public int Load() => LlamaGguf.Load(_path).Weights.Layers.Length;
}
