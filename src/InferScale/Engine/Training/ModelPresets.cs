namespace InferScale.Engine.Training;

/// <summary>
/// The shapes of the project's own models (byte-level vocabulary of 259, tied embeddings, context 256):
/// <c>tiny</c> (dim 32, 2 layers, 4 heads / 2 kv, hidden 64: 26,880 parameters, for tests),
/// <c>0.3m</c> (dim 64, 6 layers, 4 heads / 2 kv, hidden 192: 312,320 parameters) and
/// <c>3m</c> (dim 192, 6 layers, 6 heads / 6 kv, hidden 576: 2,927,616 parameters).
/// </summary>
public static class ModelPresets
{
    /// <summary>Preset names, smallest first.</summary>
    public static IReadOnlyList<string> Names { get; } = ["tiny", "0.3m", "3m"];

    /// <summary>The shape named <paramref name="name"/> for a vocabulary of <paramref name="vocabSize"/> tokens.</summary>
    /// <exception cref="ArgumentException">Unknown name (the message lists the known ones).</exception>
    public static TransformerConfig Get(string name, int vocabSize) => name switch
    {
        "tiny" => Shape(vocabSize, 32, 2, 4, 2, 64),
        "0.3m" => Shape(vocabSize, 64, 6, 4, 2, 192),
        "3m" => Shape(vocabSize, 192, 6, 6, 6, 576),
        _ => throw new ArgumentException($"Unknown model preset '{name}'; known: {string.Join(", ", Names)}.", nameof(name)),
    };

    private static TransformerConfig Shape(int vocab, int dim, int layers, int heads, int kvHeads, int hidden) => new()
    {
        VocabSize = vocab,
        Dim = dim,
        Layers = layers,
        Heads = heads,
        KvHeads = kvHeads,
        HiddenDim = hidden,
        ContextLength = 256,
        TiedEmbeddings = true,
    };
}
