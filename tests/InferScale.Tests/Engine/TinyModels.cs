using InferScale.Engine;

namespace InferScale.Tests.Engine;

/// <summary>Small random models for fast engine tests (head size 12 and hidden 72 exercise the kernels' scalar tails).</summary>
internal static class TinyModels
{
    public static TransformerConfig Config { get; } = new()
    {
        VocabSize = 40, Dim = 48, Layers = 2, Heads = 4, KvHeads = 2, HiddenDim = 72, ContextLength = 256,
    };

    public static TransformerWeights Weights { get; } = RandomWeights.Create(Config, seed: 7);

    public static EngineSession Session(int threads = 1, int maxBatchRows = 256, int blockSize = 16) =>
        new(Config, Weights, new EngineOptions { Threads = threads, MaxBatchRows = maxBatchRows, MaxBatchSize = Math.Min(maxBatchRows, 256), KvBlockSize = blockSize });

    public static int[] Tokens(int seed, int length)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, length).Select(_ => random.Next(2, Config.VocabSize))];
    }
}
