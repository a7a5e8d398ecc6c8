namespace InferScale.Engine;

/// <summary>
/// Named model shapes for benchmarks and tests (random weights via <see cref="RandomWeights"/>).
/// <c>1m</c>: dim 128, 4 layers, 4 heads, 2 KV heads, hidden 384, vocab 512 (≈0.9M parameters).
/// <c>25m</c>: dim 512, 8 layers, 8 heads, 2 KV heads, hidden 1280, vocab 4096 (≈25.2M parameters); with GQA its
/// float32 KV cache is 8 KiB per position, so 256 sequences × 512 positions take 1 GiB (plus ~100 MB of weights).
/// </summary>
public static class BenchModels
{
    /// <summary>The ≈1M-parameter preset.</summary>
    public static TransformerConfig Tiny1M { get; } = new()
    {
        VocabSize = 512, Dim = 128, Layers = 4, Heads = 4, KvHeads = 2, HiddenDim = 384, ContextLength = 1024,
    };

    /// <summary>The ≈25M-parameter preset.</summary>
    public static TransformerConfig Small25M { get; } = new()
    {
        VocabSize = 4096, Dim = 512, Layers = 8, Heads = 8, KvHeads = 2, HiddenDim = 1280, ContextLength = 1024,
    };

    /// <summary>Preset names, smallest first.</summary>
    public static IReadOnlyList<string> Names { get; } = ["1m", "25m"];

    /// <summary>The preset called <paramref name="name"/> (<c>1m</c> or <c>25m</c>).</summary>
    public static TransformerConfig Get(string name) => name switch
    {
        "1m" => Tiny1M,
        "25m" => Small25M,
        _ => throw new ArgumentException($"Unknown model preset '{name}'; use one of: {string.Join(", ", Names)}.", nameof(name)),
    };
}
